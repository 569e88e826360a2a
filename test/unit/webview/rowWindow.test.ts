import { describe, expect, it } from "vitest";
import { rowWindow, scrollTopFor, windowingThreshold } from "../../../webview/graph/rowWindow";

describe("shape table row window", () => {
  it("renders every row up to the threshold", () => {
    expect(rowWindow(windowingThreshold, 5000, 400, 21)).toEqual({ start: 0, end: windowingThreshold });
  });

  it("renders only the rows in view plus a margin above it on a 10,000-row table", () => {
    const window = rowWindow(10_000, 21 * 5000, 420, 21);
    expect(window.start).toBe(4970);
    expect(window.end).toBe(5000 + 20 + 30);
    expect(window.end - window.start).toBeLessThan(100);
  });

  it("clamps at both ends", () => {
    expect(rowWindow(10_000, 0, 420, 21)).toEqual({ start: 0, end: 50 });
    expect(rowWindow(10_000, 21 * 20_000, 420, 21)).toEqual({ start: 10_000 - 1 - 30, end: 10_000 });
  });

  it("scrolls a row into view only when it is outside, between the sticky header and footer", () => {
    expect(scrollTopFor(10, 20, 0, 300, 25, 25)).toBe(0);
    expect(scrollTopFor(50, 20, 0, 300, 25, 25)).toBe(50 * 20 + 20 + 50 - 300);
    expect(scrollTopFor(3, 20, 500, 300, 25, 25)).toBe(60);
  });
});
