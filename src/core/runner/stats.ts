/** Summary statistics of a layer output. */
import type { TensorStats } from "./runTypes";

export function computeStats(values: Float32Array): TensorStats {
  let minimum = Infinity;
  let maximum = -Infinity;
  let sum = 0;
  let sumOfSquares = 0;
  let zeros = 0;
  let negatives = 0;
  let nonFinite = 0;
  let finite = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (!Number.isFinite(value)) {
      nonFinite++;
      continue;
    }
    finite++;
    if (value < minimum) minimum = value;
    if (value > maximum) maximum = value;
    sum += value;
    sumOfSquares += value * value;
    if (value === 0) zeros++;
    else if (value < 0) negatives++;
  }
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
