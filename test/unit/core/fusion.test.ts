/**
 * Batch norm and relu fused into a convolution's output pass (runner/fusion.ts,
 * convFollowers.ts): which layers fuse, the same floats as the unfused layers (wasm and
 * TypeScript backends, whole runs and channel ranges), and the PyTorch golden cases.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { analyze } from "../../../src/engine";
import { applyActivation, batchNorm2d, computeConv2dInfo, runNetwork, setKernelBackend, type KernelBackend, type Tensor } from "../../../src/core";
import { batchNormCoefficients } from "../../../src/core/batchNorm2d";
import { typeScriptBackend } from "../../../src/core/backend";
import { applyFollowers, type ConvFollowers } from "../../../src/core/convFollowers";
import { fusionPlan } from "../../../src/core/runner/fusion";
import { createWasmBackendSync } from "../../../src/core/wasm/wasmBackend";
import { randomTensor, seededRandom } from "./reference";

afterEach(() => setKernelBackend(null));

const backends: KernelBackend[] = [typeScriptBackend, createWasmBackendSync("plain")];

const SPEC = `{
  "version": 1, "input": [3, 23, 19],
  "layers": [
    { "id": "c1", "type": "conv2d", "filters": 6, "kernel": 3, "padding": 1 },
    { "id": "b1", "type": "batchnorm2d", "eps": 0.001 },
    { "id": "r1", "type": "relu" },
    { "id": "c2", "type": "conv2d", "filters": 5, "kernel": 3, "stride": 2, "bias": false },
    { "id": "r2", "type": "relu" },
    { "id": "c3", "type": "conv2d", "filters": 5, "kernel": 1 },
    { "id": "b3", "type": "batchnorm2d" },
    { "id": "c4", "type": "conv2d", "filters": 5, "kernel": 3, "padding": 1, "groups": 5, "activation": "relu" },
    { "id": "b4", "type": "batchnorm2d" },
    { "id": "c5", "type": "conv2d", "filters": 4, "kernel": 1 },
    { "id": "b5", "type": "batchnorm2d" },
    { "id": "s5", "type": "sigmoid" },
    { "id": "sum", "type": "add", "inputs": ["b5", "c5"] }
  ]
}`;

const ids = ["c1", "b1", "r1", "c2", "r2", "c3", "b3", "c4", "b4", "c5", "b5", "s5", "sum"];

function image(): Tensor {
  return randomTensor(seededRandom(3), [3, 23, 19]);
}

function bits(tensor: Tensor): number[] {
  return Array.from(new Int32Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.length));
}

describe("the fusion plan", () => {
  it("fuses a batch norm and/or relu reading a convolution without activation; not a sigmoid, not after an activated convolution", () => {
    const analysis = analyze(SPEC);
    const plan = fusionPlan(analysis, analysis.nodes);
    const summary = Object.fromEntries([...plan].map(([id, followers]) => [id, [followers.batchNorm?.id, followers.relu?.id]]));
    expect(summary).toEqual({ c1: ["b1", "r1"], c2: [undefined, "r2"], c3: ["b3", undefined], c5: ["b5", undefined] });
  });

  it("fuses nothing into a convolution whose batch norm has an error", () => {
    const analysis = analyze(SPEC.replace('"eps": 0.001', '"eps": -1'));
    expect(analysis.diagnostics.some((diagnostic) => diagnostic.severity === "error" && diagnostic.layerId === "b1")).toBe(true);
    expect(fusionPlan(analysis, analysis.nodes).has("c1")).toBe(false);
  });
});

describe("fused outputs equal the unfused layers bit for bit", () => {
  it.each(backends.map((backend) => [backend.name, backend] as const))("%s: every layer's tensor and stats", (_name, backend) => {
    setKernelBackend(backend);
    const analysis = analyze(SPEC);
    const result = runNetwork(analysis, image(), { keepTensors: ids });
    expect(result.status).toBe("complete");
    const tensors = new Map(result.layers.map((layer) => [layer.id, layer.tensor!]));
    const unfused = {
      b1: batchNorm2d(tensors.get("c1")!, { eps: 0.001 }),
      r1: applyActivation(tensors.get("b1")!, { type: "relu" }),
      r2: applyActivation(tensors.get("c2")!, { type: "relu" }),
      b3: batchNorm2d(tensors.get("c3")!),
      b4: batchNorm2d(tensors.get("c4")!),
      b5: batchNorm2d(tensors.get("c5")!),
    };
    for (const [id, expected] of Object.entries(unfused)) expect(bits(tensors.get(id)!), id).toEqual(bits(expected));
    const relu = result.layers.find((layer) => layer.id === "r1")!;
    expect(relu.stats.fractionNegative).toBe(0);
    expect(relu.stats.fractionZero).toBeGreaterThan(0.2);
  });

  it("runs up to a fused batch norm (its relu not run) and counts the fused outputs in the peak", () => {
    const analysis = analyze(SPEC);
    const result = runNetwork(analysis, image(), { upToLayerId: "b1", keepTensors: ["b1"] });
    expect(result.layers.map((layer) => layer.id)).toEqual(["c1", "b1"]);
    const plane = 6 * 23 * 19 * 4;
    expect(result.peakActivationBytes).toBeGreaterThanOrEqual(2 * plane);
  });
});

describe("the wasm backend's fused output pass, by channel ranges", () => {
  it("ranges [0,5), [5,6), [6,14) with batch norm and relu, unpadded input", () => {
    const backend = backends[1];
    expect(backend.fusesFollowers).toBe(true);
    const random = seededRandom(8);
    const x = randomTensor(random, [4, 11, 9]);
    const weight = randomTensor(random, [14, 4, 3, 3]);
    const info = computeConv2dInfo(x.shape, weight.shape, { padding: 1 });
    const plane = info.outHeight * info.outWidth;
    const convOutput = new Float32Array(14 * plane);
    const params = { eps: 0.01, runningMean: randomTensor(random, [14]).data, weight: randomTensor(random, [14]).data };
    const followers: ConvFollowers = {
      batchNorm: { ...batchNormCoefficients(14, params), output: new Float32Array(14 * plane) },
      relu: { output: new Float32Array(14 * plane) },
    };
    for (const [start, end] of [[0, 5], [5, 6], [6, 14]]) {
      const weights = weight.data.subarray(start * 36, end * 36);
      backend.conv2dChannelRange(info, x.data, weights, null, convOutput, start, end, false, false, followers);
    }
    const shape = [14, info.outHeight, info.outWidth];
    const expectedBatchNorm = batchNorm2d({ shape, data: convOutput }, params);
    expect(bits({ shape, data: followers.batchNorm!.output })).toEqual(bits(expectedBatchNorm));
    expect(bits({ shape, data: followers.relu!.output })).toEqual(bits(applyActivation(expectedBatchNorm, { type: "relu" })));
  });
});

interface GoldenCase {
  op: string;
  name: string;
  inputs: { shape: number[]; data: number[] }[];
  options: Record<string, number[] | number | string>;
  output: { shape: number[]; data: number[] };
}

const golden = (JSON.parse(readFileSync(join(__dirname, "../../golden/core/core_cases.json"), "utf8")) as { cases: GoldenCase[] }).cases;

/**
 * conv2d with 1×1 identity weights (the output is the input, exactly), its followers fused
 * (or applied after it, as the runner does for a backend that does not fuse them).
 */
