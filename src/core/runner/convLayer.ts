/**
 * conv2d layers of the runner, by ranges of output channels: the one-worker runner asks for
 * every channel, each worker of a two-worker run for its share (parallel/layerRange.ts).
 * Channels are independent, so any split gives the same values bit for bit. Within a range
 * the work goes in blocks of filters: each block's weights are generated just before use
 * (unless the layer's weights are cached whole) and cancellation is checked between blocks.
 */
import type { ResolvedConv } from "../../engine/types";
import { applyActivation } from "../activations";
import { kernelBackend } from "../backend";
import { computeConv2dInfo, type Conv2dInfo } from "../conv2dInfo";
import { applyFollowers, type ConvFollowers } from "../convFollowers";
import { padConvInput } from "../kernels/padInput";
import type { Tensor } from "../tensor";
import { convBias, convWeightBlock, type WeightContext } from "../weights/previewWeights";
import { cachedConvWeights, convWeightsCacheable } from "./weightCache";
import { allocateFloats, releaseFloats } from "../budget/allocationGuard";

/** Weights and bias given instead of preview weights (layer layout: [O, C/groups, kh, kw] or [units, F]). */
export interface GivenWeights {
  weights: Float32Array;
  bias: Float32Array | null;
}

export interface LayerContext extends WeightContext {
  /** Throws the runner's cancellation signal when the run should stop. */
  checkCancelled: () => void;
  /** Weights of this layer given by the caller, if any. */
  given?: GivenWeights;
}

/** Weights generated at once, at most (4 M floats = 16 MB). */
export const MAX_BLOCK_WEIGHTS = 4 * 1024 * 1024;
/** Multiply-accumulates between two cancellation checks. */
export const MAX_BLOCK_MACS = 32 * 1024 * 1024;

/** Filters per block of a conv2d layer (at least one, whatever its size). */
export function filtersPerBlock(weightsPerFilter: number, outPlane: number): number {
  return Math.max(1, Math.min(
    Math.floor(MAX_BLOCK_WEIGHTS / weightsPerFilter), Math.floor(MAX_BLOCK_MACS / (weightsPerFilter * outPlane)),
  ));
}

interface PreparedConv {
  info: Conv2dInfo;
  input: Float32Array;
  outChannels: number;
  outPlane: number;
  weightsPerFilter: number;
  blockFilters: number;
  bias: Float32Array | null;
  whole: Float32Array | null;
  fuseRelu: boolean;
}

function prepareConv(layer: ResolvedConv, x: Tensor, context: LayerContext): PreparedConv {
  const inPerGroup = layer.inChannels / layer.groups;
  const unpadded = computeConv2dInfo(x.shape, [layer.filters, inPerGroup, ...layer.kernel], {
    stride: layer.stride, padding: layer.padding, dilation: layer.dilation, groups: layer.groups, flip: layer.flipKernel,
  });
  const weightsPerFilter = inPerGroup * layer.kernel[0] * layer.kernel[1];
  const backend = kernelBackend();
  const padded = padConvInput(unpadded, x.data, backend.padsItself === true);
  const given = context.given;
  return {
    info: padded.info,
    input: padded.input,
    outChannels: unpadded.outChannels,
    outPlane: unpadded.outHeight * unpadded.outWidth,
    weightsPerFilter,
    blockFilters: filtersPerBlock(weightsPerFilter, unpadded.outHeight * unpadded.outWidth),
    bias: given !== undefined ? given.bias : convBias(layer, context),
    whole: given !== undefined ? given.weights : convWeightsCacheable(layer) ? cachedConvWeights(layer, context) : null,
    fuseRelu: layer.activation?.type === "relu" && backend.fusesRelu === true,
  };
}

/**
 * Output channels [start, end) of a conv2d layer into `output` ([O, H', W'] data), with its
 * activation unless that is softmax (across channels: the caller applies it to the whole output).
 * `continued`: the previous call computed other channels of this layer on the same input.
 */
export function convChannelRange(
  layer: ResolvedConv, x: Tensor, output: Float32Array, start: number, end: number, context: LayerContext, continued = false,
  followers: ConvFollowers | null = null,
): void {
  const prepared = prepareConv(layer, x, context);
  const { weightsPerFilter, whole } = prepared;
  const backend = kernelBackend();
  const fused = followers !== null && backend.fusesFollowers === true ? followers : undefined;
  for (let first = start; first < end; first += prepared.blockFilters) {
    context.checkCancelled();
    const last = Math.min(end, first + prepared.blockFilters);
    const weights = whole === null
      ? convWeightBlock(layer, context, first, last)
      : whole.subarray(first * weightsPerFilter, last * weightsPerFilter);
    backend.conv2dChannelRange(
      prepared.info, prepared.input, weights, prepared.bias, output, first, last, prepared.fuseRelu, continued || first > start, fused,
    );
    if (whole === null) releaseFloats(weights);
  }
  if (followers !== null && fused === undefined) applyFollowers(followers, output, start, end, prepared.outPlane);
  if (prepared.input !== x.data) releaseFloats(prepared.input);
  if (prepared.fuseRelu || layer.activation === undefined || layer.activation.type === "softmax") return;
  const { outPlane } = prepared;
  const range = output.subarray(start * outPlane, end * outPlane);
  const activated = applyActivation({ shape: [range.length], data: range }, layer.activation).data;
  range.set(activated);
  releaseFloats(activated);
}

/**
 * The whole conv2d layer (one worker). `followers` (only for a layer without activation):
 * the batch norm and relu outputs to compute in the same pass (runner/fusion.ts).
 */
export function runConv2d(layer: ResolvedConv, x: Tensor, context: LayerContext, followers: ConvFollowers | null = null): Tensor {
  const info = computeConv2dInfo(x.shape, [layer.filters, layer.inChannels / layer.groups, ...layer.kernel], {
    stride: layer.stride, padding: layer.padding, dilation: layer.dilation, groups: layer.groups,
  });
  const shape = [info.outChannels, info.outHeight, info.outWidth];
  const output = { shape, data: allocateFloats(shape[0] * shape[1] * shape[2]) };
  convChannelRange(layer, x, output.data, 0, layer.filters, context, false, followers);
  return layer.activation?.type === "softmax" ? applyActivation(output, layer.activation) : output;
}
