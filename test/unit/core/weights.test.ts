/** Preview weights: reproducible, block-consistent, PyTorch-like distributions, kernels. */
import { describe, expect, it } from "vitest";
import type { ResolvedConv, ResolvedConvTranspose, ResolvedLinear } from "../../../src/engine/types";
import { convBias, convTransposeWeights, convWeightBlock, linearBias, linearWeightRows, streamSeed, uniformAt } from "../../../src/core";

function convLayer(overrides: Partial<ResolvedConv> = {}): ResolvedConv {
  return {
    type: "conv2d", inChannels: 6, filters: 4, kernel: [3, 3], stride: [1, 1], padding: [1, 1, 1, 1], paddingMode: "explicit",
    dilation: [1, 1], groups: 1, bias: true, weights: { kind: "kaiming" }, flipKernel: false, ...overrides,
  };
}

const context = { specSeed: 0, layerId: "conv1" };

describe("the counter-based generator", () => {
  it("gives the same values on every run (regression constants)", () => {
    // Fixed once from this implementation: a change here changes every user's preview weights.
    expect([0, 1, 2, 1_000_000].map((index) => uniformAt(streamSeed(0, "conv1", "weight"), index))).toEqual([
      0.08091360330581665, 0.8995826840400696, 0.46436846256256104, 0.30549389123916626,
    ]);
  });

  it("stays in [0, 1) and is close to uniform", () => {
    const seed = streamSeed(7, "layer", "weight");
    const values = Array.from({ length: 20000 }, (_unused, index) => uniformAt(seed, index));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
    const buckets = new Array(10).fill(0);
    for (const value of values) buckets[Math.floor(value * 10)]++;
    for (const count of buckets) expect(Math.abs(count - 2000)).toBeLessThan(200);
  });

  it("depends on the spec seed, the layer id and the stream", () => {
    const base = uniformAt(streamSeed(0, "conv1", "weight"), 5);
    expect(uniformAt(streamSeed(1, "conv1", "weight"), 5)).not.toBe(base);
    expect(uniformAt(streamSeed(0, "conv2", "weight"), 5)).not.toBe(base);
    expect(uniformAt(streamSeed(0, "conv1", "bias"), 5)).not.toBe(base);
  });
});

describe("conv weights", () => {
  it("a block equals the same filters of the whole tensor", () => {
    const layer = convLayer();
    const whole = convWeightBlock(layer, context, 0, 4);
    expect(Array.from(convWeightBlock(layer, context, 1, 3))).toEqual(Array.from(whole.subarray(1 * 54, 3 * 54)));
  });

  it("kaiming: U(±1/√fanIn) for weights and bias, like PyTorch's default", () => {
    const layer = convLayer({ filters: 64 });
    const bound = 1 / Math.sqrt(6 * 9);
    const weights = convWeightBlock(layer, context, 0, 64);
    const largest = Math.max(...Array.from(weights, Math.abs));
    expect(largest).toBeLessThanOrEqual(bound);
    expect(largest).toBeGreaterThan(0.98 * bound);
    const variance = weights.reduce((sum, value) => sum + value * value, 0) / weights.length;
    expect(variance / ((bound * bound) / 3)).toBeGreaterThan(0.95);
    expect(variance / ((bound * bound) / 3)).toBeLessThan(1.05);
    const bias = convBias(layer, context)!;
    expect(bias).toHaveLength(64);
    expect(Math.max(...Array.from(bias, Math.abs))).toBeLessThanOrEqual(bound);
  });

  it("xavier: U(±√(6/(fanIn+fanOut))), bias 0", () => {
    const layer = convLayer({ weights: { kind: "xavier" }, groups: 2 });
    const bound = Math.sqrt(6 / (3 * 9 + 4 * 9));
    const weights = convWeightBlock(layer, context, 0, 4);
    expect(Math.max(...Array.from(weights, Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...Array.from(weights, Math.abs))).toBeGreaterThan(0.9 * bound);
    expect(Array.from(convBias(layer, context)!)).toEqual([0, 0, 0, 0]);
  });

  it("zeros and ones", () => {
    expect(new Set(convWeightBlock(convLayer({ weights: { kind: "zeros" } }), context, 0, 4))).toEqual(new Set([0]));
    expect(new Set(convWeightBlock(convLayer({ weights: { kind: "ones" } }), context, 0, 4))).toEqual(new Set([1]));
  });

  it("kernels: K_o on each of the C/groups input channels, divided by C/groups", () => {
    const sobel = [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]];
    const layer = convLayer({ inChannels: 3, filters: 2, weights: { kind: "kernels", kernels: [sobel, [[0, 0, 0], [0, 1, 0], [0, 0, 0]]] } });
    const weights = convWeightBlock(layer, context, 0, 2);
    for (let c = 0; c < 3; c++) {
      expect(Array.from(weights.subarray(c * 9, c * 9 + 9))).toEqual(sobel.flat().map((value) => Math.fround(value / 3)));
      expect(weights[27 + c * 9 + 4]).toBeCloseTo(1 / 3, 7);
    }
    expect(Array.from(convBias(layer, context)!)).toEqual([0, 0]);
  });
});

describe("transposed conv and linear weights", () => {
  it("convtranspose2d kernels land at weight[c][o] = K_o/(C/groups)", () => {
    const layer: ResolvedConvTranspose = {
      type: "convtranspose2d", inChannels: 4, filters: 2, kernel: [1, 2], stride: [1, 1], padding: [0, 0], outputPadding: [0, 0],
      dilation: [1, 1], groups: 2, bias: false, weights: { kind: "kernels", kernels: [[[1, 2]], [[3, 4]]] },
    };
    // groups 2: input channels 0,1 feed filter 0, channels 2,3 feed filter 1; O/groups = 1.
    expect(Array.from(convTransposeWeights(layer, context))).toEqual([0.5, 1, 0.5, 1, 1.5, 2, 1.5, 2]);
  });

  it("linear rows come in consistent blocks with U(±1/√in)", () => {
    const layer: ResolvedLinear = { type: "linear", inFeatures: 50, units: 10, bias: true };
    const whole = linearWeightRows(layer, context, 0, 10);
    expect(Array.from(linearWeightRows(layer, context, 3, 7))).toEqual(Array.from(whole.subarray(150, 350)));
    expect(Math.max(...Array.from(whole, Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(50));
    expect(linearBias(layer, context)).toHaveLength(10);
    expect(linearBias({ ...layer, bias: false }, context)).toBeNull();
  });
});
