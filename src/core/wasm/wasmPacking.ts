/**
 * The GEMM's packed weights: for each block of up to GEMM_MAX_ROWS output channels (never
 * crossing a group), packed[k·rows + r] = weights[(first + r)·taps + k], kernels rotated for
 * `flip`; blocks follow each other, block `first` at first·taps. Weights declared constant
 * (backend.ts) are packed once per (array, channel range) and kept while their buffer lives.
 */
import { isConstantWeights } from "../kernels/constantWeights";
import type { Conv2dInfo } from "../conv2dInfo";
import { GEMM_MAX_ROWS } from "./wasmInstance";
import { allocateFloats } from "../budget/allocationGuard";

/** One GEMM call's output channels: `rows` channels of one group from `first` (relative to outStart). */
export interface RowBlock {
  first: number;
  rows: number;
  group: number;
}

export function rowBlocksOf(info: Conv2dInfo, outStart: number, outEnd: number): RowBlock[] {
  const blocks: RowBlock[] = [];
  for (let co = outStart; co < outEnd;) {
    const group = Math.floor(co / info.outChannelsPerGroup);
    const groupEnd = Math.min(outEnd, (group + 1) * info.outChannelsPerGroup);
    const rows = Math.min(GEMM_MAX_ROWS, groupEnd - co);
    blocks.push({ first: co - outStart, rows, group });
    co += rows;
  }
  return blocks;
}

export type PackedCache = WeakMap<ArrayBufferLike, Map<string, Float32Array>>;

/** The packed weights of channels [outStart, outEnd) (`weights` holds exactly those channels). */
export function packedWeights(
  cache: PackedCache, info: Conv2dInfo, weights: Float32Array, outStart: number, outEnd: number, blocks: readonly RowBlock[],
): Float32Array {
  if (!isConstantWeights(weights)) return packAll(info, weights, blocks);
  const key = `${weights.byteOffset}:${weights.length}:${outStart}:${outEnd}:${info.outChannelsPerGroup}:${info.flip}`;
  let entries = cache.get(weights.buffer);
  if (entries === undefined) {
    entries = new Map();
    cache.set(weights.buffer, entries);
  }
  let packed = entries.get(key);
  if (packed === undefined) {
    packed = packAll(info, weights, blocks);
    entries.set(key, packed);
  }
  return packed;
}

function packAll(info: Conv2dInfo, weights: Float32Array, blocks: readonly RowBlock[]): Float32Array {
  const kernelArea = info.kernelHeight * info.kernelWidth;
  const taps = info.inChannelsPerGroup * kernelArea;
  const packed = allocateFloats(weights.length);
  for (const { first, rows } of blocks) packBlock(weights, first, rows, taps, info.flip ? kernelArea : 0, packed, first * taps);
  return packed;
}

/** packed[at + k·rows + r] = weights[(first + r)·taps + k], each kernel rotated when flipArea > 0. */
function packBlock(
  weights: Float32Array, first: number, rows: number, taps: number, flipArea: number, packed: Float32Array, at: number,
): void {
  for (let r = 0; r < rows; r++) {
    const source = (first + r) * taps;
    if (flipArea === 0) {
      for (let k = 0; k < taps; k++) packed[at + k * rows + r] = weights[source + k];
    } else {
      for (let k = 0; k < taps; k++) {
        const tap = k % flipArea;
        packed[at + k * rows + r] = weights[source + k - tap + flipArea - 1 - tap];
      }
    }
  }
}
