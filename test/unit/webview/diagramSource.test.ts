import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { bytesToBase64, DiagramSource, pngScaleFor } from "../../../webview/graph/diagramSource";
import { resolveThemePalette, type ThemeStyle } from "../../../webview/graph/themePalette";
import { defaultPalette, type DiagramSnapshot } from "../../../src/diagram/diagramSvg";

const snapshot: DiagramSnapshot = { model: { nodes: [], edges: [] }, layout: { nodes: new Map(), edges: new Map(), width: 0, height: 0 }, direction: "TB" };

/** A computed style with only these custom properties set. */
function styleWith(variables: Record<string, string>): ThemeStyle {
  return { getPropertyValue: (name: string) => variables[name] ?? "" };
}

describe("diagram export helpers", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("scales PNGs by 2, less when a side or the area would exceed the canvas limits", () => {
    expect(pngScaleFor(244, 1094)).toBe(2);
    expect(pngScaleFor(371, 8224)).toBeCloseTo(16_000 / 8224, 6);
    expect(pngScaleFor(9000, 9000)).toBeCloseTo(Math.sqrt(120_000_000 / 81_000_000), 6);
  });

  it("encodes bytes as base64 across chunk boundaries", () => {
    const bytes = Uint8Array.from({ length: 100_000 }, (_, index) => (index * 7919) % 256);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString("base64"));
  });

  it("hands out the current snapshot, waits for the first one, and gives up after the timeout", async () => {
    const source = new DiagramSource();
    const early = source.next(1000);
    source.set(snapshot);
    await expect(early).resolves.toBe(snapshot);
    await expect(source.next(1000)).resolves.toBe(snapshot);
    source.set(null);
    const late = source.next(1000);
    vi.advanceTimersByTime(1000);
    await expect(late).resolves.toBeNull();
  });

  it("takes the theme's colours, with designer.css's fallbacks for unset ones", () => {
    const palette = resolveThemePalette(styleWith({
      "--vscode-editor-background": " #1f1f1f ", "--vscode-foreground": "#cccccc", "--vscode-contrastBorder": "#6fc3df", "--vscode-charts-blue": "#3794ff",
    }));
    expect(palette.background).toBe("#1f1f1f");
    expect(palette.nodeBackground).toBe("#1f1f1f");
    expect(palette.foreground).toBe("#cccccc");
    expect(palette.nodeBorder).toBe("#6fc3df");
    expect(palette.categories.conv).toBe("#3794ff");
    expect(palette.categories.pool).toBe(defaultPalette.categories.pool);
    expect(palette.categories.input).toBe(defaultPalette.muted);
    expect(palette.edge).toBe(defaultPalette.edge);
  });
});
