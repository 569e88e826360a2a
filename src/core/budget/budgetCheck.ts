/**
 * A run's estimate against the preview's limits, and the message naming the layer and the
 * numbers when it is over. The host checks before it sends a job; the runner checks again
 * (a job from anywhere else), then guards every allocation (./allocationGuard.ts).
 */
import { formatBytes } from "./allocationGuard";
import type { RunEstimate } from "./estimate";

export interface PreviewLimits {
  /** Peak bytes a run may hold. */
  memoryBytes: number;
  /** Multiply-accumulates a run may take. */
  macs: number;
}

export type BudgetVerdict =
  | { ok: true; estimate: RunEstimate }
  | { ok: false; estimate: RunEstimate; exceeded: "memory" | "macs"; message: string };

export function checkBudget(estimate: RunEstimate, inputShape: readonly number[] | null, limits: PreviewLimits): BudgetVerdict {
  if (estimate.peak.bytes > limits.memoryBytes) {
    return { ok: false, estimate, exceeded: "memory", message: memoryMessage(estimate, inputShape, limits.memoryBytes) };
  }
  if (estimate.macs > limits.macs) {
    return { ok: false, estimate, exceeded: "macs", message: macsMessage(estimate, inputShape, limits.macs) };
  }
  return { ok: true, estimate };
}

/** "input 3×4096×4096 needs ~1.57 GB at layer conv1 (16×4096×4096 float32 = 1.00 GB); the preview memory limit is 512 MB." */
export function memoryMessage(estimate: RunEstimate, inputShape: readonly number[] | null, limitBytes: number): string {
  const { peak } = estimate;
  const where = peak.layerId === "input" ? "while preparing the input image" : `at layer ${peak.layerId}`;
  const parts = [`${shapeText(peak.outputShape)} float32 = ${formatBytes(peak.outputBytes)}`];
  if (peak.liveBytes > 0) parts.push(`with ${formatBytes(peak.liveBytes)} of inputs and earlier outputs held`);
  // Named when they are a large share: a huge kernel's weights, a staged input.
  if (peak.scratchBytes > peak.bytes / 4) parts.push(`${formatBytes(peak.scratchBytes)} of weights and scratch`);
  if (peak.wasmBytes > peak.bytes / 4) parts.push(`${formatBytes(peak.wasmBytes)} of WebAssembly memory`);
  return `${subject(inputShape)} needs ~${formatBytes(peak.bytes)} ${where} (${parts.join(", ")}); the preview memory limit is ${formatBytes(limitBytes)}.`;
}

export function macsMessage(estimate: RunEstimate, inputShape: readonly number[] | null, limitMacs: number): string {
  const last = estimate.layerIds.at(-1) ?? "input";
  return `${subject(inputShape)} needs ${formatMacs(estimate.macs)} multiply-accumulates up to layer ${last}; the preview limit is ${formatMacs(limitMacs)}.`;
}

function subject(inputShape: readonly number[] | null): string {
  return inputShape === null ? "The preview" : `Input ${shapeText(inputShape)}`;
}

export function shapeText(shape: readonly number[]): string {
  return shape.join("×");
}

export function formatMacs(macs: number): string {
  if (macs >= 1e9) return `${(macs / 1e9).toFixed(1)} G`;
  if (macs >= 1e6) return `${(macs / 1e6).toFixed(1)} M`;
  return String(macs);
}
