/**
 * Layout through ELK's layered algorithm: `toElkGraph` → `elk.layout` → `applyElkLayout`.
 * The ELK instance is injected (the webview passes its worker, elkWorker.ts, or the same build loaded
 * as a page script, scriptElk.ts; tests pass Node's elkjs).
 * Positions are never stored in the file; layout is re-run only when `structureKey` changes.
 */
import type { ElkExtendedEdge, ElkNode } from "elkjs/lib/elk-api";
import type { ViewSettings } from "../protocol";
import type { GraphModel } from "./graphModel";
import { planU, uLayout } from "./layoutU";
import { chainSize, edgeLabelWidth, expandChain, findChains, labelHeight, layerSpacing, type ChainPlan } from "./layoutChains";

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
const nodeSize = { width: nodeWidth, height: nodeHeight };

export { edgeLabelWidth };

/**
 * Chosen by measurement (issue #7): BRANDES_KOEPF placement is 2–6× faster than
 * NETWORK_SIMPLEX here with the same straight columns; the other options changed the time by
 * < 20%. ELK labels stay (they reserve room beside branch edges); the big saving is chain
 * compression (layoutChains.ts).
 */
export const layoutOptions = (direction: Direction): Record<string, string> => ({
  "elk.algorithm": "layered",
  "elk.direction": direction === "LR" ? "RIGHT" : "DOWN",
  "elk.edgeRouting": "ORTHOGONAL",
  "elk.layered.spacing.nodeNodeBetweenLayers": String(layerSpacing),
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

/** The graph ELK lays out: one box per chain (see layoutChains.ts), the edges between boxes. */
export function toElkGraph(model: GraphModel, direction: Direction, plan: ChainPlan = findChains(model)): ElkNode {
  const children = plan.chains.map((chain) => ({ id: chain.id, ...chainSize(chain, direction, nodeSize) }));
  const edges: ElkExtendedEdge[] = plan.outerEdges.map((edge) => ({
    id: edge.id,
    sources: [plan.chainOf.get(edge.source) ?? edge.source],
    targets: [plan.chainOf.get(edge.target) ?? edge.target],
    labels: [{ text: edge.label, width: edgeLabelWidth(edge.label), height: labelHeight, layoutOptions: { "elk.edgeLabels.placement": "CENTER" } }],
  }));
  return { id: "root", layoutOptions: layoutOptions(direction), children, edges };
}

/** ELK's result back to per-node boxes and per-edge routes (chains expanded when a plan is given). */
export function applyElkLayout(result: ElkNode, plan?: ChainPlan, direction: Direction = "TB"): LayoutResult {
  const nodes = new Map<string, NodeBox>();
  const edges = new Map<string, EdgeRoute>();
  const chains = new Map(plan?.chains.map((chain) => [chain.id, chain]));
  for (const child of result.children ?? []) {
    const chain = chains.get(child.id);
    if (chain) expandChain(chain, { x: child.x ?? 0, y: child.y ?? 0 }, direction, nodeSize, nodes, edges);
    else nodes.set(child.id, { x: child.x ?? 0, y: child.y ?? 0, width: child.width ?? nodeWidth, height: child.height ?? nodeHeight });
  }
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
  // Feature-map sizes decide the U layout's columns (layoutU.ts).
  const nodes = model.nodes.map((node) => `${node.id}\u0003${node.area ?? ""}`).join("\u0001");
  const edges = model.edges.map((edge) => edge.id).join("\u0001");
  return `${direction}\u0002${nodes}\u0002${edges}`;
}

/** A U-shaped network is drawn as a U (layoutU.ts); everything else by ELK. */
export async function computeLayout(elk: ElkLike, model: GraphModel, direction: Direction): Promise<LayoutResult> {
  const u = planU(model);
  if (u) return uLayout(model, u, direction, nodeSize);
  const plan = findChains(model);
  if (plan.chains.length === 1) return singleChainLayout(plan, direction);
  return applyElkLayout(await elk.layout(toElkGraph(model, direction, plan)), plan, direction);
}

/** ELK's padding around the drawing. */
const elkPadding = 16;

/**
 * A graph that is one chain (LeNet, VGG, the tutorial, ResNet-18 with its blocks folded) is one
 * box to ELK, which puts it at the padding: drawn here directly, the same result without waiting
 * for ELK's worker to start (a few hundred milliseconds of a designer's first render).
 */
function singleChainLayout(plan: ChainPlan, direction: Direction): LayoutResult {
  const chain = plan.chains[0];
  const nodes = new Map<string, NodeBox>();
  const edges = new Map<string, EdgeRoute>();
  expandChain(chain, { x: elkPadding, y: elkPadding }, direction, nodeSize, nodes, edges);
  const size = chainSize(chain, direction, nodeSize);
  return { nodes, edges, width: size.width + 2 * elkPadding, height: size.height + 2 * elkPadding };
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
