/**
 * The first viewport: readable rather than complete. A fit-to-view of a 70-layer chain would
 * shrink 12px text to 3px, so the zoom is clamped to a readable minimum and the view starts
 * at the selected node, or at the input end of the graph.
 */
import type { NodeBox } from "../../src/diagram/layout";

export interface Size {
  width: number;
  height: number;
}

export interface ViewportInfo {
  x: number;
  y: number;
  zoom: number;
}

export interface ViewportLimits {
  minZoom: number;
  maxZoom: number;
  padding: number;
}

export const readableLimits: ViewportLimits = { minZoom: 0.8, maxZoom: 1, padding: 24 };
/** Fit View: the whole drawing, however small (the folds chosen before keep it readable when they can). */
export const fitLimits: ViewportLimits = { minZoom: 0.05, maxZoom: 1, padding: 24 };

/** Offset along one axis: centred when the graph fits, else start at the padding. */
function axisOffset(graphLength: number, viewLength: number, zoom: number, padding: number): number {
  const scaled = graphLength * zoom;
  return scaled + 2 * padding <= viewLength ? (viewLength - scaled) / 2 : padding;
}

export function initialViewport(graph: Size, view: Size, focus?: NodeBox, limits: ViewportLimits = readableLimits): ViewportInfo {
  const fit = Math.min(
    (view.width - 2 * limits.padding) / Math.max(graph.width, 1), (view.height - 2 * limits.padding) / Math.max(graph.height, 1),
  );
  const zoom = Math.min(limits.maxZoom, Math.max(limits.minZoom, fit));
  if (focus) {
    return { zoom, x: view.width / 2 - (focus.x + focus.width / 2) * zoom, y: view.height / 2 - (focus.y + focus.height / 2) * zoom };
  }
  // A graph too long for the view starts at its input end (the top, or the left in LR).
  return {
    zoom, x: axisOffset(graph.width, view.width, zoom, limits.padding), y: axisOffset(graph.height, view.height, zoom, limits.padding),
  };
}

/** True when a node's box lies (partly) outside the visible area. */
export function isOutsideView(box: NodeBox, viewport: ViewportInfo, view: Size): boolean {
  const left = box.x * viewport.zoom + viewport.x;
  const top = box.y * viewport.zoom + viewport.y;
  return left < 0 || top < 0 || left + box.width * viewport.zoom > view.width || top + box.height * viewport.zoom > view.height;
}

/**
 * The viewport after the view was resized: across the layout direction the point at the
 * view's centre stays centred (a narrowed editor keeps a TB graph in view); along it the
 * start stays put (the input end does not scroll away).
 */
export function resizedViewport(viewport: ViewportInfo, before: Size, after: Size, direction: "TB" | "LR"): ViewportInfo {
  const dx = direction === "TB" ? (after.width - before.width) / 2 : 0;
  const dy = direction === "LR" ? (after.height - before.height) / 2 : 0;
  return { zoom: viewport.zoom, x: viewport.x + dx, y: viewport.y + dy };
}

/** True when some node of the layout is at least partly visible. */
export function graphInView(layout: { nodes: Map<string, NodeBox> }, viewport: ViewportInfo, view: Size): boolean {
  for (const box of layout.nodes.values()) {
    const left = box.x * viewport.zoom + viewport.x;
    const top = box.y * viewport.zoom + viewport.y;
    if (left < view.width && top < view.height && left + box.width * viewport.zoom > 0 && top + box.height * viewport.zoom > 0) return true;
  }
  return false;
}
