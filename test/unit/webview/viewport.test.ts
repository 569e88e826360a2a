import { describe, expect, it } from "vitest";
import { initialViewport, isOutsideView } from "../../../webview/graph/viewport";

const view = { width: 800, height: 600 };

describe("initial viewport", () => {
  it("centres a small graph at zoom 1", () => {
    expect(initialViewport({ width: 200, height: 300 }, view)).toEqual({ zoom: 1, x: 300, y: 150 });
  });

  it("keeps a tall graph readable and starts at its top", () => {
    const viewport = initialViewport({ width: 230, height: 5000 }, view);
    expect(viewport.zoom).toBe(0.8);
    expect(viewport.y).toBe(24);
    expect(viewport.x).toBeCloseTo((800 - 230 * 0.8) / 2);
  });

  it("zooms out between the limits when that makes the graph fit", () => {
    const viewport = initialViewport({ width: 300, height: 620 }, view);
    expect(viewport.zoom).toBeCloseTo((600 - 48) / 620);
  });

  it("centres on the focused node", () => {
    const viewport = initialViewport({ width: 230, height: 5000 }, view, { x: 10, y: 3000, width: 200, height: 70 });
    expect(viewport).toEqual({ zoom: 0.8, x: 400 - 110 * 0.8, y: 300 - 3035 * 0.8 });
  });

  it("tells when a node is off screen", () => {
    const box = { x: 100, y: 100, width: 200, height: 70 };
    expect(isOutsideView(box, { x: 0, y: 0, zoom: 1 }, view)).toBe(false);
    expect(isOutsideView(box, { x: 0, y: -120, zoom: 1 }, view)).toBe(true);
    expect(isOutsideView(box, { x: 600, y: 0, zoom: 1 }, view)).toBe(true);
  });
});
