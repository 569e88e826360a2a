/**
 * Two-worker runs (parallel/*): every layer's output equals the one-worker run bit for bit
 * (both workers use the same wasm kernels), on branches, grouped and depthwise convolutions,
 * odd channel counts (uneven splits), every splittable layer type; cancellation mid-run.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../../../src/engine";
import type { ResolvedConv } from "../../../src/engine/types";
import { convBias, convWeightBlock, ready, runNetwork, type RunOptions, type Tensor } from "../../../src/core";
import { WorkerTeam } from "../../../src/core/parallel/team";
import { createPreviewHandler, TEAM_MIN_MACS } from "../../../src/core/worker/previewHandler";
import type { WorkerToHost } from "../../../src/core/worker/protocol";
import { randomTensor, referenceConv2d, seededRandom } from "./reference";
import { startTeam, type TeamFixture } from "./teamSetup";

let fixture: TeamFixture;

beforeAll(async () => {
  await ready();
  fixture = await startTeam();
});

afterAll(async () => {
  await fixture.dispose();
});

const networks: Record<string, { input: number[]; layers: object[] }> = {
  "branches (add, concat), odd channels": {
    input: [3, 19, 17],
    layers: [
      { id: "stem", type: "conv2d", filters: 5, kernel: 3, padding: 1, activation: "relu" },
      { id: "left", type: "conv2d", filters: 5, kernel: 3, padding: 1, inputs: ["stem"] },
      { id: "sum", type: "add", inputs: ["left", "stem"] },
      { id: "act", type: "leakyrelu", slope: 0.1 },
      { id: "right", type: "conv2d", filters: 3, kernel: 1, inputs: ["stem"], activation: "gelu" },
      { id: "joined", type: "concat", inputs: ["act", "right"] },
      { id: "bn", type: "batchnorm2d" },
      { id: "pool", type: "maxpool2d", kernel: 3, stride: 2, padding: 1 },
      { id: "average", type: "avgpool2d", kernel: 2 },
      { id: "adaptive", type: "adaptiveavgpool2d", outputSize: 3 },
      { id: "flat", type: "flatten" },
      { id: "out", type: "linear", units: 7, activation: "softmax" },
    ],
  },
  "grouped, depthwise, strided, single channel": {
    input: [1, 33, 30],
    layers: [
      { id: "widen", type: "conv2d", filters: 6, kernel: 5, stride: 2, padding: 2, activation: "relu6" },
      { id: "grouped", type: "conv2d", filters: 9, kernel: 3, groups: 3, padding: 1, dilation: 2 },
      { id: "depthwise", type: "conv2d", filters: 9, kernel: 3, groups: 9, padding: 1, activation: "silu" },
      { id: "drop", type: "dropout", p: 0.5 },
      { id: "one", type: "conv2d", filters: 1, kernel: 3, padding: "same", activation: "softmax" },
      { id: "tanh", type: "tanh" },
      { id: "maxed", type: "adaptivemaxpool2d", outputSize: [4, 5] },
    ],
  },
  "dropout passes its input's array on (the arena must keep it)": {
    input: [2, 20, 20],
    layers: [
      { id: "a", type: "conv2d", filters: 4, kernel: 3, padding: 1 },
      { id: "d", type: "dropout", p: 0.2 },
      { id: "b", type: "conv2d", filters: 4, kernel: 3, padding: 1 },
      { id: "sum", type: "add", inputs: ["b", "d"] },
    ],
  },
  "wide layers (several chunks each)": {
    input: [8, 24, 24],
    layers: [
      { id: "a", type: "conv2d", filters: 70, kernel: 3, padding: 1, activation: "relu" },
      { id: "b", type: "conv2d", filters: 37, kernel: 3, stride: 2, padding: 1 },
      { id: "bn", type: "batchnorm2d" },
      { id: "r", type: "relu" },
      { id: "c", type: "conv2d", filters: 37, kernel: 1, inputs: ["r"] },
      { id: "s", type: "add", inputs: ["c", "r", "bn"] },
      { id: "g", type: "globalmaxpool2d" },
    ],
  },
};

function everyTensor(result: ReturnType<typeof runNetwork>): Record<string, Float32Array> {
  return Object.fromEntries(result.layers.map((layer) => [layer.id, layer.tensor!.data]));
}

/** The first value that differs (bit for bit, NaN equal to NaN), or null: small failure messages on big tensors. */
function firstDifference(actual: Record<string, Float32Array>, expected: Record<string, Float32Array>): string | null {
  if (Object.keys(actual).join() !== Object.keys(expected).join()) return `layers ${Object.keys(actual).join()} ≠ ${Object.keys(expected).join()}`;
  for (const [id, values] of Object.entries(expected)) {
    const other = actual[id];
    if (other.length !== values.length) return `${id}: ${other.length} values ≠ ${values.length}`;
    for (let index = 0; index < values.length; index++) {
      if (!Object.is(other[index], values[index])) return `${id}[${index}]: ${other[index]} ≠ ${values[index]}`;
    }
  }
  return null;
}

