/**
 * The speed paths of the wasm backend and the runner: padding while staging, the staged-input
 * reuse rule, the stats kernel (identical numbers to the TypeScript loop) and the weight cache.
 */
import { afterEach, describe, expect, it } from "vitest";
import { analyze } from "../../../src/engine";
import type { ResolvedConv } from "../../../src/engine/types";
import { applyActivation, computeConv2dInfo, conv2d, convWeightBlock, runNetwork, setKernelBackend, streamSeed, type Tensor } from "../../../src/core";
import { fillUniformFrom } from "../../../src/core/weights/prng";
import { declareConstantWeights } from "../../../src/core/backend";
import { cachedConvWeights, WeightCache, weightCache } from "../../../src/core/runner/weightCache";
import { tensorSums } from "../../../src/core/runner/stats";
import { createWasmBackendSync } from "../../../src/core/wasm/wasmBackend";
import { randomTensor, referenceConv2d, seededRandom } from "./reference";
import { relativeError } from "./wasmCases";

afterEach(() => setKernelBackend(null));

const plain = createWasmBackendSync("plain");
const exact = { dilation: [1, 1] as [number, number], groups: 1, flip: false };

describe("padding while staging", () => {
  it("the wasm backend takes unpadded inputs with padding in info, in blocks, stride 1 and 2", () => {
    expect(plain.padsItself).toBe(true);
    const random = seededRandom(11);
    const x = randomTensor(random, [5, 13, 11]);
    const weight = randomTensor(random, [14, 5, 3, 3]);
    for (const stride of [1, 2]) {
      const options = { ...exact, stride: [stride, stride] as [number, number], padding: [2, 1, 0, 3] as [number, number, number, number] };
      const expected = referenceConv2d(x, weight, null, options);
      const info = computeConv2dInfo(x.shape, weight.shape, { stride, padding: [2, 1, 0, 3] });
      const output = new Float32Array(expected.data.length);
      for (const [start, end] of [[0, 5], [5, 6], [6, 14]]) {
        plain.conv2dChannelRange(info, x.data, weight.data.subarray(start * 45, end * 45), null, output, start, end);
      }
      expect(relativeError({ shape: expected.shape, data: output }, expected)).toBeLessThanOrEqual(1e-5);
    }
  });

  it("a call starting at channel 0 restages, so a mutated input is seen", () => {
    setKernelBackend(plain);
    const random = seededRandom(12);
    const x = randomTensor(random, [4, 9, 9]);
    const weight = randomTensor(random, [3, 4, 3, 3]);
    conv2d(x, weight, null, { padding: 1 });
    for (let index = 0; index < x.data.length; index++) x.data[index] = -2 * x.data[index] + 0.5;
    const expected = referenceConv2d(x, weight, null, { ...exact, stride: [1, 1], padding: [1, 1, 1, 1] });
    expect(relativeError(conv2d(x, weight, null, { padding: 1 }), expected)).toBeLessThanOrEqual(1e-5);
  });
});

describe("fused relu", () => {
  it("conv2d(…, \"relu\") equals relu of the reference, NaN kept and −0 made +0, with and without the wasm backend", () => {
    const random = seededRandom(17);
    const x = randomTensor(random, [3, 9, 8]);
    x.data[5] = NaN;
    const weight = randomTensor(random, [5, 3, 3, 3]);
    const bias = Float32Array.from([0, -0, 0.1, -0.1, 0]);
    const reference = referenceConv2d(x, weight, bias, { ...exact, stride: [1, 1], padding: [1, 1, 1, 1] });
    const expected = applyActivation(reference, { type: "relu" });
    for (const backend of [plain, null]) {
      setKernelBackend(backend);
      const actual = conv2d(x, weight, bias, { padding: 1 }, "relu");
      const isNaN = (data: Float32Array): boolean[] => Array.from(data, (value) => Number.isNaN(value));
      expect(isNaN(actual.data)).toEqual(isNaN(expected.data));
      expect(isNaN(actual.data)).toContain(true);
      const finite = (tensor: Tensor): Tensor => ({
        shape: tensor.shape, data: tensor.data.map((value) => (Number.isNaN(value) ? 0 : value)),
      });
      expect(relativeError(finite(actual), finite(expected))).toBeLessThanOrEqual(1e-5);
      expect(actual.data.every((value) => Number.isNaN(value) || value > 0 || Object.is(value, 0))).toBe(true);
    }
  });
});

describe("packed weights of constant arrays", () => {
  it("are packed once and reused, with groups, flip and channel blocks", () => {
    setKernelBackend(plain);
    const random = seededRandom(15);
    for (const [groups, outChannels, flip] of [[1, 9, false], [2, 12, true], [3, 21, false]] as const) {
      const x = randomTensor(random, [6, 11, 10]);
      const weight = randomTensor(random, [outChannels, 6 / groups, 3, 2]);
      declareConstantWeights(weight.data);
      const options = {
        ...exact, stride: [1, 2] as [number, number], padding: [1, 0, 1, 1] as [number, number, number, number], groups, flip,
      };
      const expected = referenceConv2d(x, weight, null, options);
      for (let run = 0; run < 2; run++) expect(relativeError(conv2d(x, weight, null, options), expected)).toBeLessThanOrEqual(1e-5);
    }
  });

  it("undeclared weights are repacked on every call, so changed values are seen", () => {
    setKernelBackend(plain);
    const random = seededRandom(16);
    const x = randomTensor(random, [5, 8, 8]);
    const weight = randomTensor(random, [7, 5, 3, 3]);
    conv2d(x, weight, null, { padding: 1 });
    weight.data.reverse();
    const expected = referenceConv2d(x, weight, null, { ...exact, stride: [1, 1], padding: [1, 1, 1, 1] });
    expect(relativeError(conv2d(x, weight, null, { padding: 1 }), expected)).toBeLessThanOrEqual(1e-5);
  });
});

