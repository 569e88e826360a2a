/**
 * The core against PyTorch 1.13 / SciPy fixtures (test/golden/core/gen_core.py):
 * |ours − torch| ≤ 1e-4 · max(1, max|torch|) per case.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ActivationParams } from "../../../src/engine/types";
import {
  adaptiveAvgPool2d, adaptiveMaxPool2d, add, applyActivation, avgPool2d, batchNorm2d, concat, conv2d, convTranspose2d,
  flatten, globalAvgPool2d, globalMaxPool2d, linear, maxPool2d, minPool2d, type Tensor,
} from "../../../src/core";

interface PackedTensor {
  shape: number[];
  data: number[];
}

interface GoldenCase {
  op: string;
  name: string;
  inputs: PackedTensor[];
  weight?: PackedTensor;
  bias?: number[];
  options: Record<string, unknown>;
  output: PackedTensor;
}

const fixture = JSON.parse(readFileSync(join(__dirname, "../../golden/core/core_cases.json"), "utf8")) as { cases: GoldenCase[] };

function unpack(packed: PackedTensor): Tensor {
  return { shape: packed.shape, data: Float32Array.from(packed.data) };
}

function floats(values: unknown): Float32Array | undefined {
  return Array.isArray(values) ? Float32Array.from(values as number[]) : undefined;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- fixture options are checked by the core itself */
function run(testCase: GoldenCase): Tensor {
  const inputs = testCase.inputs.map(unpack);
  const [x] = inputs;
  const options = testCase.options as any;
  const weight = testCase.weight ? unpack(testCase.weight) : undefined;
  const bias = testCase.bias ? Float32Array.from(testCase.bias) : null;
  switch (testCase.op) {
    case "conv2d": return conv2d(x, weight!, bias, options);
    case "convTranspose2d": return convTranspose2d(x, weight!, bias, options);
    case "maxPool2d": return maxPool2d(x, options);
    case "minPool2d": return minPool2d(x, options);
    case "avgPool2d": return avgPool2d(x, options);
    case "adaptiveAvgPool2d": return adaptiveAvgPool2d(x, options.outputSize);
    case "adaptiveMaxPool2d": return adaptiveMaxPool2d(x, options.outputSize);
    case "globalAvgPool2d": return globalAvgPool2d(x);
    case "globalMaxPool2d": return globalMaxPool2d(x);
    case "linear": return linear(x, weight!, bias);
    case "batchNorm2d":
      return batchNorm2d(x, {
        eps: options.eps, runningMean: floats(options.runningMean), runningVar: floats(options.runningVar), weight: floats(options.weight),
        bias: floats(options.bias),
      });
    case "add": return add(inputs);
    case "concat": return concat(inputs);
    case "flatten": return flatten(x);
    case "activation": return applyActivation(x, options as ActivationParams);
    default: throw new Error(`unknown golden op ${testCase.op}`);
  }
}
/* eslint-enable @typescript-eslint/no-explicit-any */

describe("core vs PyTorch 1.13 / SciPy golden cases", () => {
  it("has a fixture covering every op", () => {
    const ops = new Set(fixture.cases.map((testCase) => testCase.op));
    for (const op of ["conv2d", "convTranspose2d", "maxPool2d", "minPool2d", "avgPool2d", "adaptiveAvgPool2d", "adaptiveMaxPool2d", "globalAvgPool2d", "globalMaxPool2d", "linear", "batchNorm2d", "add", "concat", "flatten", "activation"]) {
      expect(ops.has(op), op).toBe(true);
    }
  });

  it.each(fixture.cases.map((testCase) => [`${testCase.op}: ${testCase.name}`, testCase] as const))("%s", (_label, testCase) => {
    const result = run(testCase);
    expect(result.shape).toEqual(testCase.output.shape);
    const expected = testCase.output.data;
    const tolerance = 1e-4 * Math.max(1, ...expected.map(Math.abs));
    let worst = 0;
    for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(result.data[i] - expected[i]));
    expect(worst).toBeLessThanOrEqual(tolerance);
  });
});
