/** Summary statistics of a layer output. */
import { kernelBackend, type TensorSums } from "../backend";
import type { TensorStats } from "./runTypes";

/** The sums in plain TypeScript (the wasm backend's `stats` kernel computes the same numbers). */
export function tensorSums(values: Float32Array): TensorSums {
  let minimum = Infinity;
  let maximum = -Infinity;
  let sum = 0;
  let sumOfSquares = 0;
  let zeros = 0;
  let negatives = 0;
  let nonFinite = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (!Number.isFinite(value)) {
      nonFinite++;
      continue;
    }
    if (value < minimum) minimum = value;
    if (value > maximum) maximum = value;
    sum += value;
    sumOfSquares += value * value;
    if (value === 0) zeros++;
    else if (value < 0) negatives++;
  }
  return { minimum, maximum, sum, sumOfSquares, zeros, negatives, nonFinite };
}

/** The sums on the active backend (wasm when installed, else the loop above). */
export function backendTensorSums(values: Float32Array): TensorSums {
  return kernelBackend().tensorSums?.(values) ?? tensorSums(values);
}

export function computeStats(values: Float32Array): TensorStats {
  return statsFromSums(backendTensorSums(values), values.length);
}

/** The statistics of `count` values from their sums. */
export function statsFromSums(sums: TensorSums, count: number): TensorStats {
  const { minimum, maximum, sum, sumOfSquares, zeros, negatives, nonFinite } = sums;
  const values = { length: count };
  const finite = values.length - nonFinite;
  const mean = finite > 0 ? sum / finite : 0;
  const variance = finite > 0 ? Math.max(0, sumOfSquares / finite - mean * mean) : 0;
  return {
    minimum: finite > 0 ? minimum : 0,
    maximum: finite > 0 ? maximum : 0,
    mean,
    standardDeviation: Math.sqrt(variance),
    fractionZero: values.length > 0 ? zeros / values.length : 0,
    fractionNegative: values.length > 0 ? negatives / values.length : 0,
    nonFinite,
  };
}
