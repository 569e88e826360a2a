/** Fully connected layer and its block form (for weights too big to hold at once). */
import { checkArgument, checkShapeMatchesData, type Tensor } from "./tensor";
import { allocateFloats } from "./budget/allocationGuard";

/** x: [F] (any shape with F values); weight: [units, F]; bias: units values or null. Returns [units]. */
export function linear(x: Tensor, weight: Tensor, bias: Float32Array | null): Tensor {
  checkShapeMatchesData(x, "x");
  checkShapeMatchesData(weight, "weight");
  checkArgument(weight.shape.length === 2, () => `weight: expected a 2-D [units, inFeatures] tensor, got shape [${weight.shape.join(", ")}]`);
  const [units, inFeatures] = weight.shape;
  checkArgument(x.data.length === inFeatures, () => `x: expected ${inFeatures} features (weight dimension 1), got ${x.data.length}`);
  checkArgument(bias === null || bias.length === units, () => `bias: expected ${units} values (one per unit), got ${bias?.length}`);
  const output = allocateFloats(units);
  linearRowRange(x.data, weight.data, bias, output, 0, units);
  return { shape: [units], data: output };
}

/**
 * output[u] = bias[u] + Σ_i rows[u − unitStart][i] · input[i] for u in [unitStart, unitEnd);
 * `rows` holds only those units' weight rows.
 */
export function linearRowRange(
  input: Float32Array, rows: Float32Array, bias: Float32Array | null, output: Float32Array, unitStart: number, unitEnd: number,
): void {
  const inFeatures = input.length;
  for (let unit = unitStart; unit < unitEnd; unit++) {
    const rowBase = (unit - unitStart) * inFeatures;
    let sum = 0;
    for (let i = 0; i < inFeatures; i++) sum += rows[rowBase + i] * input[i];
    output[unit] = sum + (bias === null ? 0 : bias[unit]);
  }
}
