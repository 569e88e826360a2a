/**
 * The direct conv2d kernel (CHW, float32), as cross-correlation; `flip` rotates each kernel
 * once up front. Callers zero-pad the input first (padInput.ts), so every tap of every
 * output pixel lies inside the input and the loops need no bounds checks:
 * - 3×3 kernels keep their 9 weights in locals and, where two output channels share a
 *   group, compute both from the same 9 input loads (18 MACs per pixel and pass);
 * - 1×1 kernels are an axpy per output row;
 * - other sizes sum each kernel row per pixel.
 * A WebAssembly SIMD kernel can replace this function behind `KernelBackend` unchanged.
 */
import type { Conv2dInfo } from "../conv2dInfo";
import { checkArgument } from "../tensor";
import { allocateFloats, releaseFloats } from "../budget/allocationGuard";

/** Where one (output channel, input channel) pass reads and writes. */
interface Pass {
  info: Conv2dInfo;
  input: Float32Array;
  inBase: number;
  taps: Float32Array;
  tapBase: number;
  output: Float32Array;
  outBase: number;
}

/**
 * Computes output channels [outStart, outEnd) into `output` (the whole [O,H',W'] buffer).
 * `weights` holds only those channels: [(outEnd−outStart), C/groups, kh, kw]. `info` must
 * describe an unpadded input (padConvInput).
 */
export function conv2dChannelRange(
  info: Conv2dInfo,
  input: Float32Array,
  weights: Float32Array,
  bias: Float32Array | null,
  output: Float32Array,
  outStart: number,
  outEnd: number,
): void {
  checkArgument(info.padTop + info.padBottom + info.padLeft + info.padRight === 0, () => "info: conv2dChannelRange needs a zero-padded input (call padConvInput first)");
  const kernelArea = info.kernelHeight * info.kernelWidth;
  const taps = info.flip ? rotateEachKernel(weights, kernelArea) : weights;
  const outPlane = info.outHeight * info.outWidth;
  const is3x3 = info.kernelHeight === 3 && info.kernelWidth === 3;
  const filterTaps = info.inChannelsPerGroup * kernelArea;
  for (let co = outStart; co < outEnd; co++) {
    const group = Math.floor(co / info.outChannelsPerGroup);
    const paired = is3x3 && co + 1 < outEnd && Math.floor((co + 1) / info.outChannelsPerGroup) === group;
    const outBase = co * outPlane;
    output.fill(bias === null ? 0 : bias[co], outBase, outBase + (paired ? 2 : 1) * outPlane);
    if (paired && bias !== null) output.fill(bias[co + 1], outBase + outPlane, outBase + 2 * outPlane);
    for (let ci = 0; ci < info.inChannelsPerGroup; ci++) {
      const pass: Pass = {
        info, input, taps, output, outBase,
        inBase: (group * info.inChannelsPerGroup + ci) * info.inHeight * info.inWidth,
        tapBase: (co - outStart) * filterTaps + ci * kernelArea,
      };
      if (paired) accumulate3x3Pair(pass, pass.tapBase + filterTaps, outBase + outPlane);
      else if (is3x3) accumulate3x3(pass);
      else if (kernelArea === 1) accumulate1x1(pass);
      else accumulateGeneric(pass);
    }
    if (paired) co++;
  }
  if (taps !== weights) releaseFloats(taps);
}

function rotateEachKernel(weights: Float32Array, kernelArea: number): Float32Array {
  const rotated = allocateFloats(weights.length);
  for (let base = 0; base < weights.length; base += kernelArea) {
    for (let tap = 0; tap < kernelArea; tap++) rotated[base + tap] = weights[base + kernelArea - 1 - tap];
  }
  return rotated;
}

function accumulate1x1({ info, input, inBase, taps, tapBase, output, outBase }: Pass): void {
  const weight = taps[tapBase];
  if (weight === 0) return;
  const { inWidth, outWidth, strideWidth } = info;
  for (let oy = 0; oy < info.outHeight; oy++) {
    const inRow = inBase + oy * info.strideHeight * inWidth;
    const outRow = outBase + oy * outWidth;
    for (let ox = 0; ox < outWidth; ox++) output[outRow + ox] += weight * input[inRow + ox * strideWidth];
  }
}

