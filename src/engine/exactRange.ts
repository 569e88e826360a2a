/**
 * Sizes and counts past 2^53 − 1 are no longer exact as JavaScript numbers: a layer whose
 * output size, element count, parameters or MACs would exceed it is an error (and gets no
 * shape), never a silently rounded number. Field values past it are `value-too-large`.
 */
import { report, type LayerContext, type PendingDiagnostic } from "./context";
import { formatCount } from "./numberFormat";
import type { LayerOutcome } from "./layers/handler";
import { MAX_EXACT_INTEGER } from "./limits";

export const EXACT_LIMIT_TEXT = `2^53 − 1 = ${formatCount(MAX_EXACT_INTEGER)}, the largest integer counted exactly`;

function exact(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/** The first quantity of the outcome past the exact range, described, or undefined. */
function firstInexact(outcome: LayerOutcome): string | undefined {
  if (!outcome.outputShape.every(exact)) return `the output size [${outcome.outputShape.map((size) => formatCount(size)).join(", ")}]`;
  const elements = outcome.outputShape.reduce((product, size) => product * size, 1);
  if (!exact(elements)) return `the output's ${formatCount(elements)} elements`;
  if (!exact(outcome.params)) return `its ${formatCount(outcome.params)} parameters`;
  if (!exact(outcome.macs)) return `its ${formatCount(outcome.macs)} MACs`;
  return undefined;
}

/** False (after an error `size-exceeds-exact-range` on the layer) when a size or count is past 2^53 − 1. */
export function checkExactRange(ctx: LayerContext, outcome: LayerOutcome): boolean {
  const what = firstInexact(outcome);
  if (what === undefined) return true;
  ctx.error("size-exceeds-exact-range", `${what} would exceed ${EXACT_LIMIT_TEXT}; use smaller sizes (no framework could allocate this either).`);
  return false;
}

/** For field readers: an integer-valued number past the exact range gets `value-too-large`. */
export function tooLargeText(key: string, value: number): string {
  return `\`${key}\` is ${String(value)}, past ${EXACT_LIMIT_TEXT}; use a realistic size.`;
}

export function isInexactInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && !Number.isSafeInteger(value);
}

/** Warning `size-exceeds-exact-range` at the top level when the network's total parameters or MACs pass 2^53 − 1. */
export function reportInexactTotals(totals: { params: number; macs: number }, sink: PendingDiagnostic[]): void {
  const over = [["parameters", totals.params], ["MACs", totals.macs]].filter(([, value]) => !exact(value as number));
  if (over.length === 0) return;
  const what = over.map(([name, value]) => `${formatCount(value as number)} ${name}`).join(" and ");
  report(sink, "warning", "size-exceeds-exact-range", `The network's total of ${what} exceeds ${EXACT_LIMIT_TEXT}; the totals shown are rounded.`, ["layers"]);
}
