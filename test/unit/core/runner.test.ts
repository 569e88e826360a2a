/** runNetwork on small specs analysed by the engine. */
import { describe, expect, it } from "vitest";
import { analyze } from "../../../src/engine";
import type { ResolvedConv, ResolvedLinear } from "../../../src/engine/types";
import {
  applyActivation, conv2d, convBias, convWeightBlock, flatten, linear, linearBias, linearWeightRows, maxPool2d, runNetwork, type Tensor,
} from "../../../src/core";
import { randomTensor, seededRandom } from "./reference";

const image = randomTensor(seededRandom(3), [1, 12, 12]);
const positiveImage: Tensor = { shape: [1, 12, 12], data: image.data.map((value) => value + 1) };

const lenetLike = {
  version: 1, input: [1, 12, 12], seed: 5,
  layers: [
    { id: "c1", type: "conv2d", filters: 4, kernel: 3, padding: 1, activation: "relu" },
    { id: "s2", type: "maxpool2d", kernel: 2 },
    { id: "flat", type: "flatten" },
    { id: "out", type: "linear", units: 10, activation: "softmax" },
  ],
};

describe("runNetwork", () => {
  it("matches the same layers composed by hand with the same preview weights", () => {
    const analysis = analyze(lenetLike);
    const result = runNetwork(analysis, image, { keepTensors: ["out"] });
    expect(result.status).toBe("complete");
    const convLayer = analysis.nodes[0].layer as ResolvedConv;
    const linearLayer = analysis.nodes[3].layer as ResolvedLinear;
    const conv = conv2d(image, { shape: [4, 1, 3, 3], data: convWeightBlock(convLayer, { specSeed: 5, layerId: "c1" }, 0, 4) }, convBias(convLayer, { specSeed: 5, layerId: "c1" }), { padding: 1 });
    const pooled = maxPool2d(applyActivation(conv, { type: "relu" }), { kernel: 2 });
    const weights = { shape: [10, 144], data: linearWeightRows(linearLayer, { specSeed: 5, layerId: "out" }, 0, 10) };
    const expected = applyActivation(linear(flatten(pooled), weights, linearBias(linearLayer, { specSeed: 5, layerId: "out" })), { type: "softmax" });
    expect(Array.from(result.layers[3].tensor!.data)).toEqual(Array.from(expected.data));
    expect(result.layers[3].vector!.values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it("reports stats, feature maps, kernels and progress per layer", () => {
    const progress: number[] = [];
    const result = runNetwork(analyze(lenetLike), image, {
      onProgress: (step) => progress.push(step.completed / step.total), maxChannels: 3,
    });
    expect(progress).toEqual([0.25, 0.5, 0.75, 1]);
    const [c1, s2] = result.layers;
    expect(c1.shape).toEqual([4, 12, 12]);
    expect(c1.stats.minimum).toBe(0);
    expect(c1.stats.fractionNegative).toBe(0);
    expect(c1.stats.fractionZero).toBeGreaterThan(0.05);
    expect(c1.featureMaps!.maps).toHaveLength(3);
    expect(c1.featureMaps!.channels).toBe(4);
    expect(c1.kernels).toMatchObject({
      filters: 4, channelsPerFilter: 1, kernelHeight: 3, kernelWidth: 3, shownFilters: 4, shownChannels: 1,
    });
    expect(s2.kernels).toBeUndefined();
    expect(s2.featureMaps!.maps[0].width).toBe(6);
  });

  it("sends other channels on request and downsamples big maps", () => {
    const spec = { version: 1, input: [1, 12, 12], layers: [{ id: "c", type: "conv2d", filters: 8, kernel: 1 }] };
    const result = runNetwork(analyze(spec), image, { channelRequests: { c: { start: 5, count: 10 } }, maxDisplayPixels: 36 });
    const maps = result.layers[0].featureMaps!;
    expect(maps.firstChannel).toBe(5);
    expect(maps.maps).toHaveLength(3);
    expect([maps.maps[0].height, maps.maps[0].width]).toEqual([6, 6]);
  });

  it("sends display data only for displayLayers, stats for all", () => {
    const result = runNetwork(analyze(lenetLike), image, { displayLayers: ["s2"] });
    expect(result.layers.map((layer) => [layer.id, layer.featureMaps !== undefined || layer.vector !== undefined || layer.kernels !== undefined])).toEqual([["c1", false], ["s2", true], ["flat", false], ["out", false]]);
    expect(result.layers.every((layer) => Number.isFinite(layer.stats.mean))).toBe(true);
  });

  it("runs branches with add and concat, releasing outputs nobody needs", () => {
    const layers: object[] = [{ id: "stem", type: "conv2d", filters: 4, kernel: 3, padding: 1 }];
    for (let block = 0; block < 6; block++) {
      const previous = block === 0 ? "stem" : `sum${block - 1}`;
      layers.push({ id: `a${block}`, type: "conv2d", inputs: [previous], filters: 4, kernel: 3, padding: 1, activation: "relu" });
      layers.push({ id: `sum${block}`, type: "add", inputs: [`a${block}`, previous] });
    }
    layers.push({ id: "cat", type: "concat", inputs: ["sum5", "stem"] });
    const result = runNetwork(analyze({ version: 1, input: [1, 12, 12], layers }), image);
    expect(result.status).toBe("complete");
    expect(result.layers.at(-1)!.shape).toEqual([8, 12, 12]);
    const mapBytes = 4 * 12 * 12 * 4;
    // stem stays alive for the final concat; otherwise at most a block's two tensors + the new one.
    expect(result.peakActivationBytes).toBeLessThanOrEqual(4 * mapBytes);
  });

  it("stops at the first invalid layer and says which and why", () => {
    const spec = { ...lenetLike, layers: [lenetLike.layers[0], { id: "bad", type: "conv2d", filters: 2, kernel: 40 }, ...lenetLike.layers.slice(1)] };
    const analysis = analyze(spec);
    const result = runNetwork(analysis, image);
    expect(result.status).toBe("stopped");
    expect(result.layers.map((layer) => layer.id)).toEqual(["c1"]);
    expect(result.stoppedAt!.layerId).toBe("bad");
    expect(result.stoppedAt!.reason).toBe(analysis.diagnostics.find((diagnostic) => diagnostic.layerId === "bad" && diagnostic.severity === "error")!.message);
  });

  it("refuses an image of the wrong shape", () => {
    const result = runNetwork(analyze(lenetLike), { shape: [3, 12, 12], data: new Float32Array(432) });
    expect(result).toMatchObject({ status: "stopped", stoppedAt: { layerId: "input" } });
    expect(result.stoppedAt!.reason).toMatch(/\[3, 12, 12\].*\[1, 12, 12\]/);
  });

  it("stops after upToLayerId", () => {
    const result = runNetwork(analyze(lenetLike), positiveImage, { upToLayerId: "s2" });
    expect(result).toMatchObject({ status: "complete", completed: 2, total: 2 });
  });

  it("cancels between layers and inside a long layer", () => {
    let checks = 0;
    const betweenLayers = runNetwork(analyze(lenetLike), image, { isCancelled: () => ++checks > 2 });
    expect(betweenLayers.status).toBe("cancelled");
    expect(betweenLayers.completed).toBeLessThan(4);
    const big = { version: 1, input: [1, 12, 12], layers: [{ id: "wide", type: "conv2d", filters: 512, kernel: 3, padding: 1 }, { id: "c", type: "conv2d", filters: 2048, kernel: 3, padding: 1 }] };
    let calls = 0;
    const controller = { aborted: false };
    const inside = runNetwork(analyze(big), image, { signal: controller, isCancelled: () => {
      calls++;
      if (calls === 4) controller.aborted = true;
      return false;
    } });
    expect(inside.status).toBe("cancelled");
    expect(inside.completed).toBe(1);
  });
});