function identityConvWithFollowers(backend: KernelBackend, x: Tensor, followers: ConvFollowers): void {
  const channels = x.shape[0];
  const weight = new Float32Array(channels * channels);
  for (let channel = 0; channel < channels; channel++) weight[channel * channels + channel] = 1;
  const info = computeConv2dInfo(x.shape, [channels, channels, 1, 1], {});
  const output = new Float32Array(x.data.length);
  backend.conv2dChannelRange(info, x.data, weight, null, output, 0, channels, false, false, followers);
  if (backend.fusesFollowers !== true) applyFollowers(followers, output, 0, channels, info.outHeight * info.outWidth);
}

describe("fused followers vs the PyTorch golden cases", () => {
  const floats = (values: GoldenCase["options"][string] | undefined): Float32Array | undefined =>
    Array.isArray(values) ? Float32Array.from(values) : undefined;
  const batchNormCases = golden.filter((testCase) => testCase.op === "batchNorm2d");
  const reluCase = golden.find((testCase) => testCase.op === "activation" && testCase.name === "relu")!;

  it.each(backends.map((backend) => [backend.name, backend] as const))("%s: batch norm (defaults, with parameters) and relu", (_name, backend) => {
    setKernelBackend(backend);
    expect(batchNormCases.length).toBe(2);
    for (const testCase of [...batchNormCases, reluCase]) {
      const x = { shape: testCase.inputs[0].shape, data: Float32Array.from(testCase.inputs[0].data) };
      const { options } = testCase;
      const isBatchNorm = testCase.op === "batchNorm2d";
      const params = {
        eps: typeof options.eps === "number" ? options.eps : undefined, runningMean: floats(options.runningMean),
        runningVar: floats(options.runningVar), weight: floats(options.weight), bias: floats(options.bias),
      };
      const followers: ConvFollowers = {
        batchNorm: isBatchNorm ? { ...batchNormCoefficients(x.shape[0], params), output: new Float32Array(x.data.length) } : null,
        relu: isBatchNorm ? null : { output: new Float32Array(x.data.length) },
      };
      identityConvWithFollowers(backend, x, followers);
      const actual = isBatchNorm ? followers.batchNorm!.output : followers.relu!.output;
      const largest = Math.max(1, ...testCase.output.data.map(Math.abs));
      const worst = Math.max(...testCase.output.data.map((value, index) => Math.abs(value - actual[index])));
      expect(worst, testCase.name).toBeLessThanOrEqual(1e-4 * largest);
    }
  });
});
