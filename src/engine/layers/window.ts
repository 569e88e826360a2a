/**
 * Shared checks for sliding-window layers (conv, pools): unread input rows/columns caused by
 * the stride, with fixes that read every pixel.
 */
import { setFieldFix, type LayerContext } from "../context";
import { type Pair, pairText, pairValue, readBoolean } from "../fields";
import { effectiveKernelSize } from "../geometry";
import { MAX_FIX_CANDIDATES, MAX_UNREAD_PATTERN_CLASSES } from "../limits";
import { unreadAxis, unreadImageCount, type UnreadAxis } from "../unread";
import type { SuggestedFix } from "../types";
import type { FieldDeclaration } from "./layerType";

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

/** Image rows/columns left unread with this stride and symmetric padding; undefined when invalid or not decidable. */
function imageUnreadWith(
  geometry: WindowGeometry, axis: 0 | 1, stride: number, padding: number, options: UnreadOptions,
): number | undefined {
  const output = options.outputFor(axis, stride, padding);
  if (!(output >= 1)) return undefined;
  return unreadImageCount({
    input: geometry.input[axis], kernel: geometry.kernel[axis], stride, dilation: geometry.dilation[axis], padBefore: padding,
    padAfter: padding, output,
  });
}

/** Whole values in (low, high], deduplicated and sorted ascending. */
function within(values: number[], low: number, high: number): number[] {
  return [...new Set(values.filter((value) => Number.isSafeInteger(value) && value > low && value <= high))].sort((a, b) => a - b);
}

/**
 * Paddings where the window grid's last remainder wraps to 0 or 1: with a contiguous window
 * (stride ≤ kernel, no dilation) the unread tail is ((input + 2p − kernel) mod stride) − p,
 * so the smallest padding that reads everything is the next one or the first wrap after it.
 */
function paddingWrapPoints(geometry: WindowGeometry, axis: 0 | 1, current: number): number[] {
  const stride = geometry.stride[axis];
  const excess = geometry.input[axis] - effectiveKernelSize(geometry.kernel[axis], geometry.dilation[axis]);
  const firstWrap = Math.floor((excess + 2 * (current + 1)) / stride);
  return [0, 1, 2, 3].map((step) => Math.ceil(((firstWrap + step) * stride - excess) / 2));
}

/**
 * The smallest symmetric padding above the current one that reads every image pixel on this axis (bounded candidate set, each verified).
 */
export function paddingThatReadsAll(geometry: WindowGeometry, axis: 0 | 1, options: UnreadOptions): number | undefined {
  const current = geometry.padBefore[axis];
  const limit = Math.min(options.maxPadding?.[axis] ?? Infinity, effectiveKernelSize(geometry.kernel[axis], geometry.dilation[axis]));
  const near = Array.from({ length: MAX_FIX_CANDIDATES }, (_, offset) => current + 1 + offset);
  const candidates = within([...near, ...paddingWrapPoints(geometry, axis, current), geometry.stride[axis] - 1, limit], current, limit);
  return candidates.find((padding) => imageUnreadWith(geometry, axis, geometry.stride[axis], padding, options) === 0);
}

/**
 * Strides whose last window ends closest to the end: for quotient m = ⌊span/s⌋ the largest
 * stride with that quotient, ⌊span/m⌋, leaves the smallest remainder.
 */
function strideQuotientPoints(span: number, bound: number): number[] {
  if (!(bound >= 1) || span < 0) return [];
  const first = Math.max(1, Math.floor(span / bound));
  return Array.from({ length: MAX_FIX_CANDIDATES }, (_, offset) => Math.min(bound, Math.floor(span / (first + offset))));
}

/** The largest stride below the current one that reads every image pixel on this axis (bounded candidate set, each verified). */
export function strideThatReadsAll(geometry: WindowGeometry, axis: 0 | 1, options: UnreadOptions): number | undefined {
  const current = geometry.stride[axis];
  const padding = geometry.padBefore[axis];
  const effectiveKernel = effectiveKernelSize(geometry.kernel[axis], geometry.dilation[axis]);
  const span = geometry.input[axis] + 2 * padding - effectiveKernel;
  const near = Array.from({ length: MAX_FIX_CANDIDATES }, (_, offset) => current - 1 - offset);
  // A stride above the kernel leaves gaps: the image must then fit in one window, starting at a multiple m·stride ≤ padding.
  const oneWindow = Array.from({ length: MAX_FIX_CANDIDATES }, (_, index) => Math.floor(padding / (index + 1)));
  const structural = [
    ...strideQuotientPoints(span, Math.min(current - 1, geometry.kernel[axis])),
    ...strideQuotientPoints(span, Math.min(current - 1, effectiveKernel)), ...oneWindow, geometry.kernel[axis], 1,
  ];
  const candidates = within([...near, ...structural], 0, current - 1).reverse();
  return candidates.find((stride) => imageUnreadWith(geometry, axis, stride, padding, options) === 0);
}

