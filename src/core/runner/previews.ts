/** Display-ready extracts of a layer: feature maps, 1-D values and kernel heatmaps. */
import type { ResolvedConv, ResolvedConvTranspose } from "../../engine/types";
import { channelToGray8 } from "../image/display";
import type { Tensor } from "../tensor";
import { convTransposeWeights, convWeightBlock, type WeightContext } from "../weights/previewWeights";
import type { FeatureMapPreview, KernelPreview, RunOptions, VectorPreview } from "./runTypes";
import { cachedConvWeights, convWeightsCacheable } from "./weightCache";
import { allocateFloats, releaseFloats } from "../budget/allocationGuard";

export const DEFAULT_MAX_CHANNELS = 16;
export const DEFAULT_MAX_DISPLAY_PIXELS = 256 * 256;
export const DEFAULT_MAX_VECTOR_VALUES = 1024;
/** Feature maps are also downsampled to at most this many pixels a side (a 1×10⁶ map is not 1×65536). */
export const MAX_DISPLAY_SIDE = 1024;
/** Kernels larger than this a side are sent as a summary (shape and counts, no weights). */
export const MAX_KERNEL_PREVIEW_SIDE = 64;
const DEFAULT_MAX_KERNEL_FILTERS = 16;
const DEFAULT_MAX_KERNEL_CHANNELS = 3;


export function buildFeatureMaps(output: Tensor, layerId: string, options: RunOptions): FeatureMapPreview {
  const [channels, height, width] = output.shape;
  const request = options.channelRequests?.[layerId];
  const firstChannel = Math.min(Math.max(0, Math.floor(request?.start ?? 0)), channels - 1);
  const count = Math.max(0, Math.min(Math.floor(request?.count ?? options.maxChannels ?? DEFAULT_MAX_CHANNELS), channels - firstChannel));
  const maxPixels = options.maxDisplayPixels ?? DEFAULT_MAX_DISPLAY_PIXELS;
  const maxSide = Math.min(options.maxDisplaySide ?? MAX_DISPLAY_SIDE, MAX_DISPLAY_SIDE);
  const maps = [];
  for (let channel = firstChannel; channel < firstChannel + count; channel++) {
    maps.push(channelToGray8(output, channel, maxPixels, maxSide));
  }
  return { channels, firstChannel, height, width, maps };
}

export function buildVector(output: Tensor, options: RunOptions): VectorPreview {
  const shown = Math.min(output.data.length, options.maxVectorValues ?? DEFAULT_MAX_VECTOR_VALUES);
  return { length: output.data.length, values: output.data.slice(0, shown) };
}

/** The first filters' weights of a conv ([O, C/groups, kh, kw]) or transposed conv ([C, O/groups, kh, kw], shown per output channel). */
export function buildKernelPreview(
  layer: ResolvedConv | ResolvedConvTranspose, context: WeightContext, options: RunOptions, givenWeights?: Float32Array,
): KernelPreview {
  const [kernelHeight, kernelWidth] = layer.kernel;
  const kernelArea = kernelHeight * kernelWidth;
  const channelsPerFilter = layer.inChannels / layer.groups;
  if (kernelHeight > MAX_KERNEL_PREVIEW_SIDE || kernelWidth > MAX_KERNEL_PREVIEW_SIDE) {
    return {
      filters: layer.filters, channelsPerFilter, kernelHeight, kernelWidth, shownFilters: 0, shownChannels: 0, data: new Float32Array(0),
      minimum: 0, maximum: 0, summarized: true,
    };
  }
  const shownFilters = Math.min(layer.filters, options.maxKernelFilters ?? DEFAULT_MAX_KERNEL_FILTERS);
  const shownChannels = Math.min(channelsPerFilter, options.maxKernelChannels ?? DEFAULT_MAX_KERNEL_CHANNELS);
  const data = allocateFloats(shownFilters * shownChannels * kernelArea);
  const weightAt = layer.type === "conv2d" ? convWeightReader(layer, context, givenWeights) : convTransposeWeightReader(layer, context);
  for (let filter = 0; filter < shownFilters; filter++) {
    for (let channel = 0; channel < shownChannels; channel++) {
      for (let tap = 0; tap < kernelArea; tap++) {
        data[(filter * shownChannels + channel) * kernelArea + tap] = weightAt(filter, channel, tap);
      }
    }
  }
  let minimum = Infinity;
  let maximum = -Infinity;
  for (const value of data) {
    minimum = Math.min(minimum, value);
    maximum = Math.max(maximum, value);
  }
  return { filters: layer.filters, channelsPerFilter, kernelHeight, kernelWidth, shownFilters, shownChannels, data, minimum, maximum };
}

type WeightReader = (filter: number, channel: number, tap: number) => number;

function convWeightReader(layer: ResolvedConv, context: WeightContext, givenWeights?: Float32Array): WeightReader {
  const perFilter = (layer.inChannels / layer.groups) * layer.kernel[0] * layer.kernel[1];
  const kernelArea = layer.kernel[0] * layer.kernel[1];
  const whole = givenWeights ?? (convWeightsCacheable(layer) ? cachedConvWeights(layer, context) : null);
  if (whole !== null) return (filter, channel, tap) => whole[filter * perFilter + channel * kernelArea + tap];
  // Too large to cache: one filter at a time (the reader is called filter by filter).
  let current: { filter: number; weights: Float32Array } = { filter: -1, weights: new Float32Array(0) };
  return (filter, channel, tap) => {
    if (current.filter !== filter) {
      releaseFloats(current.weights);
      current = { filter, weights: convWeightBlock(layer, context, filter, filter + 1) };
    }
    return current.weights[channel * kernelArea + tap];
  };
}

function convTransposeWeightReader(layer: ResolvedConvTranspose, context: WeightContext): WeightReader {
  const weights = convTransposeWeights(layer, context);
  const outPerGroup = layer.filters / layer.groups;
  const inPerGroup = layer.inChannels / layer.groups;
  const kernelArea = layer.kernel[0] * layer.kernel[1];
  return (filter, channel, tap) => {
    const group = Math.floor(filter / outPerGroup);
    const inputChannel = group * inPerGroup + channel;
    return weights[(inputChannel * outPerGroup + (filter % outPerGroup)) * kernelArea + tap];
  };
}
