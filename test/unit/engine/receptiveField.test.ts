import { describe, expect, it } from "vitest";
import { unionFields } from "../../../src/engine/receptiveField";
import { network, single } from "./helpers";

const conv3 = { type: "conv2d", filters: 1, kernel: 3, padding: 1 };
const pool2 = { type: "maxpool2d", kernel: 2 };

describe("receptive field", () => {
  it("two 3×3 convs see 5×5, centred on pixel 2", () => {
    const analysis = network([1, 16, 16], [{ type: "conv2d", filters: 1, kernel: 3 }, { type: "conv2d", filters: 1, kernel: 3 }]);
    expect(analysis.nodes[1].receptiveField).toEqual({ size: [5, 5], jump: [1, 1], start: [2, 2] });
  });

  it("VGG-16: 6, 16, 44, 100 and 212 after the pools; start 15.5 after pool5", () => {
    const stack = [
      conv3, conv3, pool2, conv3, conv3, pool2, conv3, conv3, conv3, pool2, conv3, conv3, conv3, pool2, conv3, conv3, conv3, pool2,
    ];
    const analysis = network([3, 224, 224], stack);
    const pools = analysis.nodes.filter((node) => node.type === "maxpool2d").map((node) => node.receptiveField);
    expect(pools.map((field) => field?.size[0])).toEqual([6, 16, 44, 100, 212]);
    expect(pools.map((field) => field?.jump[0])).toEqual([2, 4, 8, 16, 32]);
    expect(pools.map((field) => field?.start[0])).toEqual([0.5, 1.5, 3.5, 7.5, 15.5]);
    expect(analysis.nodes[16].receptiveField?.size).toEqual([196, 196]);
  });

  it("ResNet stem: 7×7/2 pad 3 then 3×3/2 pad 1 → 11, jump 4, start 0", () => {
    const analysis = network([3, 224, 224], [{ type: "conv2d", filters: 64, kernel: 7, stride: 2, padding: 3 }, { type: "maxpool2d", kernel: 3, stride: 2, padding: 1 }]);
    expect(analysis.nodes[0].receptiveField).toEqual({ size: [7, 7], jump: [2, 2], start: [0, 0] });
    expect(analysis.nodes[1].receptiveField).toEqual({ size: [11, 11], jump: [4, 4], start: [0, 0] });
  });

  it("even kernels end in .5; 'same' puts the extra pixel after; dilation counts holes", () => {
    expect(single([1, 8, 8], { type: "conv2d", filters: 1, kernel: 2 }).nodes[0].receptiveField?.start).toEqual([0.5, 0.5]);
    expect(single([1, 8, 8], { type: "conv2d", filters: 1, kernel: 4, padding: "same" }).nodes[0].receptiveField).toEqual({ size: [4, 4], jump: [1, 1], start: [0.5, 0.5] });
    expect(single([1, 8, 8], { type: "conv2d", filters: 1, kernel: [3, 1], dilation: 2 }).nodes[0].receptiveField).toEqual({ size: [5, 1], jump: [1, 1], start: [2, 0] });
  });

  it("a merge takes the union of the branches and the smallest jump", () => {
    const analysis = network([1, 32, 32], [
      { id: "wide", type: "conv2d", filters: 1, kernel: 17 },
      { id: "strided", type: "conv2d", filters: 1, kernel: 1, stride: 2, inputs: ["input"] },
      { type: "concat", inputs: ["wide", "strided"] },
    ]);
    expect(analysis.nodes[2].outputShape).toEqual([2, 16, 16]);
    expect(analysis.nodes[2].receptiveField).toEqual({ size: [17, 17], jump: [1, 1], start: [8, 8] });
  });

  it("union of offset intervals", () => {
    const merged = unionFields([{ size: [3, 3], jump: [2, 2], start: [0, 0] }, { size: [3, 3], jump: [4, 1], start: [4, 1] }]);
    expect(merged).toEqual({ size: [7, 4], jump: [2, 1], start: [2, 0.5] });
  });

  it("undefined after a transposed conv or adaptive pool and downstream; whole input after flatten", () => {
    const analysis = network([1, 8, 8], [
      { type: "convtranspose2d", filters: 1, kernel: 2, stride: 2 }, { type: "relu" },
      { type: "adaptiveavgpool2d", outputSize: 4 }, { type: "flatten" }, { type: "linear", units: 2 },
    ]);
    expect(analysis.nodes.slice(0, 3).map((node) => node.receptiveField)).toEqual([undefined, undefined, undefined]);
    expect(analysis.nodes[3].receptiveField).toEqual({ size: [8, 8], jump: [8, 8], start: [3.5, 3.5] });
    expect(analysis.nodes[4].receptiveField).toEqual({ size: [8, 8], jump: [8, 8], start: [3.5, 3.5] });
  });

  it("a global pool sees everything its input sees", () => {
    const analysis = network([1, 8, 8], [{ type: "conv2d", filters: 1, kernel: 3 }, { type: "globalavgpool2d" }]);
    expect(analysis.nodes[1].receptiveField).toEqual({ size: [8, 8], jump: [6, 6], start: [3.5, 3.5] });
  });
});
