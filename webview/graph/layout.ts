/**
 * Layout through ELK's layered algorithm: `toElkGraph` → `elk.layout` → `applyElkLayout`.
 * The ELK instance is injected (the webview passes elk.bundled.js, tests pass Node's elkjs).
 * Positions are never stored in the file; layout is re-run only when `structureKey` changes.
 */
import type { ElkExtendedEdge, ElkNode } from "elkjs/lib/elk-api";
import type { ViewSettings } from "./port";
import type { GraphModel } from "./graphModel";

export type Direction = ViewSettings["layoutDirection"];

/** The one method of ELK we use. */
export interface ElkLike {
  layout(graph: ElkNode): Promise<ElkNode>;
}

export interface Point {
  x: number;
  y: number;
}

export interface NodeBox extends Point {
  width: number;
  height: number;
}

export interface EdgeRoute {
  /** Start, bend points, end. */
  points: Point[];
  /** Centre of the shape label, when ELK placed one. */
  labelCenter?: Point;
}

export interface LayoutResult {
  nodes: Map<string, NodeBox>;
  edges: Map<string, EdgeRoute>;
  width: number;
  height: number;
}

/** Every node has the same box: the canvas node is fixed-size so ELK knows it exactly. */
export const nodeWidth = 196;
export const nodeHeight = 70;
const labelHeight = 16;
const labelCharacterWidth = 6.6;

/** Width of an edge label in the canvas font (11px monospace-ish digits). */
export function edgeLabelWidth(text: string): number {
  return Math.ceil(text.length * labelCharacterWidth) + 10;
}

const layoutOptions = (direction: Direction): Record<string, string> => ({
  "elk.algorithm": "layered",
  "elk.direction": direction === "LR" ? "RIGHT" : "DOWN",
  "elk.edgeRouting": "ORTHOGONAL",
  "elk.layered.spacing.nodeNodeBetweenLayers": "18",
  "elk.spacing.nodeNode": "28",
  "elk.spacing.edgeNode": "16",
  "elk.spacing.edgeEdge": "12",
  "elk.spacing.edgeLabel": "2",
  "elk.layered.spacing.edgeNodeBetweenLayers": "12",
  "elk.edgeLabels.inline": "true",
  "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
  "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
  "elk.layered.nodePlacement.bk.fixedAlignment": "BALANCED",
  "elk.layered.crossingMinimization.forceNodeModelOrder": "false",
  "elk.padding": "[top=16,left=16,bottom=16,right=16]",
});

export function toElkGraph(model: GraphModel, direction: Direction): ElkNode {
  const children = model.nodes.map((node) => ({ id: node.id, width: nodeWidth, height: nodeHeight }));
  const edges: ElkExtendedEdge[] = model.edges.map((edge) => ({
    id: edge.id,
    sources: [edge.source],
    targets: [edge.target],
    labels: [{ text: edge.label, width: edgeLabelWidth(edge.label), height: labelHeight, layoutOptions: { "elk.edgeLabels.placement": "CENTER" } }],
  }));
  return { id: "root", layoutOptions: layoutOptions(direction), children, edges };
}

export function applyElkLayout(result: ElkNode): LayoutResult {
  const nodes = new Map<string, NodeBox>();
  for (const child of result.children ?? []) {
    nodes.set(child.id, { x: child.x ?? 0, y: child.y ?? 0, width: child.width ?? nodeWidth, height: child.height ?? nodeHeight });
  }
  const edges = new Map<string, EdgeRoute>();
  for (const edge of (result.edges ?? []) as ElkExtendedEdge[]) {
    const section = edge.sections?.[0];
    if (!section) continue;
    const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map(({ x, y }) => ({ x, y }));
    const label = edge.labels?.[0];
    const labelCenter = label && label.x !== undefined && label.y !== undefined
      ? { x: label.x + (label.width ?? 0) / 2, y: label.y + (label.height ?? 0) / 2 }
      : undefined;
    edges.set(edge.id, { points, labelCenter });
  }
  return { nodes, edges, width: result.width ?? 0, height: result.height ?? 0 };
}

/**
 * Identifies what the layout depends on: node ids, edges and the direction. Field edits
 * that keep the graph (a new kernel size, a new shape label) keep the key, so the canvas
 * does not jump while the user types.
 */
export function structureKey(model: GraphModel, direction: Direction): string {
  const nodes = model.nodes.map((node) => node.id).join("\u0001");
  const edges = model.edges.map((edge) => edge.id).join("\u0001");
  return `${direction}\u0002${nodes}\u0002${edges}`;
}

export async function computeLayout(elk: ElkLike, model: GraphModel, direction: Direction): Promise<LayoutResult> {
  return applyElkLayout(await elk.layout(toElkGraph(model, direction)));
}

/** Midpoint of the longest segment of a route: where a label goes when ELK gave none. */
export function routeMidpoint(points: readonly Point[]): Point {
  let best = { x: 0, y: 0 };
  let bestLength = -1;
  for (let index = 1; index < points.length; index++) {
    const from = points[index - 1];
    const to = points[index];
    const length = Math.hypot(to.x - from.x, to.y - from.y);
    if (length > bestLength) {
      bestLength = length;
      best = { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
    }
  }
  return best;
}

/** Distance from a point to a polyline route. */
export function distanceToRoute(point: Point, points: readonly Point[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (let index = 1; index < points.length; index++) {
    best = Math.min(best, distanceToSegment(point, points[index - 1], points[index]));
  }
  return best;
}

function distanceToSegment(point: Point, from: Point, to: Point): number {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((point.x - from.x) * dx + (point.y - from.y) * dy) / lengthSquared));
  return Math.hypot(point.x - (from.x + t * dx), point.y - (from.y + t * dy));
}

/** The edge whose route passes within `tolerance` of a point (the nearest), for drop-to-insert. */
export function edgeNear(point: Point, layout: LayoutResult, tolerance: number): string | undefined {
  let bestId: string | undefined;
  let bestDistance = tolerance;
  for (const [id, route] of layout.edges) {
    const distance = distanceToRoute(point, route.points);
    if (distance <= bestDistance) {
      bestDistance = distance;
      bestId = id;
    }
  }
  return bestId;
}

/** The node whose box contains a point. */
export function nodeAt(point: Point, layout: LayoutResult): string | undefined {
  for (const [id, box] of layout.nodes) {
    if (point.x >= box.x && point.x <= box.x + box.width && point.y >= box.y && point.y <= box.y + box.height) return id;
  }
  return undefined;
}
