/**
 * conv2d on the WebAssembly kernels, same contract as kernels/conv2dDirect.ts except that
 * the input may be unpadded with padding in `info` (the backend's `padsItself`): staging
 * (wasmStaging.ts) writes the zeros. The convolution is then a GEMM over the staged pixel
 * axis; columns ox ≥ outWidth of the staged grid are computed and dropped.
 *
 * - inChannelsPerGroup > 1: register-blocked GEMM, weights packed [K][rows] per block of up
 *   to 4 output channels, 8 pixels per block, pixel chunks sized for L2;
 * - inChannelsPerGroup = 1 (depthwise, also single-channel inputs like a Sobel pair):
 *   one output channel at a time, 16 pixels per block.
 *
 * The blocks of one layer are called in increasing channel order on the same input; a call
 * continuing the previous one (outStart = its outEnd, same array and geometry, or any call
 * the caller says has the previous call's input unchanged) reuses the staged input, any other
 * call stages afresh. Fused followers (convFollowers.ts: a batch norm, a relu) are computed
 * in place on the output region once the convolution's values are copied out.
 */
import { releaseFloats } from "../budget/allocationGuard";
import type { Conv2dInfo } from "../conv2dInfo";
import type { ConvFollowers } from "../convFollowers";
import { isConstantWeights } from "../kernels/constantWeights";
import { paddedGeometry, stageInput, stagingNeedsScratch, stagingOf, tapOffsets, type Staging } from "./wasmStaging";
import { packedWeights, rowBlocksOf } from "./wasmPacking";
import { DEPTHWISE_BLOCK_PIXELS, GEMM_BLOCK_PIXELS, GEMM_MAX_ROWS, type KernelExports, type WasmKernels } from "./wasmInstance";

function largest(values: Int32Array): number {
  let best = 0;
  for (const value of values) best = Math.max(best, value);
  return best;
}

/** Bump allocator over byte offsets, 64-byte aligned. */
export class Layout {
  end = 0;
  take(bytes: number): number {
    const start = this.end;
    this.end = start + Math.ceil(bytes / 64) * 64;
    return start;
  }
}

export function wasmConv2dChannelRange(
  kernels: WasmKernels,
  unpadded: Conv2dInfo,
  input: Float32Array,
  weights: Float32Array,
  bias: Float32Array | null,
  output: Float32Array,
  outStart: number,
  outEnd: number,
  relu = false,
  inputUnchanged = false,
  followers: ConvFollowers | null = null,
): void {
  const info = paddedGeometry(unpadded);
  const staging = stagingOf(info);
  const depthwise = info.inChannelsPerGroup === 1;
  const blockPixels = depthwise ? DEPTHWISE_BLOCK_PIXELS : GEMM_BLOCK_PIXELS;
  const gridPixels = info.outHeight * staging.phaseWidth;
  const blocks = Math.ceil(gridPixels / blockPixels);
  const offsets = tapOffsets(info, staging);
  const taps = offsets.length;
  const channels = outEnd - outStart;
  const rowFloats = blocks * blockPixels;
  // Reads reach at most the last group's base + the largest offset + one rounded grid.
  const inputFloats = (info.groups - 1) * info.inChannelsPerGroup * staging.channelFloats + largest(offsets) + rowFloats + 16;
  const stagedFloats = info.inChannels * staging.channelFloats;

  const layout = new Layout();
  const inputAt = layout.take(4 * Math.max(inputFloats, stagedFloats));
  const offsetsAt = layout.take(4 * taps);
  const weightsAt = layout.take(4 * (Math.ceil(channels / GEMM_MAX_ROWS) * GEMM_MAX_ROWS) * taps);
  const biasAt = layout.take(4 * (channels + GEMM_MAX_ROWS));
  const outputAt = layout.take(4 * (channels + GEMM_MAX_ROWS) * rowFloats);
  const scratchAt = layout.take(stagingNeedsScratch(unpadded) ? 4 * input.length : 0);
  const { float32, int32 } = kernels.reserve(layout.end);

  const key = [unpadded.inChannels, unpadded.inHeight, unpadded.inWidth, unpadded.padTop, unpadded.padBottom, unpadded.padLeft, unpadded.padRight, info.strideHeight, info.strideWidth, inputFloats].join(":");
  const staged = kernels.stagedInput;
  const continues = inputUnchanged || (staged?.nextChannel === outStart && outStart !== 0);
  if (staged === null || staged.array !== input || staged.key !== key || !continues) {
    const target = { memory: float32, at: inputAt / 4, extraFloats: Math.max(0, inputFloats - stagedFloats), scratchAt: scratchAt / 4 };
    stageInput(kernels.exports, unpadded, staging, input, target);
  }
  kernels.stagedInput = { array: input, key, nextChannel: outEnd };
  for (let tap = 0; tap < taps; tap++) int32[offsetsAt / 4 + tap] = 4 * offsets[tap];
  for (let channel = 0; channel < channels; channel++) float32[biasAt / 4 + channel] = bias === null ? 0 : bias[outStart + channel];

  const regions = { inputAt, offsetsAt, weightsAt, biasAt, outputAt, rowFloats, blocks, taps };
  if (depthwise) runDepthwise(kernels.exports, float32, info, staging, weights, outStart, outEnd, regions);
  else runGemm(kernels, float32, info, staging, weights, outStart, outEnd, regions);
  copyOut(kernels.exports, float32, outputAt, rowFloats, info, staging, { output, outStart, outEnd, relu, followers });
}

interface Regions {
  inputAt: number; offsetsAt: number; weightsAt: number; biasAt: number; outputAt: number;
  rowFloats: number; blocks: number; taps: number;
}

