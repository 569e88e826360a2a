import { describe, expect, it } from "vitest";
import type { PreviewKernels } from "../../../src/protocol";
import { flipNote, flipSymmetry, kernelAt, rotate180 } from "../../../webview/preview/kernelMath";

const sobelX = [-1, 0, 1, -2, 0, 2, -1, 0, 1];
const laplacian8 = [-1, -1, -1, -1, 8, -1, -1, -1, -1];
const shiftLeft = [0, 0, 0, 0, 0, 1, 0, 0, 0];

describe("kernels and the flip", () => {
  it("rotates a kernel 180°: tap (y, x) comes from (h−1−y, w−1−x)", () => {
    expect(rotate180(sobelX)).toEqual([1, 0, -1, 2, 0, -2, 1, 0, -1]);
    // 2×3, row-major [[1,2,3],[4,5,6]] → [[6,5,4],[3,2,1]]
    expect(rotate180([1, 2, 3, 4, 5, 6])).toEqual([6, 5, 4, 3, 2, 1]);
    expect(rotate180(shiftLeft)).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0]);
  });

  it("classifies what the flip does to a map", () => {
    expect(flipSymmetry(sobelX)).toBe("antisymmetric");
    expect(flipSymmetry([1, 2, 1, 0, 0, 0, -1, -2, -1])).toBe("antisymmetric");
    expect(flipSymmetry(laplacian8)).toBe("symmetric");
    expect(flipSymmetry([1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9])).toBe("symmetric");
    expect(flipSymmetry(shiftLeft)).toBe("none");
    expect(flipSymmetry([0, 0, 0, 0])).toBe("zero");
    // a float-noise-level asymmetry still counts as symmetric
    expect(flipSymmetry([1, 2, 1 + 1e-9, 2, 4, 2, 1, 2, 1])).toBe("symmetric");
  });

  it("explains the change in words", () => {
    expect(flipNote(["antisymmetric", "antisymmetric"], false)).toMatch(/signs invert/);
    expect(flipNote(["symmetric"], false)).toMatch(/do not change/);
    expect(flipNote(["none"], false)).toMatch(/mirrored left-right and top-bottom/);
    expect(flipNote(["antisymmetric", "symmetric"], false)).toMatch(/The filters differ/);
    expect(flipNote(["zero"], false)).toMatch(/all zero/);
    expect(flipNote(["antisymmetric"], true)).toMatch(/activation is applied after/);
    expect(flipNote(["antisymmetric"], false)).not.toMatch(/activation/);
  });

  it("reads filter f, channel c out of [filters, channels, kh, kw]", () => {
    const kernels: PreviewKernels = {
      filters: 4, channelsPerFilter: 2, kernelHeight: 1, kernelWidth: 2, shownFilters: 2, shownChannels: 2,
      values: [1, 2, 3, 4, 5, 6, 7, 8], minimum: 1, maximum: 8,
    };
    expect(kernelAt(kernels, 0)).toEqual([1, 2]);
    expect(kernelAt(kernels, 0, 1)).toEqual([3, 4]);
    expect(kernelAt(kernels, 1, 0)).toEqual([5, 6]);
  });
});
