import { describe, expect, it } from "vitest";
import { convOutputSize, convTransposeOutputSize, effectiveKernelSize, poolOutputSize, samePadding } from "../../../src/engine";
import * as core from "../../../src/core";

describe("output-size formulas (PyTorch 1.13)", () => {
  it.each([
    ["5×5 conv over 32, no padding", 32, 5, 1, 0, 0, 1, 28],
    ["3×3 conv over 5, padding 1, stride 2", 5, 3, 2, 1, 1, 1, 3],
    ["3×3 conv dilation 2 over 7", 7, 3, 1, 0, 0, 2, 3],
    ["4×4 conv over 7, same (1 before, 2 after)", 7, 4, 1, 1, 2, 1, 7],
    ["7×7 conv stride 2 padding 3 over 224", 224, 7, 2, 3, 3, 1, 112],
  ])("%s", (_name, input, kernel, stride, before, after, dilation, expected) => {
    expect(convOutputSize(input, kernel, stride, before, after, dilation)).toBe(expected);
  });

  it.each([
    ["3×3 pool stride 2 over 6, floor", 6, 3, 2, 0, 1, false, 2],
    ["3×3 pool stride 2 over 6, ceil", 6, 3, 2, 0, 1, true, 3],
    ["2×2 pool stride 2 padding 1 over 5, ceil drops a window starting in the padding", 5, 2, 2, 1, 1, true, 3],
    ["3×3 pool stride 2 over 2, ceil keeps one window past the end", 2, 3, 2, 0, 1, true, 1],
  ])("%s", (_name, input, kernel, stride, padding, dilation, ceil, expected) => {
    expect(poolOutputSize(input, kernel, stride, padding, dilation, ceil)).toBe(expected);
  });

  it("3×3 pool dilation 2 padding 1 over 1: nothing fits (torch: output size too small)", () => {
    expect(poolOutputSize(1, 3, 1, 1, 2, false)).toBeLessThan(1);
  });

  it("transposed conv: (H−1)s − 2p + d(k−1) + outputPadding + 1", () => {
    expect(convTransposeOutputSize(7, 3, 2, 1, 1, 1)).toBe(14);
    expect(convTransposeOutputSize(7, 3, 1, 0, 1, 2)).toBe(12);
    expect(convTransposeOutputSize(2, 3, 1, 3, 0, 1)).toBe(-2);
  });

  it("same padding puts the odd pixel after; effective kernel counts dilation holes", () => {
    expect(samePadding(3, 1)).toEqual([1, 1]);
    expect(samePadding(4, 1)).toEqual([1, 2]);
    expect(samePadding(2, 3)).toEqual([1, 2]);
    expect(effectiveKernelSize(5, 2)).toBe(9);
  });

  it("the core exports the engine's formulas, not copies (one argument order)", () => {
    expect(core.convOutputSize).toBe(convOutputSize);
    expect(core.poolOutputSize).toBe(poolOutputSize);
    expect(core.convTransposeOutputSize).toBe(convTransposeOutputSize);
  });
});