function runDepthwise(
  exports: KernelExports, memory: Float32Array, info: Conv2dInfo, staging: Staging, weights: Float32Array, outStart: number, outEnd: number,
  regions: Regions,
): void {
  const { taps } = regions;
  for (let co = outStart; co < outEnd; co++) {
    const channel = co - outStart;
    const weightsAt = regions.weightsAt + 4 * channel * taps;
    for (let tap = 0; tap < taps; tap++) {
      memory[weightsAt / 4 + tap] = weights[channel * taps + (info.flip ? taps - 1 - tap : tap)];
    }
    const group = Math.floor(co / info.outChannelsPerGroup);
    const inputAt = regions.inputAt + 4 * group * staging.channelFloats;
    const outputAt = regions.outputAt + 4 * channel * regions.rowFloats;
    exports.depthwise(weightsAt, inputAt, regions.offsetsAt, taps, outputAt, regions.blocks, memory[regions.biasAt / 4 + channel]);
  }
}

/** Bytes of staged input one pixel chunk should span (the chunk then stays in L2 across row blocks). */
const CHUNK_INPUT_BYTES = 96 * 1024;
/** Inputs (per group) up to this size are not chunked. */
const WHOLE_INPUT_BYTES = 256 * 1024;

function runGemm(
  kernels: WasmKernels, memory: Float32Array, info: Conv2dInfo, staging: Staging, weights: Float32Array, outStart: number, outEnd: number,
  regions: Regions,
): void {
  const { taps } = regions;
  const { exports } = kernels;
  const gemms = [exports.gemm1, exports.gemm2, exports.gemm3, exports.gemm4];
  const rowBlocks = rowBlocksOf(info, outStart, outEnd);
  const packed = packedWeights(kernels.packedWeights, info, weights, outStart, outEnd, rowBlocks);
  memory.set(packed, regions.weightsAt / 4);
  if (!isConstantWeights(weights)) releaseFloats(packed);
  const groupBytes = 4 * info.inChannelsPerGroup * staging.channelFloats;
  // Chunks of pixels keep a large input in L2 across the row blocks; a small input stays
  // there anyway, and then one pass per row block streams the weights only once.
  const chunkBlocks = groupBytes <= WHOLE_INPUT_BYTES
    ? regions.blocks
    : Math.max(1, Math.floor(CHUNK_INPUT_BYTES / (4 * info.inChannelsPerGroup * info.strideHeight * info.strideWidth) / GEMM_BLOCK_PIXELS));
  for (let block = 0; block < regions.blocks; block += chunkBlocks) {
    const blocks = Math.min(chunkBlocks, regions.blocks - block);
    const pixelBytes = 4 * block * GEMM_BLOCK_PIXELS;
    for (const { first, rows, group } of rowBlocks) {
      const packedAt = regions.weightsAt + 4 * first * taps;
      const inputAt = regions.inputAt + group * groupBytes + pixelBytes;
      const outputAt = regions.outputAt + 4 * first * regions.rowFloats + pixelBytes;
      gemms[rows - 1](packedAt, inputAt, regions.offsetsAt, taps, outputAt, blocks, 4 * regions.rowFloats, regions.biasAt + 4 * first);
    }
  }
}

interface OutputTarget {
  output: Float32Array;
  outStart: number;
  outEnd: number;
  relu: boolean;
  followers: ConvFollowers | null;
}

/**
 * Drops the grid's extra columns and the block padding by compacting the rows in place in
 * wasm (each row moves to a lower address, in order), then copies the block's channels into
 * the caller's [O, H', W'] output at once (through relu when fused).
 */
function copyOut(
  exports: KernelExports, memory: Float32Array, at: number, rowFloats: number, info: Conv2dInfo, staging: Staging, target: OutputTarget,
): void {
  const { output, outStart, outEnd } = target;
  const { outHeight, outWidth } = info;
  const outPlane = outHeight * outWidth;
  const channels = outEnd - outStart;
  if (staging.phaseWidth === outWidth) {
    if (rowFloats !== outPlane) exports.copyRows(at, 4 * rowFloats, 4, at, 4 * outPlane, channels, outPlane);
  } else {
    for (let channel = 0; channel < channels; channel++) {
      exports.copyRows(
        at + 4 * channel * rowFloats, 4 * staging.phaseWidth, 4, at + 4 * channel * outPlane, 4 * outWidth, outHeight, outWidth,
      );
    }
  }
  if (target.relu) exports.reluInPlace(at, Math.ceil((channels * outPlane) / 4));
  output.set(memory.subarray(at / 4, at / 4 + channels * outPlane), outStart * outPlane);
  if (target.followers !== null) writeFollowers(exports, memory, at, outPlane, target.followers, outStart, outEnd);
}

/**
 * The fused batch norm and relu of the channels at `at` (the convolution's output, already
 * copied out), in place: each written to its own output as soon as it is computed.
 */
function writeFollowers(
  exports: KernelExports, memory: Float32Array, at: number, outPlane: number, followers: ConvFollowers, outStart: number, outEnd: number,
): void {
  const floats = (outEnd - outStart) * outPlane;
  const { batchNorm } = followers;
  if (batchNorm !== null) {
    for (let channel = outStart; channel < outEnd; channel++) {
      exports.affineInPlace(at + 4 * (channel - outStart) * outPlane, outPlane, batchNorm.scale[channel], batchNorm.shift[channel]);
    }
    batchNorm.output.set(memory.subarray(at / 4, at / 4 + floats), outStart * outPlane);
  }
  if (followers.relu === null) return;
  exports.reluInPlace(at, Math.ceil(floats / 4));
  followers.relu.output.set(memory.subarray(at / 4, at / 4 + floats), outStart * outPlane);
}