function accumulate3x3({ info, input, inBase, taps, tapBase: t, output, outBase }: Pass): void {
  const { inWidth, outWidth, strideWidth } = info;
  const w00 = taps[t], w01 = taps[t + 1], w02 = taps[t + 2];
  const w10 = taps[t + 3], w11 = taps[t + 4], w12 = taps[t + 5];
  const w20 = taps[t + 6], w21 = taps[t + 7], w22 = taps[t + 8];
  const dx = info.dilationWidth;
  const dx2 = 2 * dx;
  const rowStep = info.dilationHeight * inWidth;
  for (let oy = 0; oy < info.outHeight; oy++) {
    const row0 = inBase + oy * info.strideHeight * inWidth;
    const row1 = row0 + rowStep;
    const row2 = row1 + rowStep;
    const outRow = outBase + oy * outWidth;
    for (let ox = 0; ox < outWidth; ox++) {
      const column = ox * strideWidth;
      const a = row0 + column, b = row1 + column, c = row2 + column;
      output[outRow + ox] +=
        w00 * input[a] + w01 * input[a + dx] + w02 * input[a + dx2] +
        w10 * input[b] + w11 * input[b + dx] + w12 * input[b + dx2] +
        w20 * input[c] + w21 * input[c + dx] + w22 * input[c + dx2];
    }
  }
}

/** Two output channels of one group at once: the 9 input loads serve 18 MACs. */
function accumulate3x3Pair(
  { info, input, inBase, taps, tapBase: t, output, outBase }: Pass, pairTapBase: number, pairOutBase: number,
): void {
  const { inWidth, outWidth, strideWidth } = info;
  const u = pairTapBase;
  const a00 = taps[t], a01 = taps[t + 1], a02 = taps[t + 2], a10 = taps[t + 3], a11 = taps[t + 4], a12 = taps[t + 5];
  const a20 = taps[t + 6], a21 = taps[t + 7], a22 = taps[t + 8];
  const b00 = taps[u], b01 = taps[u + 1], b02 = taps[u + 2], b10 = taps[u + 3], b11 = taps[u + 4], b12 = taps[u + 5];
  const b20 = taps[u + 6], b21 = taps[u + 7], b22 = taps[u + 8];
  const dx = info.dilationWidth;
  const dx2 = 2 * dx;
  const rowStep = info.dilationHeight * inWidth;
  for (let oy = 0; oy < info.outHeight; oy++) {
    const row0 = inBase + oy * info.strideHeight * inWidth;
    const row1 = row0 + rowStep;
    const row2 = row1 + rowStep;
    const outRow = outBase + oy * outWidth;
    const pairRow = pairOutBase + oy * outWidth;
    for (let ox = 0; ox < outWidth; ox++) {
      const column = ox * strideWidth;
      const p = row0 + column, q = row1 + column, r = row2 + column;
      const x00 = input[p], x01 = input[p + dx], x02 = input[p + dx2];
      const x10 = input[q], x11 = input[q + dx], x12 = input[q + dx2];
      const x20 = input[r], x21 = input[r + dx], x22 = input[r + dx2];
      output[outRow + ox] += a00 * x00 + a01 * x01 + a02 * x02 + a10 * x10 + a11 * x11 + a12 * x12 + a20 * x20 + a21 * x21 + a22 * x22;
      output[pairRow + ox] += b00 * x00 + b01 * x01 + b02 * x02 + b10 * x10 + b11 * x11 + b12 * x12 + b20 * x20 + b21 * x21 + b22 * x22;
    }
  }
}

function accumulateGeneric({ info, input, inBase, taps, tapBase, output, outBase }: Pass): void {
  const { inWidth, outWidth, strideWidth, kernelWidth, dilationWidth } = info;
  for (let oy = 0; oy < info.outHeight; oy++) {
    const outRow = outBase + oy * outWidth;
    for (let ky = 0; ky < info.kernelHeight; ky++) {
      const inRow = inBase + (oy * info.strideHeight + ky * info.dilationHeight) * inWidth;
      const rowTaps = tapBase + ky * kernelWidth;
      for (let ox = 0; ox < outWidth; ox++) {
        const start = inRow + ox * strideWidth;
        let sum = 0;
        for (let kx = 0; kx < kernelWidth; kx++) sum += taps[rowTaps + kx] * input[start + kx * dilationWidth];
        output[outRow + ox] += sum;
      }
    }
  }
}
