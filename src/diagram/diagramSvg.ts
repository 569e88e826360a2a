/**
 * The graph as laid out, as a standalone SVG document: the canvas's node boxes (category
 * stripe, id, type, severity badge, key numbers, output shape or why none, parameters), the
 * ELK edge routes with arrowheads and shape labels, on the theme's background. Pure: colours
 * come resolved in a palette (the webview reads them from the VS Code theme), fonts are
 * generic families, and the viewBox is fitted to the drawing plus a margin.
 */
import { edgeLabelWidth, routeMidpoint, type Direction, type LayoutResult, type NodeBox, type Point } from "./layout";
import type { GraphEdgeModel, GraphModel, GraphNodeModel } from "./graphModel";
import { nodeCategoryOf, type NodeCategory } from "./nodeCategory";
import { roundedPath } from "./edgePath";
import { escapeXml, estimateTextWidth, fitText, formatNumber as num, paint } from "./svgMarkup";

export type { NodeCategory };

/** Resolved colours (any CSS colour; rgba and #rrggbbaa become colour + opacity). */
export interface DiagramPalette {
  background: string;
  foreground: string;
  muted: string;
  nodeBackground: string;
  nodeBorder: string;
  edge: string;
  error: string;
  warning: string;
  info: string;
  categories: Record<NodeCategory, string>;
}

/** What the canvas shows: the model, the layout it was computed for, and its direction. */
export interface DiagramSnapshot {
  model: GraphModel;
  layout: LayoutResult;
  direction: Direction;
  /** The network's name, as the document title. */
  title?: string;
}

/** designer.css's fallbacks (VS Code's light theme). */
export const defaultPalette: DiagramPalette = {
  background: "#ffffff", foreground: "#333333", muted: "#717171", nodeBackground: "#f3f3f3", nodeBorder: "#c8c8c8",
  edge: "#888888", error: "#e51400", warning: "#bf8803", info: "#1a85ff",
  categories: { input: "#717171", unknown: "#717171", conv: "#1a85ff", pool: "#388a34", norm: "#bf8803", dense: "#652d90", merge: "#d18616", activation: "#e51400" },
};

export const diagramMargin = 24;
const sansFamily = "sans-serif";
const monoFamily = "monospace";
const labelHeight = 16;
/** Node content box, as designer.css's .cnn-node (4px stripe, padding 5/8/4/10). */
const contentLeft = 14;
const contentRight = 9;
const badgeSize = 14;

export function buildDiagramSvg(snapshot: DiagramSnapshot, palette: DiagramPalette): string {
  const { model, layout } = snapshot;
  const nodes = model.nodes.flatMap((node) => {
    const box = layout.nodes.get(node.id);
    return box ? [{ node, box }] : [];
  });
  const edges = model.edges.flatMap((edge) => {
    const points = edgePoints(edge, layout, snapshot.direction);
    return points ? [{ edge, points, labelCenter: layout.edges.get(edge.id)?.labelCenter ?? routeMidpoint(points) }] : [];
  });
  const bounds = drawingBounds(
    nodes.map((item) => item.box),
    edges.flatMap((item) => [...item.points, ...labelCorners(item.edge.label, item.labelCenter)]),
  );
  const viewBox = `${num(bounds.x)} ${num(bounds.y)} ${num(bounds.width)} ${num(bounds.height)}`;
  const title = snapshot.title ? `${snapshot.title} (CNN Designer)` : "CNN Designer diagram";
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(bounds.width)}" height="${num(bounds.height)}" viewBox="${viewBox}" font-family="${sansFamily}">`,
    `<title>${escapeXml(title)}</title>`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto"><path d="M 0 0 L 10 5 L 0 10 z"${paint("fill", palette.edge)}/></marker></defs>`,
    `<rect x="${num(bounds.x)}" y="${num(bounds.y)}" width="${num(bounds.width)}" height="${num(bounds.height)}"${paint("fill", palette.background)}/>`,
    `<g class="edges">`,
    ...edges.map((item) => edgePath(item.points, palette)),
    `</g>`,
    `<g class="edge-labels">`,
    ...edges.map((item) => edgeLabel(item.edge.label, item.labelCenter, palette)),
    `</g>`,
    `<g class="nodes">`,
    ...nodes.map((item) => nodeGroup(item.node, item.box, palette)),
    `</g>`,
    `</svg>`,
    "",
  ].join("\n");
}

interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The smallest box around every node box and point, grown by the margin. */
export function drawingBounds(boxes: readonly NodeBox[], points: readonly Point[]): Bounds {
  const xs = [...boxes.flatMap((box) => [box.x, box.x + box.width]), ...points.map((point) => point.x)];
  const ys = [...boxes.flatMap((box) => [box.y, box.y + box.height]), ...points.map((point) => point.y)];
  if (xs.length === 0) return { x: 0, y: 0, width: 2 * diagramMargin, height: 2 * diagramMargin };
  const left = Math.floor(Math.min(...xs)) - diagramMargin;
  const top = Math.floor(Math.min(...ys)) - diagramMargin;
  return {
    x: left, y: top, width: Math.ceil(Math.max(...xs)) + diagramMargin - left, height: Math.ceil(Math.max(...ys)) + diagramMargin - top,
  };
}

/** ELK's route, else a straight line between the facing sides (the canvas's fallback too). */
function edgePoints(edge: GraphEdgeModel, layout: LayoutResult, direction: Direction): Point[] | undefined {
  const source = layout.nodes.get(edge.source);
  const target = layout.nodes.get(edge.target);
  if (!source || !target) return undefined;
  const route = layout.edges.get(edge.id);
  if (route && route.points.length >= 2) return route.points;
  return direction === "LR"
    ? [{ x: source.x + source.width, y: source.y + source.height / 2 }, { x: target.x, y: target.y + target.height / 2 }]
    : [{ x: source.x + source.width / 2, y: source.y + source.height }, { x: target.x + target.width / 2, y: target.y }];
}

function labelCorners(label: string, center: Point): Point[] {
  const halfWidth = edgeLabelWidth(label) / 2;
  return [{ x: center.x - halfWidth, y: center.y - labelHeight / 2 }, { x: center.x + halfWidth, y: center.y + labelHeight / 2 }];
}

function edgePath(points: readonly Point[], palette: DiagramPalette): string {
  return `<path d="${roundedPath(points)}" fill="none"${paint("stroke", palette.edge)} stroke-width="1.3" marker-end="url(#arrow)"/>`;
}

function edgeLabel(label: string, center: Point, palette: DiagramPalette): string {
  if (label === "") return "";
  const width = edgeLabelWidth(label);
  const colour = label === "?" ? palette.error : palette.muted;
  return `<g><rect x="${num(center.x - width / 2)}" y="${num(center.y - labelHeight / 2)}" width="${num(width)}" height="${labelHeight}" rx="3"${paint("fill", palette.background)}/>`
    + `<text x="${num(center.x)}" y="${num(center.y + 4)}" text-anchor="middle" font-family="${monoFamily}" font-size="11"${paint("fill", colour)}>${escapeXml(label)}</text></g>`;
}

function nodeGroup(node: GraphNodeModel, box: NodeBox, palette: DiagramPalette): string {
  const border = node.severity === "error" ? palette.error : node.severity === "warning" ? palette.warning : palette.nodeBorder;
  const category = palette.categories[nodeCategoryOf(node.type)];
  const { x, y, width, height } = box;
  const stripe = `M ${num(x + 4)} ${num(y)} A 4 4 0 0 0 ${num(x)} ${num(y + 4)} V ${num(y + height - 4)} A 4 4 0 0 0 ${num(x + 4)} ${num(y + height)} Z`;
  return [
    `<g class="node" data-id="${escapeXml(node.id)}">`,
    ...(node.kind === "block" ? blockStack(box, palette, border) : []),
    `<rect x="${num(x + 0.5)}" y="${num(y + 0.5)}" width="${num(width - 1)}" height="${num(height - 1)}" rx="4"${paint("fill", palette.nodeBackground)}${paint("stroke", border)}/>`,
    `<path d="${stripe}"${paint("fill", category)}/>`,
    ...headerLine(node, box, palette),
    textAt(x + contentLeft, y + 40, fitText(node.detail, width - contentLeft - contentRight, 11, "mono"), `font-family="${monoFamily}" font-size="11"`, palette.foreground),
    ...footerLine(node, box, palette),
    `</g>`,
  ].join("");
}

