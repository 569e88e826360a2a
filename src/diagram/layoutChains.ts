/**
 * Chain compression, the main layout speed-up: a run of layers that simply follow each
 * other (conv → bn → relu → …) is handed to ELK as one tall box, and expanded afterwards
 * into the column ELK would have drawn (same spacing, label beside the edge as ELK puts it).
 * ELK's cost grows with nodes and label dummies; a 200-layer ResNet becomes ~60 boxes,
 * a plain 200-layer chain one box.
 */
import type { GraphEdgeModel, GraphModel } from "./graphModel";
import type { Direction, EdgeRoute, NodeBox, Point } from "./layout";

/** ELK's spacing between a node and the label dummy of the edge in the next layer. */
export const layerSpacing = 18;
export const labelHeight = 16;
const labelCharacterWidth = 6.6;
/** Gap between an edge and its label beside it (ELK's `spacing.edgeLabel` + 1 in LR). */
const labelOffsetTopDown = 2;
const labelOffsetLeftRight = 3;

/** Width of an edge label in the canvas font (11px monospace-ish digits). */
export function edgeLabelWidth(text: string): number {
  return Math.ceil(text.length * labelCharacterWidth) + 10;
}

export interface Chain {
  /** The first member's id: the box ELK lays out. */
  id: string;
  members: string[];
  /** members[i] → members[i+1]. */
  links: GraphEdgeModel[];
}

export interface ChainPlan {
  chains: Chain[];
  /** Node id → the id of its chain's box. */
  chainOf: Map<string, string>;
  /** Edges between boxes (everything that is not a chain link). */
  outerEdges: GraphEdgeModel[];
}

/**
 * Maximal paths v1 → … → vk where every vi (i < k) has one outgoing edge and every
 * vi (i > 1) one incoming edge. Every node is in exactly one chain (often of length 1).
 */
export function findChains(model: GraphModel): ChainPlan {
  const outgoing = new Map<string, GraphEdgeModel[]>();
  const incoming = new Map<string, GraphEdgeModel[]>();
  for (const edge of model.edges) {
    (outgoing.get(edge.source) ?? outgoing.set(edge.source, []).get(edge.source)!).push(edge);
    (incoming.get(edge.target) ?? incoming.set(edge.target, []).get(edge.target)!).push(edge);
  }
  const linkFrom = (id: string): GraphEdgeModel | undefined => {
    const out = outgoing.get(id);
    if (out?.length !== 1) return undefined;
    const link = out[0];
    return incoming.get(link.target)?.length === 1 && link.target !== id ? link : undefined;
  };
  const linkedTargets = new Set<string>();
  for (const node of model.nodes) {
    const link = linkFrom(node.id);
    if (link) linkedTargets.add(link.target);
  }
  const chains: Chain[] = [];
  const chainOf = new Map<string, string>();
  const linkIds = new Set<string>();
  const known = new Set(model.nodes.map((node) => node.id));
  for (const node of model.nodes) {
    if (linkedTargets.has(node.id)) continue;
    const chain: Chain = { id: node.id, members: [node.id], links: [] };
    for (let link = linkFrom(node.id); link && known.has(link.target) && !chainOf.has(link.target); link = linkFrom(link.target)) {
      chain.members.push(link.target);
      chain.links.push(link);
      linkIds.add(link.id);
    }
    for (const member of chain.members) chainOf.set(member, chain.id);
    chains.push(chain);
  }
  // Nodes only reachable inside a cycle (not possible in a valid file) stay single boxes.
  for (const node of model.nodes) {
    if (!chainOf.has(node.id)) {
      chainOf.set(node.id, node.id);
      chains.push({ id: node.id, members: [node.id], links: [] });
    }
  }
  const outerEdges = model.edges.filter((edge) => !linkIds.has(edge.id) && chainOf.has(edge.source) && chainOf.has(edge.target));
  return { chains, chainOf, outerEdges };
}

/** Space between two chained nodes: what ELK leaves between layers for a labelled edge. */
export function linkGap(label: string, direction: Direction): number {
  return 2 * layerSpacing + (direction === "LR" ? edgeLabelWidth(label) : labelHeight);
}

/** The size of a chain's box: members end to end along the layout direction. */
export function chainSize(chain: Chain, direction: Direction, node: { width: number; height: number }): { width: number; height: number } {
  const gaps = chain.links.reduce((sum, link) => sum + linkGap(link.label, direction), 0);
  const count = chain.members.length;
  return direction === "LR"
    ? { width: count * node.width + gaps, height: node.height }
    : { width: node.width, height: count * node.height + gaps };
}

/** Where ELK puts an edge label: beside the edge, left of it (TB) or below it (LR). */
export function labelBeside(from: Point, to: Point, label: string, direction: Direction): Point {
  const middle = { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
  return direction === "LR"
    ? { x: middle.x, y: middle.y + labelOffsetLeftRight + labelHeight / 2 }
    : { x: middle.x - labelOffsetTopDown - edgeLabelWidth(label) / 2, y: middle.y };
}

/** Boxes and straight routes of a chain's members, given the position of its box. */
export function expandChain(
  chain: Chain, origin: Point, direction: Direction, node: { width: number; height: number },
  nodes: Map<string, NodeBox>, edges: Map<string, EdgeRoute>,
): void {
  let offset = 0;
  chain.members.forEach((id, index) => {
    const box = direction === "LR"
      ? { x: origin.x + offset, y: origin.y, width: node.width, height: node.height }
      : { x: origin.x, y: origin.y + offset, width: node.width, height: node.height };
    nodes.set(id, box);
    const link = chain.links[index];
    if (!link) return;
    const gap = linkGap(link.label, direction);
    const from = direction === "LR" ? { x: box.x + box.width, y: box.y + box.height / 2 } : { x: box.x + box.width / 2, y: box.y + box.height };
    const to = direction === "LR" ? { x: from.x + gap, y: from.y } : { x: from.x, y: from.y + gap };
    edges.set(link.id, { points: [from, to], labelCenter: labelBeside(from, to, link.label, direction) });
    offset += (direction === "LR" ? node.width : node.height) + gap;
  });
}
