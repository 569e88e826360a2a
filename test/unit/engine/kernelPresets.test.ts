import { describe, expect, it } from "vitest";
import { KERNEL_PRESET_NAMES, presetKernel } from "../../../src/engine";

describe("presetKernel", () => {
  it.each([
    ["sobel-x", [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]],
    ["sobel-y", [[-1, -2, -1], [0, 0, 0], [1, 2, 1]]],
    ["scharr-x", [[-3, 0, 3], [-10, 0, 10], [-3, 0, 3]]],
    ["prewitt-y", [[-1, -1, -1], [0, 0, 0], [1, 1, 1]]],
    ["laplacian-8", [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]]],
    ["edge-horizontal", [[1, 1, 1], [0, 0, 0], [-1, -1, -1]]],
    ["identity", [[0, 0, 0], [0, 1, 0], [0, 0, 0]]],
    ["shift-left", [[0, 0, 0], [0, 0, 1], [0, 0, 0]]],
    ["shift-down", [[0, 1, 0], [0, 0, 0], [0, 0, 0]]],
  ])("%s at 3×3", (name, expected) => {
    expect(presetKernel(name, 3, 3)).toEqual(expected);
  });

  it("gaussian 3×3 and 5×5 are normalised binomials", () => {
    expect(presetKernel("gaussian", 3, 3)).toEqual([[1, 2, 1], [2, 4, 2], [1, 2, 1]].map((row) => row.map((value) => value / 16)));
    const five = presetKernel("gaussian", 5, 5) as number[][];
    expect(five[2][2]).toBeCloseTo(36 / 256, 12);
    expect(five.flat().reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 12);
    expect(presetKernel("gaussian", 4, 4)).toBeUndefined();
    expect(presetKernel("gaussian", 3, 5)).toBeUndefined();
  });

  it("box is normalised at any size; identity sits at the 'same' centre of even kernels", () => {
    expect(presetKernel("box", 2, 3)).toEqual([[1 / 6, 1 / 6, 1 / 6], [1 / 6, 1 / 6, 1 / 6]]);
    expect(presetKernel("identity", 4, 4)?.[1][1]).toBe(1);
    expect(presetKernel("identity", 1, 1)).toEqual([[1]]);
  });

  it("3×3-only presets, unknown names and bad sizes give undefined", () => {
    expect(presetKernel("sobel-x", 5, 5)).toBeUndefined();
    expect(presetKernel("nope", 3, 3)).toBeUndefined();
    expect(presetKernel("shift-right", 1, 1)).toBeUndefined();
    expect(presetKernel("box", 0, 3)).toBeUndefined();
  });

  it("every listed preset exists at 3×3 and returns a fresh copy", () => {
    for (const name of KERNEL_PRESET_NAMES) expect(presetKernel(name, 3, 3), name).toHaveLength(3);
    const first = presetKernel("sobel-x", 3, 3) as number[][];
    first[0][0] = 99;
    expect(presetKernel("sobel-x", 3, 3)?.[0][0]).toBe(-1);
  });
});
