import { describe, expect, it } from "vitest";
import { formatRange, formatValue } from "../../../webview/preview/numberText";
import { inputTileSize, kernelCellSize, mapTileSize, tileLongSide } from "../../../webview/preview/gridLayout";

describe("grid layout", () => {
  it("few maps are drawn large, many small", () => {
    expect([1, 2, 3, 8, 9, 32, 33, 512].map(tileLongSide)).toEqual([224, 224, 160, 160, 112, 112, 80, 80]);
  });

  it("keeps the map's aspect ratio with the long side fixed", () => {
    expect(mapTileSize(2, 256, 256)).toEqual({ width: 224, height: 224 });
    expect(mapTileSize(16, 56, 112)).toEqual({ width: 112, height: 56 });
    expect(mapTileSize(64, 7, 7)).toEqual({ width: 80, height: 80 });
    expect(mapTileSize(1, 1, 1000)).toEqual({ width: 224, height: 1 });
    expect(inputTileSize(224, 224)).toEqual({ width: 224, height: 224 });
  });

  it("kernel cells: 3×3 at 16 px a tap, 7×7 at 8, 11×11 at 5, never under 4", () => {
    expect(kernelCellSize(3, 3)).toBe(16);
    expect(kernelCellSize(7, 7)).toBe(8);
    expect(kernelCellSize(11, 11)).toBe(5);
    expect(kernelCellSize(1, 31)).toBe(4);
  });
});

describe("number captions", () => {
  it.each([
    [0, "0"], [3.961043, "3.96"], [-3.904270, "−3.9"], [15.685, "15.7"], [1, "1"], [0.5, "0.5"], [123456, "1.23e+5"], [-0.0001234, "−1.23e-4"], [1000, "1000"],
  ])("%d → %s", (value, text) => {
    expect(formatValue(value)).toBe(text);
  });

  it("formats ranges", () => {
    expect(formatRange(-1, 2.5)).toBe("−1 … 2.5");
  });
});
