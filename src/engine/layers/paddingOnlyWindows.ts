/**
 * Dilated max/min pool windows whose every tap lands in the padding. PyTorch pads max pools
 * with −∞ (min pools, computed as −maxpool(−x), with +∞), so such an output is ±∞ — a value
 * no later layer can use. Without dilation it cannot happen (padding ≤ ⌊kernel/2⌋); with it,
 * taps can straddle a small image, e.g. a 2×2 window dilated by 3 on a 2-row input.
 */
import { describeValue, setFieldFix, type LayerContext } from "../context";
import { type Pair, pairValue } from "../fields";

export interface PaddingOnlyAxis {
  input: number;
  kernel: number;
  stride: number;
  dilation: number;
  padding: number;
  output: number;
}

/** Above this many taps the check is skipped (keeps analyze fast on absurd sizes). */
const MAX_TAPS = 1 << 18;

/** Output indices (on one axis) whose window reads no image row/column. */
export function paddingOnlyOutputs(axis: PaddingOnlyAxis): number[] {
  if (axis.dilation === 1 || axis.output * axis.kernel > MAX_TAPS) return [];
  const found: number[] = [];
  for (let outputIndex = 0; outputIndex < axis.output; outputIndex++) {
    let readsImage = false;
    for (let tap = 0; tap < axis.kernel && !readsImage; tap++) {
      const imageIndex = outputIndex * axis.stride + tap * axis.dilation - axis.padding;
      readsImage = imageIndex >= 0 && imageIndex < axis.input;
    }
    if (!readsImage) found.push(outputIndex);
  }
  return found;
}

export interface PoolWindowGeometry {
  input: Pair;
  kernel: Pair;
  stride: Pair;
  dilation: Pair;
  padding: Pair;
  output: Pair;
}

function listText(indices: number[]): string {
  return indices.length <= 6 ? indices.join(", ") : `${indices.slice(0, 6).join(", ")}, … (${indices.length} in all)`;
}

/** The largest dilation below the current one whose windows all read the image (1 always does, as padding ≤ ⌊kernel/2⌋). */
function dilationThatReadsImage(geometry: PoolWindowGeometry, axis: 0 | 1, outputForDilation: (axis: 0 | 1, dilation: number) => number): number {
  for (let dilation = geometry.dilation[axis] - 1; dilation > 1; dilation--) {
    const output = outputForDilation(axis, dilation);
    const window = { input: geometry.input[axis], kernel: geometry.kernel[axis], stride: geometry.stride[axis], dilation, padding: geometry.padding[axis], output };
    if (output >= 1 && paddingOnlyOutputs(window).length === 0) return dilation;
  }
  return 1;
}

/** Warning `pool-window-in-padding` on `dilation`, with the largest smaller dilation that avoids it as the fix. */
export function reportPaddingOnlyWindows(ctx: LayerContext, geometry: PoolWindowGeometry, infinity: "−∞" | "+∞", outputForDilation: (axis: 0 | 1, dilation: number) => number): void {
  const axes = ([0, 1] as const).map((axis) => paddingOnlyOutputs({
    input: geometry.input[axis], kernel: geometry.kernel[axis], stride: geometry.stride[axis], dilation: geometry.dilation[axis],
    padding: geometry.padding[axis], output: geometry.output[axis],
  }));
  if (axes[0].length === 0 && axes[1].length === 0) return;
  const parts = ([0, 1] as const)
    .filter((axis) => axes[axis].length > 0)
    .map((axis) => `output ${axis === 0 ? "row" : "column"}${axes[axis].length === 1 ? "" : "s"} ${listText(axes[axis])} of ${geometry.output[axis]}`);
  const dilation: Pair = [geometry.dilation[0], geometry.dilation[1]];
  for (const axis of [0, 1] as const) if (axes[axis].length > 0) dilation[axis] = dilationThatReadsImage(geometry, axis, outputForDilation);
  const fixText = describeValue(pairValue(dilation));
  ctx.warning(
    "pool-window-in-padding",
    `with dilation ${describeValue(pairValue(geometry.dilation))} every tap of the window for ${parts.join(" and ")} falls in the padding, so PyTorch outputs ${infinity} there; use dilation ${fixText}.`,
    { field: "dilation", fixes: [setFieldFix(ctx.index, "dilation", pairValue(dilation), `Set dilation to ${fixText} (every window reads the image)`, true)] },
  );
}
