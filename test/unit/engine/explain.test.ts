import { describe, expect, it } from "vitest";
import { explainLayer, formatShape, locate } from "../../../src/engine";
import { network, single } from "./helpers";

describe("explainLayer", () => {
  it("conv: output size per axis, parameter and MAC formulas, the padding that keeps the size", () => {
    const analysis = network([1, 32, 32], [{ type: "conv2d", filters: 6, kernel: 5 }, { type: "maxpool2d", kernel: 2 }, { type: "conv2d", filters: 16, kernel: 5 }]);
    expect(explainLayer(analysis, 0)).toContain("Height: ⌊(32 + 2·0 − 1·(5−1) − 1)/1⌋ + 1 = 28");
    const lines = explainLayer(analysis, 2);
    expect(lines).toContain("Parameters: filters × (in channels ÷ groups) × kernel height × kernel width + bias = 16 × 6 × 5 × 5 + 16 = 2,416");
    expect(lines).toContain(
      "MACs: output height × output width × filters × (in channels ÷ groups) × kernel height × kernel width = 10 × 10 × 16 × 6 × 5 × 5 = 240,000",
    );
    expect(lines).toContain("Padding that keeps the size: 2 (or \"same\")");
    expect(lines).toContain("Receptive field: 14×14 input pixels; neighbouring outputs are 2×2 input pixels apart; output (0,0) is centred on input (6.5, 6.5)");
    expect(lines).toContain("Output: 16×10×10 = 1,600 values (6,400 bytes as float32)");
  });

  it("the count formulas in words and numbers: groups shown as a division, no bias term without bias", () => {
    const grouped = single([6, 8, 8], { type: "conv2d", filters: 4, kernel: [3, 1], groups: 2, bias: false });
    expect(explainLayer(grouped, 0)).toContain("Parameters: filters × (in channels ÷ groups) × kernel height × kernel width = 4 × (6 ÷ 2) × 3 × 1 = 36");
    const transposed = explainLayer(single([8, 7, 7], { type: "convtranspose2d", filters: 4, kernel: 3, stride: 2 }), 0);
    expect(transposed).toContain("Parameters: in channels × (filters ÷ groups) × kernel height × kernel width + bias = 8 × 4 × 3 × 3 + 4 = 292");
    expect(transposed).toContain(
      "MACs: input height × input width × in channels × (filters ÷ groups) × kernel height × kernel width = 7 × 7 × 8 × 4 × 3 × 3 = 14,112",
    );
  });

  it("uneven 'same' padding shows both sides", () => {
    expect(explainLayer(single([1, 7, 7], { type: "conv2d", filters: 1, kernel: 4, padding: "same" }), 0)).toContain("Height: ⌊(7 + 1 + 2 − 1·(4−1) − 1)/1⌋ + 1 = 7");
  });

  it("unread rows are named with the reason", () => {
    expect(explainLayer(single([1, 32, 32], { type: "conv2d", filters: 1, kernel: 3, stride: 2 }), 0)).toContain("Never read: 1 input row (31): the stride 2 steps past them");
  });

  it("transposed conv and ceil-mode pools", () => {
    expect(explainLayer(single([8, 7, 7], { type: "convtranspose2d", filters: 4, kernel: 3, stride: 2, padding: 1, outputPadding: 1 }), 0))
      .toContain("Height: (7−1)·2 − 2·1 + 1·(3−1) + 1 + 1 = 14");
    expect(explainLayer(single([1, 5, 5], { type: "maxpool2d", kernel: 2, stride: 2, padding: 1, ceilMode: true }), 0))
      .toContain("Height: ⌈(5 + 2·1 − 1·(2−1) − 1)/2⌉ + 1 − 1 (ceil mode drops a last window that would start in the padding) = 3");
  });

  it("linear, flatten, batchnorm; nothing for a layer without a shape or out of range", () => {
    const analysis = network([16, 5, 5], [{ type: "flatten" }, { type: "linear", units: 120 }, { type: "linear", units: 0 }]);
    expect(explainLayer(analysis, 0)).toContain("Features: 16·5·5 = 400");
    expect(explainLayer(analysis, 1)).toEqual(expect.arrayContaining(["Parameters: in features × units + bias = 400 × 120 + 120 = 48,120", "MACs: in features × units = 400 × 120 = 48,000"]));
    expect(explainLayer(analysis, 2)).toEqual(["No shape: this layer has an error (see Problems)."]);
    expect(explainLayer(analysis, 9)).toEqual([]);
    expect(explainLayer(single([4, 2, 2], { type: "batchnorm2d" }), 0)).toContain("Parameters: 2 × channels = 2 × 4 = 8 (scale and shift per channel)");
  });
});

describe("formatShape", () => {
  it.each([
    [[16, 10, 10], "CHW", "16×10×10"],
    [[16, 10, 12], "HWC", "10×12×16"],
    [[120], "HWC", "120"],
    [null, "CHW", "?"],
  ] as const)("%j %s → %s", (shape, order, expected) => {
    expect(formatShape(shape as number[] | null, order)).toBe(expected);
  });
});

describe("locate", () => {
  const text = '{\n  "layers": [\n    { "type": "conv2d", "kernel": [3, 5] }\n  ]\n}';

  it("finds values at any depth", () => {
    const range = locate(text, ["layers", 0, "kernel", 1]);
    expect(text.substr(range.offset, range.length)).toBe("5");
  });

  it("falls back to the nearest existing ancestor", () => {
    const range = locate(text, ["layers", 0, "padding"]);
    expect(text.substr(range.offset, range.length)).toBe('{ "type": "conv2d", "kernel": [3, 5] }');
    expect(locate(text, ["nothing", 3])).toEqual({ offset: 0, length: text.length });
    expect(locate("not json at all {", ["a"])).toMatchObject({ offset: expect.any(Number) });
  });
});
