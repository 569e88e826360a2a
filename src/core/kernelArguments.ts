/**
 * The kernels' argument helpers: checked normalisation of spatial arguments and padding
 * (following PyTorch 1.13, torch/nn/modules/conv.py) and the valid index ranges of a
 * strided scatter. The output-size formulas live in src/engine/geometry.ts.
 */
import { samePadding } from "../engine/geometry";
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
    const [top, bottom] = samePadding(kernel[0], dilation[0]);
    const [left, right] = samePadding(kernel[1], dilation[1]);
    return [top, bottom, left, right];
  }
  if (typeof padding !== "number" && padding.length === 4) {
    for (const side of padding) checkArgument(Number.isInteger(side) && side >= 0, () => `padding: every side must be an integer ≥ 0, got ${side}`);
    return [padding[0], padding[1], padding[2], padding[3]];
  }
  const [height, width] = toPair(padding, "padding", 0);
  return [height, height, width, width];
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
