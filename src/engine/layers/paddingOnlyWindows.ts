/**
 * Dilated max/min pool windows whose every tap lands in the padding. PyTorch pads max pools
 * with −∞ (min pools, computed as −maxpool(−x), with +∞), so such an output is ±∞ — a value
 * no later layer can use. Without dilation it cannot happen (padding ≤ ⌊kernel/2⌋); with it,
 * taps can straddle a small image, e.g. a 2×2 window dilated by 3 on a 2-row input.
 */
import { describeValue, setFieldFix, type LayerContext } from "../context";
import { type Pair, pairValue } from "../fields";
import { MAX_FIX_CANDIDATES, MAX_LISTED_INDICES } from "../limits";

export interface PaddingOnlyAxis {
  input: number;
  kernel: number;
  stride: number;
  dilation: number;
  padding: number;
  output: number;
}

/** Output indices (on one axis) whose window reads no image row/column: how many, and the first few. */
export interface PaddingOnlyOutputs {
  count: number;
  first: number[];
}

const NONE: PaddingOnlyOutputs = { count: 0, first: [] };

/** Σ_{i<n} ⌊(a·i + b)/m⌋ for a, b ≥ 0, m ≥ 1, in O(log m) (the classic floor-sum recursion). */
function floorSum(count: bigint, modulus: bigint, slope: bigint, offset: bigint): bigint {
  let [n, m, a, b] = [count, modulus, slope, offset];
  let total = 0n;
  for (;;) {
    if (a >= m) {
      total += ((n * (n - 1n)) / 2n) * (a / m);
      a %= m;
    }
    if (b >= m) {
      total += n * (b / m);
      b %= m;
    }
    const top = a * n + b;
    if (top < m) return total;
    [n, b, m, a] = [top / m, top % m, a, m];
  }
}

/**
 * Output i's taps land on image coordinates i·stride − padding + j·dilation. Only windows
 * starting in the left padding (i·stride < padding) can miss the image (padding ≤ ⌊kernel/2⌋
 * keeps every other window's first tap inside), and such a window misses it exactly when
 * its first tap at or after the image start, (i·stride − padding) mod dilation, is ≥ input.
 * So the windows in padding are the i < ⌈padding/stride⌉ with that residue ≥ input: counted
 * in closed form, whatever the sizes.
 */
export function paddingOnlyOutputs(axis: PaddingOnlyAxis): PaddingOnlyOutputs {
  if (axis.dilation <= axis.input || axis.padding === 0 || axis.output < 1) return NONE;
  const candidates = Math.min(axis.output, Math.ceil(axis.padding / axis.stride));
  const modulus = BigInt(axis.dilation);
  const slope = BigInt(axis.stride) % modulus;
  const offset = ((-BigInt(axis.padding) % modulus) + modulus) % modulus;
  const threshold = modulus - BigInt(axis.input);
  const countBelow = (end: number) => Number(
    floorSum(BigInt(end), modulus, slope, offset + threshold) - floorSum(BigInt(end), modulus, slope, offset),
  );
  const count = countBelow(candidates);
  const first: number[] = [];
  for (let rank = 1; rank <= Math.min(count, MAX_LISTED_INDICES); rank++) first.push(indexOfRank(countBelow, rank, candidates));
  return { count, first };
}

/** The smallest i with countBelow(i + 1) ≥ rank (binary search; countBelow is monotone). */
function indexOfRank(countBelow: (end: number) => number, rank: number, end: number): number {
  let low = 0;
  let high = end - 1;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (countBelow(middle + 1) >= rank) high = middle;
    else low = middle + 1;
  }
  return low;
}

export interface PoolWindowGeometry {
  input: Pair;
  kernel: Pair;
  stride: Pair;
  dilation: Pair;
  padding: Pair;
  output: Pair;
}

function listText(outputs: PaddingOnlyOutputs): string {
  return outputs.count <= 6 ? outputs.first.join(", ") : `${outputs.first.slice(0, 6).join(", ")}, … (${outputs.count} in all)`;
}

/**
 * The largest dilation below the current one whose windows all read the image: a dilation
 * ≤ input always does (a gap between taps cannot skip the whole image), so the candidates
 * are the few just below the current one and the largest valid one ≤ input; 1 always works.
 */
function dilationThatReadsImage(
  geometry: PoolWindowGeometry, axis: 0 | 1, outputForDilation: (axis: 0 | 1, dilation: number) => number,
): number {
  const current = geometry.dilation[axis];
  const input = geometry.input[axis];
  const kernelGaps = Math.max(1, geometry.kernel[axis] - 1);
  const padded = input + 2 * geometry.padding[axis];
  const largestFitting = [Math.floor((padded - 1) / kernelGaps), Math.floor((padded + geometry.stride[axis] - 2) / kernelGaps)];
  const near = Array.from({ length: MAX_FIX_CANDIDATES }, (_, offset) => current - 1 - offset);
  const candidates = [...near, ...largestFitting.map((fitting) => Math.min(fitting, input, current - 1))]
    .filter((dilation) => Number.isSafeInteger(dilation) && dilation > 1 && dilation < current)
    .sort((a, b) => b - a);
  const reads = (dilation: number) => {
    const output = outputForDilation(axis, dilation);
    return output >= 1 && paddingOnlyOutputs({
      input, kernel: geometry.kernel[axis], stride: geometry.stride[axis], dilation, padding: geometry.padding[axis], output,
    }).count === 0;
  };
  return candidates.find(reads) ?? 1;
}

/** Warning `pool-window-in-padding` on `dilation`, with the largest smaller dilation that avoids it as the fix. */
export function reportPaddingOnlyWindows(ctx: LayerContext, geometry: PoolWindowGeometry, infinity: "−∞" | "+∞", outputForDilation: (axis: 0 | 1, dilation: number) => number): void {
  const axes = ([0, 1] as const).map((axis) => paddingOnlyOutputs({
    input: geometry.input[axis], kernel: geometry.kernel[axis], stride: geometry.stride[axis], dilation: geometry.dilation[axis],
    padding: geometry.padding[axis], output: geometry.output[axis],
  }));
  if (axes[0].count === 0 && axes[1].count === 0) return;
  const parts = ([0, 1] as const)
    .filter((axis) => axes[axis].count > 0)
    .map((axis) => `output ${axis === 0 ? "row" : "column"}${axes[axis].count === 1 ? "" : "s"} ${listText(axes[axis])} of ${geometry.output[axis]}`);
  const dilation: Pair = [geometry.dilation[0], geometry.dilation[1]];
  for (const axis of [0, 1] as const) if (axes[axis].count > 0) dilation[axis] = dilationThatReadsImage(geometry, axis, outputForDilation);
  const fixText = describeValue(pairValue(dilation));
  ctx.warning(
    "pool-window-in-padding",
    `with dilation ${describeValue(pairValue(geometry.dilation))} every tap of the window for ${parts.join(" and ")} falls in the padding, so PyTorch outputs ${infinity} there; use dilation ${fixText}.`,
    { field: "dilation", fixes: [setFieldFix(ctx.index, "dilation", pairValue(dilation), `Set dilation to ${fixText} (every window reads the image)`, true)] },
  );
}
