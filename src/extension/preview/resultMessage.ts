/**
 * The runner's result → the small, JSON-safe result the view gets: statistics of every layer
 * that ran, the selected layer's maps as base64 8-bit pixels, kernels and values as numbers.
 */
import type { FeatureMapPreview, KernelPreview, LayerRunResult, RunResult } from "../../core/runner/runTypes";
import type { Analysis } from "../../engine/types";
import type { PreviewFeatureMaps, PreviewInputImage, PreviewKernels, PreviewLayerData, PreviewLayerStats, PreviewResultData } from "../../protocol";

/** Image files larger than this are not sent to the view to be drawn (the run still uses them). */
export const MAX_INPUT_BYTES = 8 * 1024 * 1024;

export interface ResultContext {
  docVersion: number;
  imageId: string;
  layerId: string;
  /** The analysis the run used (with any flip override). */
  analysis: Analysis;
  flipOverridden: boolean;
  milliseconds: number;
  /** The image bytes, when the view asked for them. */
  inputBytes?: Uint8Array;
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/** JSON has no NaN or Infinity: a map of non-finite values shows its range as 0. */
function finite(value: number): number {
  return Number.isFinite(value) ? value : 0;
}

function layerStats(layer: LayerRunResult): PreviewLayerStats {
  return { id: layer.id, index: layer.index, type: layer.type, shape: layer.shape, stats: layer.stats };
}

function featureMaps(maps: FeatureMapPreview): PreviewFeatureMaps {
  return {
    channels: maps.channels,
    firstChannel: maps.firstChannel,
    height: maps.height,
    width: maps.width,
    maps: maps.maps.map((map) => ({
      width: map.width, height: map.height, minimum: finite(map.minimum), maximum: finite(map.maximum), pixels: toBase64(map.pixels),
    })),
  };
}

function kernels(preview: KernelPreview): PreviewKernels {
  const { data, ...rest } = preview;
  return { ...rest, minimum: finite(rest.minimum), maximum: finite(rest.maximum), values: Array.from(data, finite) };
}

function selectedData(layer: LayerRunResult, analysis: Analysis): PreviewLayerData {
  const data: PreviewLayerData = layerStats(layer);
  if (layer.featureMaps) data.featureMaps = featureMaps(layer.featureMaps);
  if (layer.vector) data.vector = { length: layer.vector.length, values: Array.from(layer.vector.values, finite) };
  if (layer.kernels) data.kernels = kernels(layer.kernels);
  const resolved = analysis.nodes.find((node) => node.id === layer.id)?.layer;
  if (resolved?.type === "conv2d") data.flipKernel = resolved.flipKernel;
  return data;
}

function inputImage(bytes: Uint8Array): PreviewInputImage {
  return bytes.byteLength > MAX_INPUT_BYTES
    ? { tooLarge: true, byteLength: bytes.byteLength }
    : { bytes: toBase64(bytes), byteLength: bytes.byteLength };
}

/** A finished (not cancelled) run as the view's result. */
export function toPreviewResult(result: RunResult, context: ResultContext): PreviewResultData {
  if (result.status === "cancelled") throw new Error("toPreviewResult: a cancelled run has no result");
  const selectedLayer = result.layers.find((layer) => layer.id === context.layerId);
  const data: PreviewResultData = {
    docVersion: context.docVersion,
    imageId: context.imageId,
    layerId: context.layerId,
    status: result.status,
    completed: result.completed,
    total: result.total,
    milliseconds: context.milliseconds,
    layers: result.layers.map(layerStats),
    selected: selectedLayer ? selectedData(selectedLayer, context.analysis) : null,
    flipOverridden: context.flipOverridden,
  };
  if (result.stoppedAt) data.stoppedAt = { layerId: result.stoppedAt.layerId, reason: result.stoppedAt.reason };
  if (context.inputBytes) data.input = inputImage(context.inputBytes);
  return data;
}
