/**
 * Hostile sizes. ELK's time grows about linearly with the layers that are not simple chains
 * (~1–2 s for 1,500 ResNet layers in the worker); above `automaticLayoutCap` the designer
 * does not run ELK at all and draws the layers as one column in file order, with the other
 * edges (skips, merges) on lanes beside it; left to right (a row, lanes below) when the
 * designer's direction says so. O(layers + edges), milliseconds for 10,000. The same layout
 * stands in when ELK fails or does not finish (`layoutTimeoutMessage`).
 */
import type { GraphEdgeModel, GraphModel } from "./graphModel";
import { nodeHeight, nodeWidth, type Direction, type EdgeRoute, type LayoutResult, type NodeBox } from "./layout";
import { labelBeside, linkGap } from "./layoutChains";

export const automaticLayoutCap = 1500;

export function exceedsLayoutCap(model: GraphModel, cap: number = automaticLayoutCap): boolean {
  return model.nodes.length - 1 > cap;
}

/** The banner shown instead of an automatic layout. */
export function tooManyLayersMessage(layerCount: number): string {
  return `${layerCount.toLocaleString("en-US")} layers: too many to lay out automatically, so they are drawn as a simple column in file order. The shape table, Problems and the text editor still work.`;
}

/** The banner when the layout worker did not finish in time and was stopped. */
export function layoutTimeoutMessage(seconds: number): string {
  return `The automatic layout did not finish within ${seconds} s and was stopped, so the layers are drawn as a simple column in file order. The shape table, Problems and the text editor still work.`;
}

const padding = 16;
const plainGap = 24;
const laneStart = 24;
const laneSpacing = 12;
const laneCount = 6;

/**
 * The layers in file order, top to bottom ("TB") or left to right ("LR"), links between
 * neighbours drawn straight, every other edge on one of a few lanes beside the column (to the
 * right of it) or below the row.
 */
export function columnLayout(model: GraphModel, direction: Direction = "TB"): LayoutResult {
  const across = direction === "LR";
  const order = new Map(model.nodes.map((node, index) => [node.id, index]));
  const isNeighbourLink = (edge: GraphEdgeModel): boolean => order.get(edge.target) === (order.get(edge.source) ?? -2) + 1;
  const nextEdge = new Map<string, string>();
  for (const edge of model.edges) if (isNeighbourLink(edge) && !nextEdge.has(edge.source)) nextEdge.set(edge.source, edge.label);
  const nodes = new Map<string, NodeBox>();
  let along = padding;
  for (const node of model.nodes) {
    nodes.set(node.id, { x: across ? along : padding, y: across ? padding : along, width: nodeWidth, height: nodeHeight });
    const label = nextEdge.get(node.id);
    along += (across ? nodeWidth : nodeHeight) + (label === undefined ? plainGap : linkGap(label, direction));
  }
  const edges = new Map<string, EdgeRoute>();
  const laneEnds: number[] = Array.from({ length: laneCount }, () => Number.NEGATIVE_INFINITY);
  for (const edge of model.edges) {
    const from = nodes.get(edge.source);
    const to = nodes.get(edge.target);
    if (!from || !to) continue;
    if (isNeighbourLink(edge)) {
      const start = across
        ? { x: from.x + from.width, y: from.y + from.height / 2 }
        : { x: from.x + from.width / 2, y: from.y + from.height };
      const end = across ? { x: to.x, y: to.y + to.height / 2 } : { x: to.x + to.width / 2, y: to.y };
      edges.set(edge.id, { points: [start, end], labelCenter: labelBeside(start, end, edge.label, direction) });
      continue;
    }
    // A lane free since this edge's start (else the least recently used one).
    const fromAlong = across ? from.x : from.y;
    const toAlong = across ? to.x : to.y;
    let lane = laneEnds.findIndex((end) => end < Math.min(fromAlong, toAlong));
    if (lane < 0) lane = laneEnds.indexOf(Math.min(...laneEnds));
    laneEnds[lane] = Math.max(fromAlong, toAlong);
    edges.set(edge.id, across ? laneRouteBelow(from, to, lane) : laneRouteRight(from, to, lane, edge.label));
  }
  const breadth = 2 * padding + laneStart + laneCount * laneSpacing + (across ? nodeHeight + labelRoom : nodeWidth + 80);
  const length = along - plainGap + padding;
  return across ? { nodes, edges, width: length, height: breadth } : { nodes, edges, width: breadth, height: length };
}

/** Room below the row for the last lane's labels. */
const labelRoom = 24;

function laneRouteRight(from: NodeBox, to: NodeBox, lane: number, label: string): EdgeRoute {
  const laneX = padding + nodeWidth + laneStart + lane * laneSpacing;
  const startY = from.y + from.height / 2 + 8;
  const endY = to.y + to.height / 2 - 8;
  const points = [{ x: from.x + from.width, y: startY }, { x: laneX, y: startY }, { x: laneX, y: endY }, { x: to.x + to.width, y: endY }];
  return { points, labelCenter: { x: laneX + 6 + (label.length * 6.6 + 10) / 2, y: (startY + endY) / 2 } };
}

function laneRouteBelow(from: NodeBox, to: NodeBox, lane: number): EdgeRoute {
  const laneY = padding + nodeHeight + laneStart + lane * laneSpacing;
  const startX = from.x + from.width / 2 + 8;
  const endX = to.x + to.width / 2 - 8;
  const points = [{ x: startX, y: from.y + from.height }, { x: startX, y: laneY }, { x: endX, y: laneY }, { x: endX, y: to.y + to.height }];
  return { points, labelCenter: { x: (startX + endX) / 2, y: laneY + 10 } };
}