describe("two-worker runs", () => {
  for (const [name, spec] of Object.entries(networks)) {
    it(`equals the one-worker run bit for bit: ${name}`, () => {
      const analysis = analyze({ version: 1, seed: 11, ...spec });
      expect(analysis.diagnostics.filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
      const image = randomTensor(seededRandom(4), analysis.input!);
      const options: RunOptions = { keepTensors: analysis.nodes.map((node) => node.id) };
      const one = runNetwork(analysis, image, options);
      const two = runNetwork(analysis, image, { ...options, team: fixture.team });
      expect(one.status).toBe("complete");
      expect(two.status).toBe("complete");
      expect(firstDifference(everyTensor(two), everyTensor(one))).toBeNull();
      expect(two.layers.map((layer) => layer.stats)).toEqual(one.layers.map((layer) => layer.stats));
    });
  }

  it("matches the naive convolution oracle on an uneven split", () => {
    const analysis = analyze({ version: 1, seed: 2, input: [5, 21, 23], layers: [{ id: "c", type: "conv2d", filters: 13, kernel: 3, stride: 2, padding: 1, groups: 1 }] });
    const image = randomTensor(seededRandom(9), [5, 21, 23]);
    const result = runNetwork(analysis, image, { keepTensors: ["c"], team: fixture.team });
    const layer = analysis.nodes[0].layer as ResolvedConv;
    const context = { specSeed: 2, layerId: "c" };
    const weights = { shape: [13, 5, 3, 3], data: convWeightBlock(layer, context, 0, 13) };
    const expected = referenceConv2d(image, weights, convBias(layer, context), {
      stride: [2, 2], padding: [1, 1, 1, 1], dilation: [1, 1], groups: 1, flip: false,
    });
    const actual = result.layers[0].tensor!.data;
    expect(actual.length).toBe(expected.data.length);
    expected.data.forEach((value, index) => expect(Math.abs(actual[index] - value)).toBeLessThan(1e-4));
  });

  it("stops a run cancelled in the middle of a layer, and the team then runs the next one", () => {
    const analysis = analyze({ version: 1, input: [16, 64, 64], layers: Array.from({ length: 4 }, (_unused, index) => ({ id: `c${index}`, type: "conv2d", filters: 64, kernel: 3, padding: 1 })) });
    const image = randomTensor(seededRandom(1), [16, 64, 64]);
    let checks = 0;
    // Checked before each layer and each block: cancelled inside the second layer.
    const cancelled = runNetwork(analysis, image, { team: fixture.team, isCancelled: () => ++checks > 3 });
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.completed).toBeLessThan(4);
    const beats = Atomics.load(fixture.team.control, 8);
    const again = runNetwork(analysis, image, { team: fixture.team, keepTensors: ["c3"] });
    // The helper took part (its heartbeat moved): four layers of 38 M multiply-accumulates.
    expect(Atomics.load(fixture.team.control, 8)).toBeGreaterThan(beats);
    const alone = runNetwork(analysis, image, { keepTensors: ["c3"] });
    expect(again.status).toBe("complete");
    expect(firstDifference({ c3: again.layers[3].tensor!.data }, { c3: alone.layers[3].tensor!.data })).toBeNull();
    expect(fixture.team.usable).toBe(true);
  });

  it("without an answering helper the primary computes every chunk, then gives the team up", () => {
    const silent = new WorkerTeam(() => undefined, { timeoutMs: 100, minSharedFloats: 1, minSharedMacs: 1 });
    const analysis = analyze({ version: 1, ...networks["branches (add, concat), odd channels"] });
    const image = randomTensor(seededRandom(8), analysis.input!);
    const options: RunOptions = { keepTensors: analysis.nodes.map((node) => node.id) };
    const alone = everyTensor(runNetwork(analysis, image, options));
    expect(firstDifference(everyTensor(runNetwork(analysis, image, { ...options, team: silent })), alone)).toBeNull();
    expect(silent.usable).toBe(true);
    // The next run waits for the helper to leave the previous one, in vain: it runs alone.
    expect(firstDifference(everyTensor(runNetwork(analysis, image, { ...options, team: silent })), alone)).toBeNull();
    expect(silent.usable).toBe(false);
  });

  it("the preview handler runs big networks on the team with progress for every layer", () => {
    const analysis = analyze({ version: 1, input: [3, 96, 96], layers: [{ id: "a", type: "conv2d", filters: 64, kernel: 3, padding: 1 }, { id: "b", type: "conv2d", filters: 128, kernel: 3, padding: 1 }] });
    expect(analysis.totals.macs).toBeGreaterThan(TEAM_MIN_MACS);
    const tensor: Tensor = randomTensor(seededRandom(6), [3, 96, 96]);
    let asked = 0;
    const replies: WorkerToHost[] = [];
    const handler = createPreviewHandler((message) => replies.push(message), { team: () => (asked++, fixture.team) });
    handler.handle({ type: "runPreview", requestId: 1, analysis, image: { kind: "tensor", tensor }, options: { keepTensors: ["b"] } });
    expect(asked).toBe(1);
    expect(replies.map((reply) => reply.type)).toEqual(["previewProgress", "previewProgress", "previewDone"]);
    const done = replies[2];
    if (done.type !== "previewDone") throw new Error("expected previewDone");
    const alone = runNetwork(analysis, tensor, { keepTensors: ["b"] });
    expect(firstDifference({ b: done.result.layers[1].tensor!.data }, { b: alone.layers[1].tensor!.data })).toBeNull();
  });
});