describe("stats kernel", () => {
  it("gives exactly the TypeScript loop's sums, specials included", () => {
    const random = seededRandom(13);
    for (const length of [0, 1, 7, 1000, 4099]) {
      const values = new Float32Array(length).map(() => (random() < 0.3 ? 0 : random() * 8 - 4));
      if (length > 10) values.set([NaN, Infinity, -Infinity, -0, 3.4e38, -3.4e38], 3);
      expect(plain.tensorSums?.(values)).toEqual(tensorSums(values));
    }
    expect(plain.tensorSums?.(Float32Array.from([NaN, Infinity]))).toEqual({
      minimum: Infinity, maximum: -Infinity, sum: 0, sumOfSquares: 0, zeros: 0, negatives: 0, nonFinite: 2,
    });
  });
});

describe("uniform weights kernel", () => {
  it("writes exactly the values of the TypeScript loop", () => {
    for (const [seed, first, length, bound] of [[streamSeed(0, "conv1", "weight"), 0, 4099, 1 / 3], [streamSeed(7, "fc", "bias"), 123_456_789, 1000, 0.0441941738241592], [0xffffffff, 0xffffff00, 256, 1e-3]]) {
      const expected = new Float32Array(length);
      fillUniformFrom(expected, seed, first, bound);
      const actual = new Float32Array(length);
      const written = plain.fillUniform?.(actual, seed, first, bound) ?? 0;
      expect(written).toBe(length - (length % 4));
      fillUniformFrom(actual, seed, first, bound, written);
      expect(Array.from(actual)).toEqual(Array.from(expected));
    }
  });

  it("declines indices at or above 2³² (the TypeScript loop handles them)", () => {
    expect(plain.fillUniform?.(new Float32Array(8), 1, 0x100000000 - 4, 1)).toBe(0);
  });

  it("previews get the same weights with and without the wasm backend", () => {
    const layer = { type: "conv2d", filters: 8, inChannels: 16, groups: 1, kernel: [3, 3], weights: { kind: "kaiming" }, bias: true } as unknown as ResolvedConv;
    const typeScript = convWeightBlock(layer, { specSeed: 3, layerId: "c" }, 2, 7);
    setKernelBackend(plain);
    expect(Array.from(convWeightBlock(layer, { specSeed: 3, layerId: "c" }, 2, 7))).toEqual(Array.from(typeScript));
  });
});

describe("weight cache", () => {
  const layer = { type: "conv2d", filters: 6, inChannels: 4, groups: 2, kernel: [3, 3], weights: { kind: "kaiming" }, bias: true } as unknown as ResolvedConv;
  const context = { specSeed: 9, layerId: "conv" };

  it("returns exactly the generated weights, the same array on a hit", () => {
    const cache = new WeightCache(1000);
    const first = cachedConvWeights(layer, context, cache);
    expect(Array.from(first)).toEqual(Array.from(convWeightBlock(layer, context, 0, 6)));
    expect(cachedConvWeights(layer, context, cache)).toBe(first);
    expect(cachedConvWeights(layer, { ...context, specSeed: 10 }, cache)).not.toBe(first);
    expect(cachedConvWeights({ ...layer, weights: { kind: "xavier" } } as ResolvedConv, context, cache)).not.toBe(first);
    expect(cache.cachedFloats).toBe(3 * 6 * 2 * 9);
  });

  it("evicts the least recently used entries to stay within its budget", () => {
    const cache = new WeightCache(80);
    const a = cache.get("a", () => new Float32Array(30));
    cache.get("b", () => new Float32Array(30));
    expect(cache.get("a", () => new Float32Array(30))).toBe(a);
    cache.get("c", () => new Float32Array(30));
    expect(cache.cachedFloats).toBe(60);
    expect(cache.get("a", () => new Float32Array(30))).toBe(a);
    expect(cache.get("b", () => new Float32Array(1))).toHaveLength(1);
    expect(cache.get("huge", () => new Float32Array(81))).toHaveLength(81);
    expect(cache.cachedFloats).toBeLessThanOrEqual(80);
  });

  it("a second run of a spec uses the cached weights and gives identical results", () => {
    const spec = { version: 1, input: [2, 10, 10], seed: 77, layers: [{ id: "cached-conv", type: "conv2d", filters: 5, kernel: 3, padding: 1 }] };
    const image = randomTensor(seededRandom(14), [2, 10, 10]);
    weightCache().clear();
    const first = runNetwork(analyze(spec), image, { keepTensors: ["cached-conv"] });
    expect(weightCache().cachedFloats).toBe(5 * 2 * 9);
    const second = runNetwork(analyze(spec), image, { keepTensors: ["cached-conv"] });
    expect(Array.from(second.layers[0].tensor!.data)).toEqual(Array.from(first.layers[0].tensor!.data));
    expect(second.layers[0].kernels).toEqual(first.layers[0].kernels);
  });
});
