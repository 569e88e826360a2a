/**
 * Small formula helpers shared by the kernels: argument normalisation and output sizes,
 * following PyTorch 1.13 (torch/nn/modules/conv.py, aten/src/ATen/native/Pool.h).
 */
import { checkArgument } from "./tensor";

export type SpatialArgument = number | readonly [number, number] | readonly number[];

/** [top, bottom, left, right] */
export type SidePadding = [number, number, number, number];

export type ConvPaddingArgument = SpatialArgument | "same" | "valid";

/** An integer or [height, width] pair, checked against `minimum`, as [height, width]. */
export function toPair(value: SpatialArgument, name: string, minimum: number): [number, number] {
  const pair: readonly number[] = typeof value === "number" ? [value, value] : value;
  checkArgument(pair.length === 2, () => `${name}: expected an integer or [height, width], got [${pair.join(", ")}]`);
  for (const size of pair) {
    checkArgument(Number.isInteger(size) && size >= minimum, () => `${name}: must be an integer ≥ ${minimum}, got ${size}`);
  }
  return [pair[0], pair[1]];
}

/**
 * Conv padding as explicit sides. "same" pads d·(k−1) in total per axis, the extra pixel of
 * an odd total after (bottom/right) as PyTorch does; a 4-element array is [top, bottom, left, right].
 */
export function resolveConvPadding(
  padding: ConvPaddingArgument,
  kernel: [number, number],
  dilation: [number, number],
  stride: [number, number],
): SidePadding {
  if (padding === "valid") return [0, 0, 0, 0];
  if (padding === "same") {
    checkArgument(stride[0] === 1 && stride[1] === 1, () => `padding: "same" needs stride 1 (as in PyTorch), got stride [${stride.join(", ")}]`);
    const [top, bottom] = splitSamePadding(dilation[0] * (kernel[0] - 1));
    const [left, right] = splitSamePadding(dilation[1] * (kernel[1] - 1));
    return [top, bottom, left, right];
  }
  if (typeof padding !== "number" && padding.length === 4) {
    for (const side of padding) checkArgument(Number.isInteger(side) && side >= 0, () => `padding: every side must be an integer ≥ 0, got ${side}`);
    return [padding[0], padding[1], padding[2], padding[3]];
  }
  const [height, width] = toPair(padding, "padding", 0);
  return [height, height, width, width];
}

function splitSamePadding(total: number): [number, number] {
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/** Extent of a dilated kernel: d·(k−1)+1. */
export function effectiveKernelSize(kernel: number, dilation: number): number {
  return dilation * (kernel - 1) + 1;
}

/** floor((in + padBefore + padAfter − d(k−1) − 1)/s) + 1 */
export function convOutputSize(input: number, kernel: number, stride: number, padBefore: number, padAfter: number, dilation: number): number {
  return Math.floor((input + padBefore + padAfter - effectiveKernelSize(kernel, dilation)) / stride) + 1;
}

/**
 * PyTorch's pooling_output_shape: with ceilMode the last window may start in the right
 * padding only if it still starts inside the input or the left padding.
 */
export function poolOutputSize(input: number, kernel: number, stride: number, padding: number, dilation: number, ceilMode: boolean): number {
  const span = input + 2 * padding - effectiveKernelSize(kernel, dilation) + (ceilMode ? stride - 1 : 0);
  let size = Math.floor(span / stride) + 1;
  if (ceilMode && (size - 1) * stride >= input + padding) size -= 1;
  return size;
}

/** (in−1)s − 2p + d(k−1) + outputPadding + 1 */
export function convTransposeOutputSize(input: number, kernel: number, stride: number, padding: number, dilation: number, outputPadding: number): number {
  return (input - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1;
}

/** First output index o with o·stride + offset ≥ 0 (offset may be negative). */
export function firstValidIndex(offset: number, stride: number): number {
  return offset >= 0 ? 0 : Math.ceil(-offset / stride);
}

/** One past the last output index o with o·stride + offset < limit, capped at count. */
export function endValidIndex(offset: number, stride: number, limit: number, count: number): number {
  if (limit - 1 - offset < 0) return 0;
  return Math.min(count, Math.floor((limit - 1 - offset) / stride) + 1);
}
