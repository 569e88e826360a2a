/**
 * Depthwise convolutions (each output channel reads only its own input channel) by chunks
 * of channels: staging, the kernel, the compaction and the copies out of one chunk then
 * stay in L2 (with its output region) instead of each streaming the whole layer through
 * memory (measured 5–8 % on a 32×112×112 depthwise 3×3). Each chunk is an independent
 * depthwise convolution on a slice of the channels, so the values are the same.
 */
import type { Conv2dInfo } from "../conv2dInfo";
import type { ConvFollowers } from "../convFollowers";
import { wasmConv2dChannelRange } from "./wasmConv";
import type { WasmKernels } from "./wasmInstance";

/** Staged input one chunk should span, bytes. */
const CHUNK_BYTES = 192 * 1024;

type ChannelRange = (
  kernels: WasmKernels, info: Conv2dInfo, input: Float32Array, weights: Float32Array, bias: Float32Array | null,
  output: Float32Array, outStart: number, outEnd: number, relu?: boolean, inputUnchanged?: boolean, followers?: ConvFollowers | null,
) => void;

/** wasmConv2dChannelRange, by chunks of channels for a large depthwise range. */
export const wasmConv2dChannelRangeInChunks: ChannelRange = (
  kernels, info, input, weights, bias, output, outStart, outEnd, relu = false, inputUnchanged = false, followers = null,
) => {
  const chunk = chunkChannels(info);
  if (chunk >= outEnd - outStart) {
    wasmConv2dChannelRange(kernels, info, input, weights, bias, output, outStart, outEnd, relu, inputUnchanged, followers);
    return;
  }
  const inPlane = info.inHeight * info.inWidth;
  const outPlane = info.outHeight * info.outWidth;
  const taps = info.kernelHeight * info.kernelWidth;
  for (let first = outStart; first < outEnd; first += chunk) {
    const last = Math.min(outEnd, first + chunk);
    const channels = last - first;
    const slice = { ...info, inChannels: channels, outChannels: channels, groups: channels };
    const chunkWeights = weights.subarray((first - outStart) * taps, (last - outStart) * taps);
    wasmConv2dChannelRange(
      kernels, slice, input.subarray(first * inPlane, last * inPlane), chunkWeights, bias?.subarray(first, last) ?? null,
      output.subarray(first * outPlane, last * outPlane), 0, channels, relu, false,
      followers === null ? null : followersSlice(followers, first, last, outPlane),
    );
  }
  // The staged input was a slice: nothing later may continue from it.
  kernels.stagedInput = null;
};

/** Channels per chunk: all of them unless the convolution is depthwise (one input and one output channel per group). */
function chunkChannels(info: Conv2dInfo): number {
  if (info.inChannelsPerGroup !== 1 || info.outChannelsPerGroup !== 1) return Infinity;
  const stagedBytes = 4 * (info.inHeight + info.padTop + info.padBottom + info.strideHeight)
    * (info.inWidth + info.padLeft + info.padRight + info.strideWidth);
  return Math.max(1, Math.floor(CHUNK_BYTES / stagedBytes));
}

function followersSlice(followers: ConvFollowers, first: number, last: number, outPlane: number): ConvFollowers {
  const { batchNorm, relu } = followers;
  return {
    batchNorm: batchNorm === null ? null : {
      scale: batchNorm.scale.subarray(first, last), shift: batchNorm.shift.subarray(first, last),
      output: batchNorm.output.subarray(first * outPlane, last * outPlane),
    },
    relu: relu === null ? null : { output: relu.output.subarray(first * outPlane, last * outPlane) },
  };
}
