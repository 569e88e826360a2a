/**
 * conv2d on the WebAssembly kernels, same contract as kernels/conv2dDirect.ts (a zero-padded
 * input, the weights of output channels [outStart, outEnd) only).
 *
 * The input is staged in linear memory "phase-split": for stride (sh, sw) each channel
 * becomes sh·sw planes of Hs×Ws = ⌈H/sh⌉×⌈W/sw⌉ pixels, plane (py, px) holding the pixels
 * (y·sh+py, x·sw+px). Then every tap (ci, ky, kx) of every output pixel (oy, ox) reads
 * plane-relative pixel n + offset(tap) with n = oy·Ws + ox: the convolution is a GEMM over
 * a contiguous pixel axis whose B operand is the staged input itself (implicit im2col, no
 * copy per tap). Columns ox ≥ outWidth of that grid are computed and dropped. Stride 1 is a
 * plain copy; dilation only changes the offsets. The same input across the block calls of
 * one layer is staged once.
 *
 * - inChannelsPerGroup > 1: register-blocked GEMM, weights packed [K][rows] per block of up
 *   to 6 output channels, 8 pixels per block;
 * - inChannelsPerGroup = 1 (depthwise, also single-channel inputs like a Sobel pair):
 *   one output channel at a time, 16 pixels per block.
 */
import type { Conv2dInfo } from "../conv2dInfo";
import { checkArgument } from "../tensor";
import { DEPTHWISE_BLOCK_PIXELS, GEMM_BLOCK_PIXELS, GEMM_MAX_ROWS, type KernelExports, type WasmKernels } from "./wasmInstance";

/** Geometry of the staged input. */
interface Staging {
  phaseHeight: number;
  phaseWidth: number;
  /** Floats per input channel (sh·sw planes). */
  channelFloats: number;
}

function stagingOf(info: Conv2dInfo): Staging {
  const phaseHeight = Math.ceil(info.inHeight / info.strideHeight);
  const phaseWidth = Math.ceil(info.inWidth / info.strideWidth);
  return { phaseHeight, phaseWidth, channelFloats: info.strideHeight * info.strideWidth * phaseHeight * phaseWidth };
}

/** Float offset of each tap (ci, ky, kx) of one group, relative to the group's first channel. */
export function tapOffsets(info: Conv2dInfo, staging: Staging): Int32Array {
  const { kernelHeight, kernelWidth, strideHeight, strideWidth } = info;
  const planeFloats = staging.phaseHeight * staging.phaseWidth;
  const offsets = new Int32Array(info.inChannelsPerGroup * kernelHeight * kernelWidth);
  let index = 0;
  for (let channel = 0; channel < info.inChannelsPerGroup; channel++) {
    for (let ky = 0; ky < kernelHeight; ky++) {
      const rowShift = ky * info.dilationHeight;
      for (let kx = 0; kx < kernelWidth; kx++) {
        const columnShift = kx * info.dilationWidth;
        const plane = (rowShift % strideHeight) * strideWidth + (columnShift % strideWidth);
        offsets[index++] = channel * staging.channelFloats + plane * planeFloats
          + Math.floor(rowShift / strideHeight) * staging.phaseWidth + Math.floor(columnShift / strideWidth);
      }
    }
  }
  return offsets;
}

