/**
 * The positions a strided, dilated window reads on one axis, in closed form:
 *   { i·stride + j·dilation : 0 ≤ i < outputs, 0 ≤ j < kernel }.
 * Grouping the terms j·dilation by their residue modulo the stride, each group is a "train"
 * of equal intervals in quotient space: positions residue + stride·q for q in
 * [first + m·step, first + m·step + length − 1], m = 0 … count − 1. (The roles of the two
 * sums can be swapped; the grouping with fewer classes is used: 1 class when the stride or
 * the dilation is 1.) Every query is O(classes), whatever the sizes.
 */
import { MAX_EXACT_INTEGER, MAX_UNREAD_PATTERN_CLASSES } from "./limits";

interface IntervalTrain {
  residue: number;
  first: number;
  step: number;
  length: number;
  count: number;
}

export interface ReadSet {
  modulus: number;
  trains: IntervalTrain[];
  residues: Set<number>;
}

export function greatestCommonDivisor(first: number, second: number): number {
  let a = Math.abs(first);
  let b = Math.abs(second);
  while (b > 0) [a, b] = [b, a % b];
  return a;
}

function classCount(terms: number, termStep: number, modulus: number): number {
  return Math.min(terms, modulus / greatestCommonDivisor(termStep, modulus));
}

/** Positions { t·termStep + modulus·u : 0 ≤ t < terms, 0 ≤ u < runLength } as trains. */
function buildTrains(terms: number, termStep: number, modulus: number, runLength: number): ReadSet {
  const divisor = greatestCommonDivisor(termStep, modulus);
  const period = modulus / divisor;
  const trains: IntervalTrain[] = [];
  for (let term = 0; term < Math.min(terms, period); term++) {
    const offset = term * termStep;
    trains.push({
      residue: offset % modulus, first: Math.floor(offset / modulus), step: termStep / divisor, length: runLength,
      count: Math.floor((terms - 1 - term) / period) + 1,
    });
  }
  return { modulus, trains, residues: new Set(trains.map((train) => train.residue)) };
}

/** [terms, termStep, modulus, runLength] of the grouping with fewer classes, or undefined past the caps. */
function grouping(outputs: number, stride: number, kernel: number, dilation: number): [number, number, number, number] | undefined {
  if (outputs < 1 || kernel < 1 || stride < 1 || dilation < 1) return undefined;
  if ((outputs - 1) * stride + (kernel - 1) * dilation > MAX_EXACT_INTEGER / 2) return undefined;
  const byStride = classCount(kernel, dilation, stride);
  const byDilation = classCount(outputs, stride, dilation);
  if (Math.min(byStride, byDilation) > MAX_UNREAD_PATTERN_CLASSES) return undefined;
  return byStride <= byDilation ? [kernel, dilation, stride, outputs] : [outputs, stride, dilation, kernel];
}

/** The read set, or undefined when it has more than MAX_UNREAD_PATTERN_CLASSES classes or leaves the exact range. */
export function windowReadSet(outputs: number, stride: number, kernel: number, dilation: number): ReadSet | undefined {
  const chosen = grouping(outputs, stride, kernel, dilation);
  return chosen ? buildTrains(...chosen) : undefined;
}

/** Positions read in [low, high) without building the set (fix searches try many strides and paddings). */
export function countWindowReads(
  outputs: number, stride: number, kernel: number, dilation: number, low: number, high: number,
): number | undefined {
  const chosen = grouping(outputs, stride, kernel, dilation);
  if (!chosen) return undefined;
  const [terms, termStep, modulus, runLength] = chosen;
  const divisor = greatestCommonDivisor(termStep, modulus);
  const period = modulus / divisor;
  const train: IntervalTrain = { residue: 0, first: 0, step: termStep / divisor, length: runLength, count: 0 };
  let total = 0;
  for (let term = 0; term < Math.min(terms, period); term++) {
    const offset = term * termStep;
    train.residue = offset % modulus;
    train.first = Math.floor(offset / modulus);
    train.count = Math.floor((terms - 1 - term) / period) + 1;
    total += countTrain(train, modulus, low, high);
  }
  return total;
}

function contiguous(train: IntervalTrain): boolean {
  return train.count === 1 || train.length >= train.step;
}

function span(train: IntervalTrain): number {
  return (train.count - 1) * train.step + train.length;
}

/** Covered quotients below q. */
function coveredBelow(train: IntervalTrain, q: number): number {
  const offset = q - train.first;
  if (offset <= 0) return 0;
  if (contiguous(train)) return Math.min(offset, span(train));
  const interval = Math.floor(offset / train.step);
  if (interval >= train.count) return train.count * train.length;
  return interval * train.length + Math.min(train.length, offset - interval * train.step);
}

/** The largest covered quotient ≤ q, or undefined. */
function lastCoveredAtOrBelow(train: IntervalTrain, q: number): number | undefined {
  const offset = q - train.first;
  if (offset < 0) return undefined;
  if (contiguous(train)) return train.first + Math.min(offset, span(train) - 1);
  const start = Math.min(train.count - 1, Math.floor(offset / train.step)) * train.step;
  return train.first + Math.min(offset, start + train.length - 1);
}

/** The smallest uncovered quotient ≥ q. */
function firstUncoveredAtOrAbove(train: IntervalTrain, q: number): number {
  const offset = q - train.first;
  if (offset < 0) return q;
  if (contiguous(train)) return offset < span(train) ? train.first + span(train) : q;
  const interval = Math.floor(offset / train.step);
  if (interval >= train.count) return q;
  return offset - interval * train.step < train.length ? train.first + interval * train.step + train.length : q;
}

function countTrain(train: IntervalTrain, modulus: number, low: number, high: number): number {
  const first = Math.ceil((low - train.residue) / modulus);
  const end = Math.floor((high - 1 - train.residue) / modulus) + 1;
  return end > first ? coveredBelow(train, end) - coveredBelow(train, first) : 0;
}

/** Positions read in [low, high). */
export function countRead(set: ReadSet, low: number, high: number): number {
  let total = 0;
  for (const train of set.trains) total += countTrain(train, set.modulus, low, high);
  return total;
}

/** The last position read in [low, high), or −1. */
export function lastRead(set: ReadSet, low: number, high: number): number {
  let last = -1;
  for (const train of set.trains) {
    const quotient = lastCoveredAtOrBelow(train, Math.floor((high - 1 - train.residue) / set.modulus));
    if (quotient === undefined) continue;
    const position = train.residue + set.modulus * quotient;
    if (position >= low) last = Math.max(last, position);
  }
  return last;
}

/** The first position in [from, high) that is never read, or undefined. */
export function nextUnread(set: ReadSet, from: number, high: number): number | undefined {
  let best = high;
  // A residue no class has is never read; one is found within (classes + 1) steps.
  for (let position = from; position < Math.min(high, from + set.trains.length + 1); position++) {
    if (!set.residues.has(position % set.modulus)) {
      best = position;
      break;
    }
  }
  for (const train of set.trains) {
    const quotient = firstUncoveredAtOrAbove(train, Math.ceil((from - train.residue) / set.modulus));
    best = Math.min(best, train.residue + set.modulus * quotient);
  }
  return best < high ? best : undefined;
}
