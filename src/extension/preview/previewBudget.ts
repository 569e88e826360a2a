/**
 * The preview's budget on the host, before a job reaches the worker (issue #16): the run's
 * peak memory and MACs are estimated from the analysis (core/budget/estimate.ts) and a run
 * over cnnDesigner.preview.maxMemoryMB or MAX_PREVIEW_MACS is refused with the layer, the
 * numbers and, where a smaller input fits, that input. The worker checks the same limits again
 * and its allocation guard enforces the memory limit on every allocation (option (a): the
 * worker is a thread of the extension host, and neither worker resourceLimits nor
 * --max-old-space-size caps typed arrays or WebAssembly memory). Pure: no vscode import.
 */
import { checkBudget, formatMacs, shapeText, type PreviewLimits } from "../../core/budget/budgetCheck";
import { estimateRun, imagePreparationBytes, type EstimateOptions } from "../../core/budget/estimate";
import { formatBytes } from "../../core/budget/allocationGuard";
import { detectImageFormat, readJpegDimensions, readPngDimensions } from "../../core/image/detect";
import type { Analysis } from "../../engine/types";

/**
 * Multiply-accumulates a preview may take: VGG-16 at 224×224 (15.5 G, the largest template)
 * runs in about 4 s on one worker (~3.7 G MAC/s measured, WebAssembly SIMD); 40 G is about
 * 10 s, cancellable at any time.
 */
export const MAX_PREVIEW_MACS = 40e9;

/** Smaller inputs tried for the suggestion: H and W halved up to this many times. */
const SUGGESTION_STEPS = 6;
const MIN_SUGGESTED_SIDE = 8;

export type BudgetCheck = { ok: true } | { ok: false; message: string };

/** Re-analyses the document with another `input` (null when it cannot). */
export type AnalyzeWithInput = (input: number[]) => Analysis | null;

export function previewLimits(maxMemoryMB: number): PreviewLimits {
  return { memoryBytes: maxMemoryMB * 1024 * 1024, macs: MAX_PREVIEW_MACS };
}

/** Bytes to decode `imageBytes` (from its header) and resize it to `input`; 0 when unreadable (the decoder refuses it). */
export function imageBytesToPrepare(imageBytes: Uint8Array, input: readonly number[] | null): number {
  if (input === null) return 0;
  const format = detectImageFormat(imageBytes);
  const dimensions = format === "png" ? readPngDimensions(imageBytes) : format === "jpeg" ? readJpegDimensions(imageBytes) : null;
  return dimensions === null ? 0 : imagePreparationBytes(dimensions.width, dimensions.height, input);
}

export function checkPreviewBudget(
  analysis: Analysis, options: EstimateOptions, limits: PreviewLimits, preparationBytes: number, analyzeWithInput?: AnalyzeWithInput,
): BudgetCheck {
  const verdict = checkBudget(estimateRun(analysis, options, preparationBytes), analysis.input, limits);
  if (verdict.ok) return { ok: true };
  const suggestion = analysis.input === null || analyzeWithInput === undefined
    ? null
    : smallerInput(analysis.input, verdict.exceeded, options, limits, analyzeWithInput);
  const setting = verdict.exceeded === "memory" ? "The limit is the setting cnnDesigner.preview.maxMemoryMB." : null;
  return { ok: false, message: [verdict.message, suggestion, setting].filter((part) => part !== null).join(" ") };
}

/** "With input 3×1024×1024 it needs ~153 MB." for the largest halved input that fits, or null. */
function smallerInput(input: readonly number[], exceeded: "memory" | "macs", options: EstimateOptions, limits: PreviewLimits, analyzeWithInput: AnalyzeWithInput): string | null {
  const [channels, height, width] = input;
  for (let step = 1; step <= SUGGESTION_STEPS; step++) {
    const candidate = [channels, Math.floor(height / 2 ** step), Math.floor(width / 2 ** step)];
    if (Math.min(candidate[1], candidate[2]) < MIN_SUGGESTED_SIDE) return null;
    const analysis = analyzeWithInput(candidate);
    if (analysis === null || analysis.diagnostics.some((diagnostic) => diagnostic.severity === "error")) return null;
    if (options.upToLayerId !== undefined && !analysis.nodes.some((node) => node.id === options.upToLayerId)) return null;
    const verdict = checkBudget(estimateRun(analysis, options), analysis.input, limits);
    if (!verdict.ok) continue;
    const needs = exceeded === "memory" ? `~${formatBytes(verdict.estimate.peak.bytes)}` : `${formatMacs(verdict.estimate.macs)} multiply-accumulates`;
    return `With input ${shapeText(candidate)} it needs ${needs}.`;
  }
  return null;
}
