/**
 * Seeded random conv and pool cases for the WebAssembly kernels, each checked against the
 * naive reference. Shared by the in-process plain-SIMD tests and the relaxed-SIMD check
 * that runs in a child `node --experimental-wasm-relaxed-simd` (wasmRelaxed.test.ts).
 */
import { avgPool2d, computePool2dInfo, conv2d, maxPool2d, type KernelBackend, type Tensor } from "../../../src/core";
import { randomTensor, referenceConv2d, referencePool2d, seededRandom } from "./reference";

export interface CaseResult {
  label: string;
  /** Largest |actual − expected| / max(1, max |expected|); Infinity on a shape mismatch. */
  error: number;
}

export function relativeError(actual: Tensor, expected: Tensor): number {
  if (actual.shape.join() !== expected.shape.join()) return Infinity;
  let worst = 0;
  let largest = 1;
  for (let index = 0; index < expected.data.length; index++) {
    if (actual.data[index] === expected.data[index]) continue;
    worst = Math.max(worst, Math.abs(actual.data[index] - expected.data[index]));
    largest = Math.max(largest, Math.abs(expected.data[index]));
  }
  return Number.isNaN(worst) ? Infinity : worst / largest;
}

/** `count` random convolutions: groups, depthwise, 1×1, strides, dilation, 4-sided padding, flip. */
export function randomConvCases(seed: number, count: number): CaseResult[] {
  const random = seededRandom(seed);
  const integer = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
  const results: CaseResult[] = [];
  while (results.length < count) {
    const depthwise = random() < 0.25;
    const groups = depthwise ? integer(1, 6) : integer(1, 3);
    const channels = groups * (depthwise ? 1 : integer(1, 9));
    const outChannels = groups * integer(1, depthwise ? 2 : 14);
    const kernel: [number, number] = random() < 0.2 ? [1, 1] : [integer(1, 5), integer(1, 5)];
    const stride: [number, number] = [integer(1, 3), integer(1, 3)];
    const dilation: [number, number] = [integer(1, 2), integer(1, 3)];
    const padding: [number, number, number, number] = [integer(0, 3), integer(0, 3), integer(0, 3), integer(0, 3)];
    const height = integer(1, 23);
    const width = integer(1, 23);
    if (height + padding[0] + padding[1] < dilation[0] * (kernel[0] - 1) + 1) continue;
    if (width + padding[2] + padding[3] < dilation[1] * (kernel[1] - 1) + 1) continue;
    const x = randomTensor(random, [channels, height, width]);
    const weight = randomTensor(random, [outChannels, channels / groups, ...kernel]);
    const bias = random() < 0.5 ? null : randomTensor(random, [outChannels]).data;
    const flip = random() < 0.3;
    const options = { stride, padding, dilation, groups, flip };
    const label = JSON.stringify({ shape: x.shape, weight: weight.shape, ...options, bias: bias !== null });
    results.push({ label, error: relativeError(conv2d(x, weight, bias, options), referenceConv2d(x, weight, bias, options)) });
  }
  return results;
}

/**
 * `count` random max and average pools (stride 1–3, padding, dilation for max, ceil mode)
 * through `backend.pool2d`; geometries it declines go through the core's own functions.
 */
export function randomPoolCases(seed: number, count: number, backend: KernelBackend): CaseResult[] {
  const random = seededRandom(seed);
  const integer = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
  const results: CaseResult[] = [];
  while (results.length < count) {
    const kind = random() < 0.5 ? "max" : "avg";
    const kernel: [number, number] = [integer(1, 4), integer(1, 4)];
    const stride: [number, number] = [integer(1, 3), integer(1, 2)];
    const padding: [number, number] = [integer(0, Math.floor(kernel[0] / 2)), integer(0, Math.floor(kernel[1] / 2))];
    const dilation: [number, number] = kind === "max" ? [integer(1, 2), integer(1, 2)] : [1, 1];
    const ceilMode = random() < 0.3;
    const countIncludePad = random() < 0.5;
    const height = integer(1, 20);
    const width = integer(1, 20);
    if (height + 2 * padding[0] < dilation[0] * (kernel[0] - 1) + 1) continue;
    if (width + 2 * padding[1] < dilation[1] * (kernel[1] - 1) + 1) continue;
    const x = randomTensor(random, [integer(1, 4), height, width]);
    const options = { kernel, stride, padding, dilation, ceilMode, countIncludePad };
    const info = computePool2dInfo(x.shape, { kernel, stride, padding, dilation, ceilMode });
    const output = new Float32Array(info.channels * info.outHeight * info.outWidth);
    const handled = backend.pool2d?.(kind === "max" ? "max" : "average", info, x.data, output, countIncludePad) ?? false;
    const actual = handled
      ? { shape: [info.channels, info.outHeight, info.outWidth], data: output }
      : kind === "max"
        ? maxPool2d(x, { kernel, stride, padding, dilation, ceilMode })
        : avgPool2d(x, { kernel, stride, padding, ceilMode, countIncludePad });
    const label = JSON.stringify({ kind, handled, shape: x.shape, ...options });
    results.push({ label, error: relativeError(actual, referencePool2d(x, kind, options)) });
  }
  return results;
}