/** Copies (stride 1) or phase-splits the input into memory at float index `at`. */
function stageInput(info: Conv2dInfo, staging: Staging, input: Float32Array, memory: Float32Array, at: number): void {
  const { strideHeight, strideWidth, inHeight, inWidth } = info;
  if (strideHeight === 1 && strideWidth === 1) {
    memory.set(input, at);
    return;
  }
  const { phaseHeight, phaseWidth, channelFloats } = staging;
  memory.fill(0, at, at + info.inChannels * channelFloats);
  for (let channel = 0; channel < info.inChannels; channel++) {
    for (let y = 0; y < inHeight; y++) {
      const planeRow = ((y % strideHeight) * strideWidth) * phaseHeight * phaseWidth + Math.floor(y / strideHeight) * phaseWidth;
      const source = (channel * inHeight + y) * inWidth;
      const target = at + channel * channelFloats + planeRow;
      for (let x = 0; x < inWidth; x++) {
        memory[target + (x % strideWidth) * phaseHeight * phaseWidth + Math.floor(x / strideWidth)] = input[source + x];
      }
    }
  }
}

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
  info: Conv2dInfo,
  input: Float32Array,
  weights: Float32Array,
  bias: Float32Array | null,
  output: Float32Array,
  outStart: number,
  outEnd: number,
): void {
  checkArgument(info.padTop + info.padBottom + info.padLeft + info.padRight === 0, () => "info: conv2dChannelRange needs a zero-padded input (call padConvInput first)");
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

  const layout = new Layout();
  const inputAt = layout.take(4 * inputFloats);
  const offsetsAt = layout.take(4 * taps);
  const weightsAt = layout.take(4 * (Math.ceil(channels / GEMM_MAX_ROWS) * GEMM_MAX_ROWS) * taps);
  const biasAt = layout.take(4 * (channels + GEMM_MAX_ROWS));
  const outputAt = layout.take(4 * (channels + GEMM_MAX_ROWS) * rowFloats);
  const { float32, int32 } = kernels.reserve(layout.end);

  const key = `${info.inChannels}:${info.inHeight}:${info.inWidth}:${info.strideHeight}:${info.strideWidth}:${inputFloats}`;
  if (kernels.stagedInput === null || kernels.stagedInput.array !== input || kernels.stagedInput.key !== key) {
    stageInput(info, staging, input, float32, inputAt / 4);
    const stagedEnd = inputAt / 4 + info.inChannels * staging.channelFloats;
    float32.fill(0, stagedEnd, inputAt / 4 + inputFloats);
    kernels.stagedInput = { array: input, key };
  }
  for (let tap = 0; tap < taps; tap++) int32[offsetsAt / 4 + tap] = 4 * offsets[tap];
  for (let channel = 0; channel < channels; channel++) float32[biasAt / 4 + channel] = bias === null ? 0 : bias[outStart + channel];

  const regions = { inputAt, offsetsAt, weightsAt, biasAt, outputAt, rowFloats, blocks, taps };
  if (depthwise) runDepthwise(kernels.exports, float32, info, staging, weights, outStart, outEnd, regions);
  else runGemm(kernels.exports, float32, info, staging, weights, outStart, outEnd, regions);
  copyOut(float32, outputAt / 4, rowFloats, info, staging, output, outStart, outEnd);
}

interface Regions {
  inputAt: number; offsetsAt: number; weightsAt: number; biasAt: number; outputAt: number;
  rowFloats: number; blocks: number; taps: number;
}

function runDepthwise(exports: KernelExports, memory: Float32Array, info: Conv2dInfo, staging: Staging, weights: Float32Array, outStart: number, outEnd: number, regions: Regions): void {
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

function runGemm(exports: KernelExports, memory: Float32Array, info: Conv2dInfo, staging: Staging, weights: Float32Array, outStart: number, outEnd: number, regions: Regions): void {
  const { taps } = regions;
  const kernelArea = info.kernelHeight * info.kernelWidth;
  const gemms = [exports.gemm1, exports.gemm2, exports.gemm3, exports.gemm4, exports.gemm5, exports.gemm6];
  let co = outStart;
  while (co < outEnd) {
    const group = Math.floor(co / info.outChannelsPerGroup);
    const groupEnd = Math.min(outEnd, (group + 1) * info.outChannelsPerGroup);
    const rows = Math.min(GEMM_MAX_ROWS, groupEnd - co);
    const first = co - outStart;
    const packedAt = regions.weightsAt + 4 * first * taps;
    packWeights(weights, first, rows, taps, info.flip ? kernelArea : 0, memory, packedAt / 4);
    const inputAt = regions.inputAt + 4 * group * info.inChannelsPerGroup * staging.channelFloats;
    gemms[rows - 1](packedAt, inputAt, regions.offsetsAt, taps, regions.outputAt + 4 * first * regions.rowFloats, regions.blocks, 4 * regions.rowFloats, regions.biasAt + 4 * first);
    co += rows;
  }
}

/** packed[k·rows + r] = weights[(first + r)·taps + k], each kernel rotated when flipArea > 0. */
function packWeights(weights: Float32Array, first: number, rows: number, taps: number, flipArea: number, memory: Float32Array, at: number): void {
  for (let r = 0; r < rows; r++) {
    const source = (first + r) * taps;
    if (flipArea === 0) {
      for (let k = 0; k < taps; k++) memory[at + k * rows + r] = weights[source + k];
    } else {
      for (let k = 0; k < taps; k++) {
        const tap = k % flipArea;
        memory[at + k * rows + r] = weights[source + k - tap + flipArea - 1 - tap];
      }
    }
  }
}

/** Drops the grid's extra columns while copying rows into the caller's [O, H', W'] output. */
function copyOut(memory: Float32Array, at: number, rowFloats: number, info: Conv2dInfo, staging: Staging, output: Float32Array, outStart: number, outEnd: number): void {
  const { outHeight, outWidth } = info;
  const outPlane = outHeight * outWidth;
  for (let co = outStart; co < outEnd; co++) {
    const source = at + (co - outStart) * rowFloats;
    if (staging.phaseWidth === outWidth) {
      output.set(memory.subarray(source, source + outPlane), co * outPlane);
      continue;
    }
    for (let oy = 0; oy < outHeight; oy++) {
      const row = source + oy * staging.phaseWidth;
      output.set(memory.subarray(row, row + outWidth), co * outPlane + oy * outWidth);
    }
  }
}
