/**
 * What the primary worker and its helper share: messages (sent once per helper and once per
 * run) and the control block, an Int32Array on a SharedArrayBuffer through which the primary
 * hands out one layer share at a time and waits for it (Atomics.wait / notify).
 */
import type { Analysis } from "../../engine/types";
import type { TensorSums } from "../backend";
import type { GivenWeights } from "../runner/convLayer";

export type HelperMessage =
  /** Once: the control block. */
  | { type: "helperInit"; control: ArrayBufferLike }
  /**
   * Before a run's first share: the network, the arena its outputs live in, given weights
   * ("previous": the same as the previous run's, so the helper keeps its packed copies).
   */
  | { type: "helperRun"; analysis: Analysis; arena: ArrayBufferLike; given?: Readonly<Record<string, GivenWeights>> | "previous" };

/** Int32 cells of the control block. */
export const Cell = {
  /** Bumped by the primary for every command. */
  sequence: 0,
  /** The helper's last acknowledged endRun command. */
  done: 1,
  command: 2,
  /** Index of the layer in analysis.nodes. */
  node: 3,
  /** Units of the layer, step and smallest chunk (see chunks.ts). */
  units: 4,
  step: 5,
  /** Non-zero: the helper stops its chunk at the next block (the primary was cancelled or failed). */
  abort: 6,
  status: 7,
  /** Bumped by the helper as it works (the primary's liveness check). */
  heartbeat: 8,
  outputAt: 9,
  outputLength: 10,
  /** Chunks of the current layer the helper has finished (failed or aborted ones included). */
  helperDone: 11,
  /** The chunks still unclaimed, packed by packClaim: the primary takes them from the front, the helper from the back. */
  claim: 12,
  minChunkUnits: 13,
  /** Float offset and length of each input, in pairs. */
  inputs: 14,
} as const;

export const MAX_SHARED_INPUTS = 24;
export const MAX_CHUNKS = 1023;
export const Command = { layerRange: 1, endRun: 2, stats: 3 } as const;
export const Status = { ok: 0, aborted: 1, failed: 2 } as const;

/** Claim state: a 12-bit layer tag (claims of a finished layer fail) and chunks [front, back). */
export function packClaim(tag: number, front: number, back: number): number {
  return ((tag & 0xfff) << 20) | (back << 10) | front;
}

export function claimTag(claim: number): number {
  return (claim >>> 20) & 0xfff;
}

export function claimFront(claim: number): number {
  return claim & 0x3ff;
}

export function claimBack(claim: number): number {
  return (claim >>> 10) & 0x3ff;
}

/**
 * Claims one chunk of layer `tag`: from the front (primary) or the back (helper). Returns
 * its index, or −1 when the layer has no chunk left or is no longer current.
 */
export function claimChunk(control: Int32Array, tag: number, fromFront: boolean): number {
  for (;;) {
    const claim = Atomics.load(control, Cell.claim);
    const front = claimFront(claim);
    const back = claimBack(claim);
    if (claimTag(claim) !== tag || front >= back) return -1;
    const next = fromFront ? packClaim(tag, front + 1, back) : packClaim(tag, front, back - 1);
    if (Atomics.compareExchange(control, Cell.claim, claim, next) === claim) return fromFront ? front : back - 1;
  }
}

/** Bytes of the helper's error message, after the cells. */
const MESSAGE_AT = 4 * (Cell.inputs + 2 * MAX_SHARED_INPUTS);
const MESSAGE_BYTES = 768;
/** The sums of a stats command (runner/stats.ts): 4 doubles then 3 counts. */
const SUMS_AT = Math.ceil((MESSAGE_AT + MESSAGE_BYTES) / 8) * 8;
export const CONTROL_BYTES = SUMS_AT + 4 * 8 + 3 * 4;

export function writeSums(control: Int32Array, sums: TensorSums): void {
  new Float64Array(control.buffer, SUMS_AT, 4).set([sums.minimum, sums.maximum, sums.sum, sums.sumOfSquares]);
  new Int32Array(control.buffer, SUMS_AT + 32, 3).set([sums.zeros, sums.negatives, sums.nonFinite]);
}

export function readSums(control: Int32Array): TensorSums {
  const [minimum, maximum, sum, sumOfSquares] = new Float64Array(control.buffer, SUMS_AT, 4);
  const [zeros, negatives, nonFinite] = new Int32Array(control.buffer, SUMS_AT + 32, 3);
  return { minimum, maximum, sum, sumOfSquares, zeros, negatives, nonFinite };
}

/** The helper's error text, as UTF-16 code units (the pure core has no TextEncoder typing). */
export function writeMessage(control: Int32Array, text: string): void {
  const units = new Uint16Array(control.buffer, MESSAGE_AT, MESSAGE_BYTES / 2);
  units.fill(0);
  for (let index = 0; index < Math.min(text.length, units.length); index++) units[index] = text.charCodeAt(index);
}

export function readMessage(control: Int32Array): string {
  const units = new Uint16Array(control.buffer, MESSAGE_AT, MESSAGE_BYTES / 2);
  const end = units.indexOf(0);
  return String.fromCharCode(...units.subarray(0, end < 0 ? units.length : end));
}
