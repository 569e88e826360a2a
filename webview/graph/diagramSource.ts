/**
 * What the diagram export needs besides the DOM: the latest laid-out graph (waited for while
 * ELK runs), the PNG scale within Chromium's canvas limits, and base64 for the PNG's bytes.
 */
import type { DiagramSnapshot } from "../../src/diagram/diagramSvg";

/** How long an export waits for the first layout (the panel may just have opened). */
const layoutWaitMillis = 15_000;
/** PNG pixels per SVG unit, lowered for huge graphs so the canvas stays within Chromium's limits. */
const pngScale = 2;
const maxCanvasSide = 16_000;
const maxCanvasPixels = 120_000_000;

/**
 * The latest laid-out graph the canvas shows (null while ELK runs or without a valid graph);
 * `next` resolves with it as soon as there is one, or null after the timeout.
 */
export class DiagramSource {
  private current: DiagramSnapshot | null = null;
  private readonly waiting = new Set<(snapshot: DiagramSnapshot) => void>();

  set(snapshot: DiagramSnapshot | null): void {
    this.current = snapshot;
    if (!snapshot) return;
    for (const resolve of this.waiting) resolve(snapshot);
    this.waiting.clear();
  }

  next(timeoutMillis = layoutWaitMillis): Promise<DiagramSnapshot | null> {
    if (this.current) return Promise.resolve(this.current);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(settle);
        resolve(null);
      }, timeoutMillis);
      const settle = (snapshot: DiagramSnapshot): void => {
        clearTimeout(timer);
        resolve(snapshot);
      };
      this.waiting.add(settle);
    });
  }
}

/** The scale for a PNG of an SVG of this size: 2, or less when the canvas would be too large. */
export function pngScaleFor(width: number, height: number): number {
  const bySide = maxCanvasSide / Math.max(width, height, 1);
  const byArea = Math.sqrt(maxCanvasPixels / Math.max(width * height, 1));
  return Math.min(pngScale, bySide, byArea);
}

/** Bytes as base64, in chunks (String.fromCharCode takes a bounded number of arguments). */
export function bytesToBase64(bytes: Uint8Array): string {
  const chunkSize = 0x8000;
  let binary = "";
  for (let start = 0; start < bytes.length; start += chunkSize) {
    binary += String.fromCharCode(...bytes.subarray(start, start + chunkSize));
  }
  return btoa(binary);
}
