/**
 * From a view's run request to the worker's job (pure): the seed, the flip override on the
 * selected conv2d (a changed copy of the analysis, never the file) and what to display.
 */
import type { PreviewJob, PreviewRunOptions } from "../../core/worker/protocol";
import type { Analysis } from "../../engine/types";
import type { PreviewRunRequest } from "../../protocol";

export interface PreviewSettings {
  /** cnnDesigner.preview.channelCap */
  channelCap: number;
  /** cnnDesigner.preview.seed: used when the file has no top-level `seed`. */
  previewSeed: number;
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
  const node = analysis.nodes.find((candidate) => candidate.id === request.layerId);
  const channels = node?.outputShape?.length === 3 ? node.outputShape[0] : 1;
  const shownChannels = request.allChannels ? Math.min(channels, ALL_CHANNELS_LIMIT) : Math.min(channels, settings.channelCap);
  const perMapPixels = Math.max(16 * 16, Math.min(MAX_DISPLAY_PIXELS, Math.floor(MAX_TOTAL_DISPLAY_PIXELS / Math.max(1, shownChannels))));
  return {
    upToLayerId: request.layerId,
    displayLayers: [request.layerId],
    maxChannels: shownChannels,
    maxDisplayPixels: perMapPixels,
    maxKernelFilters: request.allChannels ? ALL_KERNELS_LIMIT : settings.channelCap,
    maxKernelChannels: 1,
    maxVectorValues: 1024,
  };
}

export function buildPreviewJob(analysis: Analysis, request: PreviewRunRequest, settings: PreviewSettings, seedWritten: boolean, bytes: Uint8Array): PreviewJob {
  const runAnalysis = analysisForRun(analysis, request, seedWritten ? analysis.seed : settings.previewSeed);
  return { analysis: runAnalysis, image: { kind: "encoded", bytes }, options: runOptionsFor(runAnalysis, request, settings) };
}
