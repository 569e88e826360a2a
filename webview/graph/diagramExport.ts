/**
 * Export of the canvas's graph as laid out: SVG text from diagramSvg.ts in the current VS Code
 * theme's colours, or a PNG drawn from that SVG on a canvas at twice the size (via a blob:
 * image, which the webview's CSP allows) and returned as base64.
 */
import { maxDiagramBytes, maxDiagramCharacters, type DiagramFormat } from "../../src/protocol/diagram";
import { bytesToBase64, pngScaleFor, type DiagramSource } from "./diagramSource";
import { buildDiagramSvg } from "../../src/diagram/diagramSvg";
import { resolveThemePalette } from "./themePalette";

export type DiagramResult = { ok: true; data: string } | { ok: false; message: string };

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error("the browser could not draw the SVG"));
    image.src = url;
  });
}

async function svgToPngBase64(svg: string): Promise<string> {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    const image = await loadImage(url);
    const scale = pngScaleFor(image.naturalWidth, image.naturalHeight);
    const canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
    canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
    const context = canvas.getContext("2d");
    if (!context) throw new Error("no 2D canvas is available");
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
    if (!png) throw new Error("the canvas produced no PNG");
    if (png.size > maxDiagramBytes) throw new Error(`the PNG would be ${(png.size / 1024 / 1024).toFixed(1)} MB, over the ${maxDiagramBytes / 1024 / 1024} MB limit; export SVG instead`);
    return bytesToBase64(new Uint8Array(await png.arrayBuffer()));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The diagram of the graph the canvas shows, once it has been laid out. */
export async function exportDiagram(source: DiagramSource, format: DiagramFormat): Promise<DiagramResult> {
  const snapshot = await source.next();
  if (!snapshot) return { ok: false, message: "The designer has no laid-out graph to export (is the file valid JSON with at least an input?)." };
  try {
    const svg = buildDiagramSvg(snapshot, resolveThemePalette(getComputedStyle(document.body)));
    const data = format === "svg" ? svg : await svgToPngBase64(svg);
    if (data.length > maxDiagramCharacters) return { ok: false, message: `The diagram is larger than the ${maxDiagramBytes / 1024 / 1024} MB limit.` };
    return { ok: true, data };
  } catch (error) {
    return { ok: false, message: `Could not export the diagram as ${format.toUpperCase()}: ${error instanceof Error ? error.message : String(error)}` };
  }
}
