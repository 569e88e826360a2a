/**
 * The WebAssembly kernels (plain 128-bit SIMD, in-process: vitest runs Node without the
 * relaxed-SIMD flag) against the naive reference on seeded random shapes, plus ready().
 */
import { afterEach, describe, expect, it } from "vitest";
import { conv2d, kernelBackend, maxPool2d, ready, setKernelBackend } from "../../../src/core";
import { typeScriptBackend } from "../../../src/core/backend";
import { decodeBase64 } from "../../../src/core/wasm/base64";
import { createWasmBackendSync } from "../../../src/core/wasm/wasmBackend";
import { supportedFlavours } from "../../../src/core/wasm/wasmInstance";
import { randomTensor, referenceConv2d, seededRandom } from "./reference";
import { randomConvCases, randomPoolCases, relativeError } from "./wasmCases";

afterEach(() => setKernelBackend(null));

const negativeZero = (value: number): boolean => Object.is(value, -0);

const plain = createWasmBackendSync("plain");

describe("wasm plain SIMD kernels vs the naive reference", () => {
  it("conv2d: 250 random cases (groups, depthwise, 1×1, stride, dilation, padding, flip)", () => {
    setKernelBackend(plain);
    const results = randomConvCases(2024, 250);
    const failures = results.filter((result) => !(result.error <= 1e-5));
    expect(failures).toEqual([]);
  });

  it("max and average pools: 200 random cases, each handled by the kernels or declined", () => {
    const results = randomPoolCases(99, 200, plain);
    expect(results.filter((result) => !(result.error <= 1e-5))).toEqual([]);
    expect(results.filter((result) => result.label.includes('"handled":true')).length).toBeGreaterThan(150);
  });

  it("max pool propagates NaN as PyTorch does", () => {
    const info = {
      channels: 1, inHeight: 1, inWidth: 5, outHeight: 1, outWidth: 3, kernelHeight: 1, kernelWidth: 3, strideHeight: 1, strideWidth: 1,
      padHeight: 0, padWidth: 0, dilationHeight: 1, dilationWidth: 1,
    };
    const output = new Float32Array(3);
    expect(plain.pool2d?.("max", info, Float32Array.from([1, NaN, 2, 3, 0]), output, true)).toBe(true);
    expect(Array.from(output)).toEqual([NaN, NaN, 3]);
  });

  it("the unrolled max pools (windows ≤ 3 rows, 2 or 3 columns at stride 2) give the TypeScript loop's floats, NaN and −0 included", () => {
    const random = seededRandom(31);
    for (let trial = 0; trial < 60; trial++) {
      const kernel = [1 + (trial % 3), 2 + (trial % 2)];
      const padding = [trial % 2 === 0 ? 0 : Math.floor(kernel[0] / 2), Math.floor((trial % 4) / 2) === 0 ? 0 : 1];
      const x = randomTensor(random, [1 + (trial % 3), 3 + (trial % 17), 4 + ((trial * 7) % 23)]);
      x.data[trial % x.data.length] = trial % 5 === 0 ? NaN : -0;
      const options = { kernel, stride: [1 + (trial % 3), 2], padding, ceilMode: trial % 3 === 0 };
      setKernelBackend(null);
      const expected = maxPool2d(x, options);
      setKernelBackend(plain);
      const actual = maxPool2d(x, options);
      // String() keeps NaN apart from numbers; the sign map keeps −0 apart from +0.
      const label = JSON.stringify({ shape: x.shape, ...options });
      expect(Array.from(actual.data).map(String), label).toEqual(Array.from(expected.data).map(String));
      expect(Array.from(actual.data).map(negativeZero), label).toEqual(Array.from(expected.data).map(negativeZero));
    }
  });

  it("blocked calls on one staged input (the runner's pattern) match one whole call", () => {
    setKernelBackend(plain);
    const random = seededRandom(5);
    const x = randomTensor(random, [9, 17, 13]);
    const weight = randomTensor(random, [20, 9, 3, 3]);
    const expected = referenceConv2d(x, weight, null, { stride: [1, 1], padding: [1, 1, 1, 1], dilation: [1, 1], groups: 1, flip: false });
    expect(relativeError(conv2d(x, weight, null, { padding: 1 }), expected)).toBeLessThanOrEqual(1e-5);
    const output = new Float32Array(expected.data.length);
    const padded = { shape: [9, 19, 15], data: new Float32Array(9 * 19 * 15) };
    for (let c = 0; c < 9; c++) {
      for (let y = 0; y < 17; y++) {
        for (let xx = 0; xx < 13; xx++) padded.data[(c * 19 + y + 1) * 15 + xx + 1] = x.data[(c * 17 + y) * 13 + xx];
      }
    }
    const paddedInfo = {
      inChannels: 9, inHeight: 19, inWidth: 15, outChannels: 20, outHeight: 17, outWidth: 13, kernelHeight: 3, kernelWidth: 3,
      strideHeight: 1, strideWidth: 1, dilationHeight: 1, dilationWidth: 1, padTop: 0, padBottom: 0, padLeft: 0, padRight: 0, groups: 1,
      inChannelsPerGroup: 9, outChannelsPerGroup: 20, flip: false,
    };
    for (const [start, end] of [[0, 7], [7, 8], [8, 20]]) {
      plain.conv2dChannelRange(paddedInfo, padded.data, weight.data.subarray(start * 81, end * 81), null, output, start, end);
    }
    expect(relativeError({ shape: expected.shape, data: output }, expected)).toBeLessThanOrEqual(1e-5);
  });
});

describe("ready() and feature detection", () => {
  it("ready() installs the best supported wasm backend (plain here: no relaxed-SIMD flag)", async () => {
    expect(supportedFlavours()).toEqual(process.execArgv.includes("--experimental-wasm-relaxed-simd") ? ["relaxed", "plain"] : ["plain"]);
    setKernelBackend(null);
    expect(kernelBackend()).toBe(typeScriptBackend);
    await ready();
    expect(kernelBackend().name).toBe(`wasm-${supportedFlavours()[0]}-simd`);
  });

  it("creating an unsupported flavour throws", () => {
    if (supportedFlavours().includes("relaxed")) return;
    expect(() => createWasmBackendSync("relaxed")).toThrowError(/relaxed SIMD is not supported/);
  });

  it("base64 decoding round-trips the wasm magic number", () => {
    expect(Array.from(decodeBase64("AGFzbQEAAAA="))).toEqual([0, 97, 115, 109, 1, 0, 0, 0]);
  });
});
