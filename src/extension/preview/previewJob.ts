/**
 * From a view's run request to the worker's job (pure): the seed, the flip override on the
 * selected conv2d (a changed copy of the analysis, never the file) and what to display.
 */
import { MAX_DISPLAY_SIDE } from "../../core/runner/previews";
import type { PreviewJob, PreviewRunOptions } from "../../core/worker/protocol";
import type { Analysis } from "../../engine/types";
import type { PreviewRunRequest } from "../../protocol";
import { previewLimits } from "./previewBudget";

export interface PreviewSettings {
  /** cnnDesigner.preview.channelCap */
  channelCap: number;
  /** cnnDesigner.preview.seed: used when the file has no top-level `seed`. */
  previewSeed: number;
  /** cnnDesigner.preview.maxMemoryMB (DEFAULT_MAX_MEMORY_MB when absent). */
  maxMemoryMB?: number;
}

/** cnnDesigner.preview.channelCap: default and range (package.json says the same). */
export const CHANNEL_CAP = { default: 16, minimum: 1, maximum: 256 } as const;
/**
 * cnnDesigner.preview.maxMemoryMB: default and range (package.json says the same). The largest
 * template, VGG-16 at 224×224, is estimated at 63 MB (38 MB counted by the allocation guard,
 * its 103 M-weight classifier generated in 16 MB blocks); 512 MB leaves 8× headroom for
 * larger inputs while a runaway preview stays far from what takes an extension host down.
 */
export const MAX_MEMORY_MB = { default: 512, minimum: 128, maximum: 4096 } as const;

/** Settings are hostile input: a whole number within [minimum, maximum], the default when not a number. */
export function clampSetting(value: unknown, range: { default: number; minimum: number; maximum: number }): number {
  if (typeof value !== "number" || !Number.isFinite(value)) return range.default;
  return Math.min(range.maximum, Math.max(range.minimum, Math.floor(value)));
}

/** The settings with every value in range. */
export function clampedSettings(settings: PreviewSettings): Required<PreviewSettings> {
  return {
    channelCap: clampSetting(settings.channelCap, CHANNEL_CAP),
    previewSeed: settings.previewSeed,
    maxMemoryMB: clampSetting(settings.maxMemoryMB ?? MAX_MEMORY_MB.default, MAX_MEMORY_MB),
  };
}

/** "Show all channels": every channel up to this many (ResNet-18's widest layer has 512). */
export const ALL_CHANNELS_LIMIT = 1024;
/** Kernels sent with "show all channels". */
export const ALL_KERNELS_LIMIT = 64;
/** Feature maps are area-downsampled to at most this many pixels each for display. */
export const MAX_DISPLAY_PIXELS = 256 * 256;
/** Total displayed pixels per result; more channels mean smaller maps. */
export const MAX_TOTAL_DISPLAY_PIXELS = 1024 * 1024;

/** The analysis the run uses: the settings' seed when the file has none, flipKernel overridden on one conv2d. */
export function analysisForRun(analysis: Analysis, request: Pick<PreviewRunRequest, "layerId" | "flipKernel">, seed: number): Analysis {
  const flip = request.flipKernel;
  const nodes = !overridesFlip(analysis, request) ? analysis.nodes : analysis.nodes.map((node) => {
    if (node.id !== request.layerId || node.layer?.type !== "conv2d") return node;
    return { ...node, layer: { ...node.layer, flipKernel: flip === true } };
  });
  return nodes === analysis.nodes && seed === analysis.seed ? analysis : { ...analysis, nodes, seed };
}

/** True when the request really changes the selected layer's flipKernel. */
export function overridesFlip(analysis: Analysis, request: Pick<PreviewRunRequest, "layerId" | "flipKernel">): boolean {
  const layer = analysis.nodes.find((node) => node.id === request.layerId)?.layer;
  return request.flipKernel !== undefined && layer?.type === "conv2d" && layer.flipKernel !== request.flipKernel;
}

/** The runner options: run up to the selected layer and display only it. */
export function runOptionsFor(analysis: Analysis, request: PreviewRunRequest, settings: PreviewSettings): PreviewRunOptions {
  const { channelCap, maxMemoryMB } = clampedSettings(settings);
  const node = analysis.nodes.find((candidate) => candidate.id === request.layerId);
  const channels = node?.outputShape?.length === 3 ? node.outputShape[0] : 1;
  const shownChannels = request.allChannels ? Math.min(channels, ALL_CHANNELS_LIMIT) : Math.min(channels, channelCap);
  const limits = previewLimits(maxMemoryMB);
  const perMapPixels = Math.max(16 * 16, Math.min(MAX_DISPLAY_PIXELS, Math.floor(MAX_TOTAL_DISPLAY_PIXELS / Math.max(1, shownChannels))));
  return {
    upToLayerId: request.layerId,
    displayLayers: [request.layerId],
    maxChannels: shownChannels,
    maxDisplayPixels: perMapPixels,
    maxDisplaySide: MAX_DISPLAY_SIDE,
    maxKernelFilters: request.allChannels ? ALL_KERNELS_LIMIT : Math.min(channelCap, ALL_KERNELS_LIMIT),
    maxKernelChannels: 1,
    maxVectorValues: 1024,
    memoryLimitBytes: limits.memoryBytes,
    macsLimit: limits.macs,
  };
}

export function buildPreviewJob(
  analysis: Analysis, request: PreviewRunRequest, settings: PreviewSettings, seedWritten: boolean, bytes: Uint8Array,
): PreviewJob {
  const runAnalysis = analysisForRun(analysis, request, seedWritten ? analysis.seed : settings.previewSeed);
  return { analysis: runAnalysis, image: { kind: "encoded", bytes }, options: runOptionsFor(runAnalysis, request, settings) };
}
