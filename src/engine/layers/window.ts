/**
 * Shared checks for sliding-window layers (conv, pools): unread input rows/columns caused by
 * the stride, with fixes that read every pixel.
 */
import { setFieldFix, type LayerContext } from "../context";
import { type Pair, pairValue } from "../fields";
import { effectiveKernelSize } from "../outputSize";
import { unreadAxis, type UnreadAxis } from "../unread";
import type { SuggestedFix } from "../types";

export interface WindowGeometry {
  input: Pair;
  kernel: Pair;
  stride: Pair;
  dilation: Pair;
  padBefore: Pair;
  padAfter: Pair;
  output: Pair;
}

export interface UnreadOptions {
  /** Output size on one axis for a symmetric padding and stride (the layer's own formula). */
  outputFor: (axis: 0 | 1, stride: number, padding: number) => number;
  /** Largest padding the layer accepts per axis (pools: ⌊kernel/2⌋). */
  maxPadding?: Pair;
  /** False when `padding` is "same" (no padding fix is offered then). */
  paddingAdjustable: boolean;
}

export function unreadAxes(geometry: WindowGeometry): [UnreadAxis, UnreadAxis] {
  const axis = (index: 0 | 1) => unreadAxis({
    input: geometry.input[index], kernel: geometry.kernel[index], stride: geometry.stride[index], dilation: geometry.dilation[index],
    padBefore: geometry.padBefore[index], padAfter: geometry.padAfter[index], output: geometry.output[index],
  });
  return [axis(0), axis(1)];
}

function imageUnreadWith(geometry: WindowGeometry, axis: 0 | 1, stride: number, padding: number, options: UnreadOptions): number | undefined {
  const output = options.outputFor(axis, stride, padding);
  if (output < 1) return undefined;
  return unreadAxis({ input: geometry.input[axis], kernel: geometry.kernel[axis], stride, dilation: geometry.dilation[axis], padBefore: padding, padAfter: padding, output }).image;
}

/** The smallest symmetric padding ≥ the current one that reads every image pixel on this axis. */
export function paddingThatReadsAll(geometry: WindowGeometry, axis: 0 | 1, options: UnreadOptions): number | undefined {
  const limit = Math.min(options.maxPadding?.[axis] ?? Infinity, effectiveKernelSize(geometry.kernel[axis], geometry.dilation[axis]));
  for (let padding = geometry.padBefore[axis] + 1; padding <= limit; padding++) {
    if (imageUnreadWith(geometry, axis, geometry.stride[axis], padding, options) === 0) return padding;
  }
  return undefined;
}

/** The largest stride below the current one that reads every image pixel on this axis. */
export function strideThatReadsAll(geometry: WindowGeometry, axis: 0 | 1, options: UnreadOptions): number | undefined {
  for (let stride = geometry.stride[axis] - 1; stride >= 1; stride--) {
    if (imageUnreadWith(geometry, axis, stride, geometry.padBefore[axis], options) === 0) return stride;
  }
  return undefined;
}

function countText(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function axisText(unread: UnreadAxis, noun: "row" | "column", input: number): string {
  const where = unread.onlyAtEnd ? (unread.image === 1 ? `the last of ${input}` : `the last ${unread.image} of ${input}`) : `${noun}s ${unread.imageIndices.join(", ")}${unread.image > unread.imageIndices.length ? ", …" : ""}`;
  return `${countText(unread.image, `input ${noun}`)} (${where})`;
}

/** Warning (image pixels lost) or info (only padding unread), with fixes. */
export function reportUnread(ctx: LayerContext, geometry: WindowGeometry, options: UnreadOptions): void {
  const axes = unreadAxes(geometry);
  const lostAxes = ([0, 1] as const).filter((axis) => axes[axis].image > 0);
  if (lostAxes.length > 0) {
    reportLost(ctx, geometry, options, axes, lostAxes);
    return;
  }
  if (axes[0].padding === 0 && axes[1].padding === 0) return;
  const parts = ([0, 1] as const).filter((axis) => axes[axis].padding > 0).map((axis) => countText(axes[axis].padding, axis === 0 ? "padding row" : "padding column"));
  const paddingText = `${parts.join(" and ")} at the bottom/right`;
  ctx.info("unread-padding", `with stride ${pairValueText(geometry.stride)} the last ${paddingText} ${parts.length === 1 && parts[0].startsWith("1 ") ? "is" : "are"} never read, so the padding acts asymmetrically; every image pixel is still read.`, { field: "stride" });
}

function reportLost(ctx: LayerContext, geometry: WindowGeometry, options: UnreadOptions, axes: [UnreadAxis, UnreadAxis], lostAxes: (0 | 1)[]): void {
  const what = lostAxes.map((axis) => axisText(axes[axis], axis === 0 ? "row" : "column", geometry.input[axis])).join(" and ");
  const paddings = lostAxes.map((axis) => (options.paddingAdjustable ? paddingThatReadsAll(geometry, axis, options) : undefined));
  const strides = lostAxes.map((axis) => strideThatReadsAll(geometry, axis, options));
  const fixes: SuggestedFix[] = [];
  const remedies: string[] = [];
  if (paddings.every((padding) => padding !== undefined)) {
    const newPadding: Pair = [geometry.padBefore[0], geometry.padBefore[1]];
    lostAxes.forEach((axis, index) => (newPadding[axis] = paddings[index] as number));
    remedies.push(`padding ${pairValueText(newPadding)}`);
    fixes.push(setFieldFix(ctx.index, "padding", pairValue(newPadding), `Set padding to ${pairValueText(newPadding)} (reads every pixel)`, true));
  }
  if (strides.every((stride) => stride !== undefined)) {
    const newStride: Pair = [geometry.stride[0], geometry.stride[1]];
    lostAxes.forEach((axis, index) => (newStride[axis] = strides[index] as number));
    remedies.push(`stride ${pairValueText(newStride)}`);
    fixes.push(setFieldFix(ctx.index, "stride", pairValue(newStride), `Set stride to ${pairValueText(newStride)} (reads every pixel)`, fixes.length === 0));
  }
  const remedy = remedies.length > 0 ? `; ${remedies.join(" or ")} reads every pixel` : "";
  ctx.warning("unread-input", `with stride ${pairValueText(geometry.stride)} and the ${pairText(geometry.kernel)} kernel, ${what} ${lostAxes.length === 1 && axes[lostAxes[0]].image === 1 ? "is" : "are"} never read${remedy}.`, { field: "stride", fixes });
}

export function pairValueText(pair: Pair): string {
  return pair[0] === pair[1] ? String(pair[0]) : `[${pair[0]}, ${pair[1]}]`;
}

function pairText(pair: Pair): string {
  return `${pair[0]}×${pair[1]}`;
}