function countText(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function axisText(unread: UnreadAxis, noun: "row" | "column", input: number): string {
  const where = unread.onlyAtEnd ? (unread.image === 1 ? `the last of ${input}` : `the last ${unread.image} of ${input}`) : `${noun}s ${unread.imageIndices.join(", ")}${unread.image > unread.imageIndices.length ? ", …" : ""}`;
  return `${countText(unread.image, `input ${noun}`)} (${where})`;
}

/** The opt-out of the unread-pixel diagnostics (`"checkUnread": false`), declared by conv and pool layers. */
export const CHECK_UNREAD_FIELD: FieldDeclaration = {
  name: "checkUnread", kind: "bool", default: true, hint: "false: no unread-pixel warning or note for this layer.",
  doc: "Report input pixels (or padding) that the stride never reads. `false` silences the `unread-input`, `unread-padding` and `unread-input-covered` diagnostics of this layer, for a deliberate subsampling stride; shapes and other checks are unchanged.",
};

/** The opt-out as a normalised export writes it: only when the file turned the check off. */
export function checkUnreadExport(raw: Readonly<Record<string, unknown>>): { checkUnread?: false } {
  return raw[CHECK_UNREAD_FIELD.name] === false ? { checkUnread: false } : {};
}

/**
 * Warning (image pixels lost) or info (only padding unread), with fixes. A warning becomes a
 * note when another layer reads every pixel of the same input (networkReads.ts).
 */
export function reportUnread(ctx: LayerContext, geometry: WindowGeometry, options: UnreadOptions): void {
  const axes = unreadAxes(geometry);
  const lostAxes = ([0, 1] as const).filter((axis) => axes[axis].image > 0);
  ctx.skipsInputPixels = lostAxes.length > 0 || !axes[0].checked || !axes[1].checked;
  const wanted = readBoolean(ctx, CHECK_UNREAD_FIELD.name, true);
  if (!wanted) return;
  reportUnchecked(ctx, geometry, axes);
  if (lostAxes.length > 0) {
    reportLost(ctx, geometry, options, axes, lostAxes);
    return;
  }
  if (axes[0].padding === 0 && axes[1].padding === 0) return;
  const parts = ([0, 1] as const).filter((axis) => axes[axis].padding > 0).map((axis) => countText(axes[axis].padding, axis === 0 ? "padding row" : "padding column"));
  const paddingText = `${parts.join(" and ")} at the bottom/right`;
  ctx.info("unread-padding", `with stride ${pairValueText(geometry.stride)} the last ${paddingText} ${parts.length === 1 && parts[0].startsWith("1 ") ? "is" : "are"} never read, so the padding acts asymmetrically; every image pixel is still read.`, { field: "stride" });
}

/** Info `unread-check-skipped` for the axes the closed form could not decide (limits.ts). */
function reportUnchecked(ctx: LayerContext, geometry: WindowGeometry, axes: [UnreadAxis, UnreadAxis]): void {
  const unchecked = ([0, 1] as const).filter((axis) => !axes[axis].checked);
  if (unchecked.length === 0) return;
  const what = unchecked.map((axis) => (axis === 0 ? "rows" : "columns")).join(" and ");
  ctx.info("unread-check-skipped", `not checked whether stride ${pairValueText(geometry.stride)} leaves input ${what} unread: with the ${pairText(geometry.kernel)} kernel and dilation ${pairValueText(geometry.dilation)} the read pattern has more than ${MAX_UNREAD_PATTERN_CLASSES} distinct offsets, or the padded input exceeds 2^52 (the check's limits).`, { field: "stride" });
}

function reportLost(
  ctx: LayerContext, geometry: WindowGeometry, options: UnreadOptions, axes: [UnreadAxis, UnreadAxis], lostAxes: (0 | 1)[],
): void {
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
  const lead = `with stride ${pairValueText(geometry.stride)} and the ${pairText(geometry.kernel)} kernel, ${what}`;
  const verb = lostAxes.length === 1 && axes[lostAxes[0]].image === 1 ? "is" : "are";
  const readElsewhere = (readerId: string) =>
    `${lead} ${verb} skipped here, but \`${readerId}\` reads every pixel of the same input, so the network loses none (a strided branch beside a full one, as in ResNet's downsampling shortcut).`;
  ctx.warning("unread-input", `${lead} ${verb} never read${remedy}.`, { field: "stride", fixes, readElsewhere });
}

export function pairValueText(pair: Pair): string {
  return pair[0] === pair[1] ? String(pair[0]) : `[${pair[0]}, ${pair[1]}]`;
}
