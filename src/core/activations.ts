/** Every activation of the format (spec-format.md §1), as PyTorch defines them. */
import type { ActivationParams, ActivationType } from "../engine/types";
import { checkArgument, checkShapeMatchesData, type Tensor } from "./tensor";
import { allocateFloats } from "./budget/allocationGuard";

type ElementWise = (value: number) => number;

export const relu: ElementWise = (value) => (value > 0 ? value : value === value ? 0 : value);
export const relu6: ElementWise = (value) => Math.min(Math.max(value, 0), 6);
export const sigmoid: ElementWise = (value) => (value >= 0 ? 1 / (1 + Math.exp(-value)) : Math.exp(value) / (1 + Math.exp(value)));
export const tanh: ElementWise = Math.tanh;
/** Exact GELU (PyTorch's default): x·Φ(x) = x/2·(1 + erf(x/√2)). */
export const gelu: ElementWise = (value) => 0.5 * value * (1 + erf(value / Math.SQRT2));
export const silu: ElementWise = (value) => value * sigmoid(value);
/** x·relu6(x + 3)/6 */
export const hardswish: ElementWise = (value) => (value * relu6(value + 3)) / 6;

export function leakyRelu(slope: number): ElementWise {
  return (value) => (value >= 0 ? value : value * slope);
}

export function elu(alpha: number): ElementWise {
  return (value) => (value > 0 ? value : alpha * Math.expm1(value));
}

/**
 * erf: the Maclaurin series for |x| ≤ 3 (double precision, error < 1e-12), Abramowitz &
 * Stegun 7.1.26 beyond (absolute error < 1.5e-7, where erf is within 2e-5 of ±1).
 */
export function erf(value: number): number {
  const x = Math.abs(value);
  const magnitude = x <= 3 ? erfSeries(x) : erfAbramowitzStegun(x);
  return value < 0 ? -magnitude : magnitude;
}

function erfSeries(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    const contribution = term / (2 * n + 1);
    sum += contribution;
    if (Math.abs(contribution) < 1e-17) break;
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

function erfAbramowitzStegun(x: number): number {
  const t = 1 / (1 + 0.3275911 * x);
  const polynomial = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return 1 - polynomial * Math.exp(-x * x);
}

function elementWiseFor(params: ActivationParams): ElementWise | null {
  const table: Record<Exclude<ActivationType, "softmax">, () => ElementWise> = {
    relu: () => relu,
    relu6: () => relu6,
    leakyrelu: () => leakyRelu(params.slope ?? 0.01),
    elu: () => elu(params.alpha ?? 1),
    sigmoid: () => sigmoid,
    tanh: () => tanh,
    gelu: () => gelu,
    silu: () => silu,
    hardswish: () => hardswish,
  };
  if (params.type === "softmax") return null;
  const factory: (() => ElementWise) | undefined = Object.prototype.hasOwnProperty.call(table, params.type)
    ? table[params.type]
    : undefined;
  checkArgument(factory !== undefined, () => `activation: unknown type "${params.type}" (expected one of relu, relu6, leakyrelu, elu, sigmoid, tanh, gelu, silu, hardswish, softmax)`);
  return factory();
}

/** Applies an activation, returning a new tensor. */
export function applyActivation(x: Tensor, params: ActivationParams): Tensor {
  checkShapeMatchesData(x, "x");
  const elementWise = elementWiseFor(params);
  if (elementWise === null) return softmax(x);
  const input = x.data;
  const count = input.length;
  const output = allocateFloats(count);
  // Loop bounds in a local: V8 runs `i < output.length` on a typed array several times slower.
  if (elementWise === relu) {
    // The hottest activation, inlined: the output starts at 0, so only positive values and
    // NaN are stored (same values as `relu`: NaN stays NaN, −0 becomes 0).
    for (let i = 0; i < count; i++) {
      const value = input[i];
      if (value > 0 || value !== value) output[i] = value;
    }
  } else {
    for (let i = 0; i < count; i++) output[i] = elementWise(input[i]);
  }
  return { shape: [...x.shape], data: output };
}

/** Softmax over channels for [C,H,W] (per pixel), over features for [F]. */
export function softmax(x: Tensor): Tensor {
  checkShapeMatchesData(x, "x");
  checkArgument(x.shape.length === 1 || x.shape.length === 3, () => `x: softmax needs [F] or [C, H, W], got shape [${x.shape.join(", ")}]`);
  const channels = x.shape[0];
  const plane = x.data.length / channels;
  const output = allocateFloats(x.data.length);
  for (let pixel = 0; pixel < plane; pixel++) {
    let maximum = -Infinity;
    for (let c = 0; c < channels; c++) maximum = Math.max(maximum, x.data[c * plane + pixel]);
    let total = 0;
    for (let c = 0; c < channels; c++) {
      const exponential = Math.exp(x.data[c * plane + pixel] - maximum);
      output[c * plane + pixel] = exponential;
      total += exponential;
    }
    for (let c = 0; c < channels; c++) output[c * plane + pixel] /= total;
  }
  return { shape: [...x.shape], data: output };
}