/** Two cards behind a folded block, as the canvas draws it. */
function blockStack(box: NodeBox, palette: DiagramPalette, border: string): string[] {
  return [6, 3].map((offset) => `<rect x="${num(box.x + offset + 0.5)}" y="${num(box.y + offset + 0.5)}" width="${num(box.width - 1)}" `
    + `height="${num(box.height - 1)}" rx="4"${paint("fill", palette.nodeBackground)}${paint("stroke", border)}/>`);
}

function textAt(x: number, y: number, text: string, attributes: string, colour: string): string {
  if (text === "") return "";
  return `<text x="${num(x)}" y="${num(y)}" ${attributes}${paint("fill", colour)}>${escapeXml(text)}</text>`;
}

/** id (bold) … type, then the badge at the right edge. */
function headerLine(node: GraphNodeModel, box: NodeBox, palette: DiagramPalette): string[] {
  const baseline = box.y + 19;
  let right = box.x + box.width - contentRight;
  const parts: string[] = [];
  if (node.severity) {
    parts.push(severityBadge(node.severity, right - badgeSize / 2, baseline - 4, palette));
    right -= badgeSize + 4;
  }
  const typeWidth = estimateTextWidth(node.type, 11, "sans");
  parts.push(textAt(right, baseline, node.type, `font-size="11" text-anchor="end"`, palette.muted));
  const idWidth = right - typeWidth - 6 - (box.x + contentLeft);
  parts.unshift(textAt(box.x + contentLeft, baseline, fitText(node.label ?? node.id, idWidth, 12, "sansBold"), `font-size="12" font-weight="600"`, palette.foreground));
  return parts;
}

/** Output shape (or why there is none) … parameters. */
function footerLine(node: GraphNodeModel, box: NodeBox, palette: DiagramPalette): string[] {
  const baseline = box.y + box.height - 9;
  const left = box.x + contentLeft;
  const right = box.x + box.width - contentRight;
  const paramsWidth = node.paramsText ? estimateTextWidth(node.paramsText, 11, "sans") + 6 : 0;
  const params = textAt(right, baseline, node.paramsText, `font-size="11" text-anchor="end"`, palette.muted);
  const shape = node.shapeText
    ? textAt(left, baseline, fitText(node.shapeText, right - left - paramsWidth, 11, "mono"), `font-family="${monoFamily}" font-size="11" font-weight="600"`, palette.foreground)
    : textAt(left, baseline, fitText(`no shape: ${node.noShapeReason ?? "unknown"}`, right - left - paramsWidth, 11, "sans"), `font-size="11" font-style="italic"`, palette.error);
  return [shape, params];
}

/** A circle (error, info) or a triangle (warning) with its glyph, centred at (cx, cy). */
function severityBadge(severity: "error" | "warning" | "info", cx: number, cy: number, palette: DiagramPalette): string {
  const colour = palette[severity];
  const radius = badgeSize / 2;
  const shape = severity === "warning"
    ? `<path d="M ${num(cx)} ${num(cy - radius)} L ${num(cx + radius)} ${num(cy + radius - 1)} L ${num(cx - radius)} ${num(cy + radius - 1)} Z"${paint("fill", colour)}/>`
    : `<circle cx="${num(cx)}" cy="${num(cy)}" r="${num(radius)}"${paint("fill", colour)}/>`;
  const glyph = severity === "info" ? "i" : "!";
  const glyphY = severity === "warning" ? cy + radius - 3 : cy + 4;
  return `<g class="badge-${severity}">${shape}<text x="${num(cx)}" y="${num(glyphY)}" text-anchor="middle" font-size="10" font-weight="700"${paint("fill", palette.nodeBackground)}>${glyph}</text></g>`;
}
