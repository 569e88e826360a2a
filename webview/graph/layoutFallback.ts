/**
 * Hostile sizes. ELK's time grows about linearly with the layers that are not simple chains
 * (~1–2 s for 1,500 ResNet layers in the worker); above `automaticLayoutCap` the designer
 * does not run ELK at all and draws the layers as one column in file order, with the other
 * edges (skips, merges) on lanes to the right. O(layers + edges), milliseconds for 10,000.
 */
import type { GraphModel } from "./graphModel";
import { nodeHeight, nodeWidth, type EdgeRoute, type LayoutResult, type NodeBox } from "./layout";
import { labelBeside, linkGap } from "./layoutChains";

export const automaticLayoutCap = 1500;

export function exceedsLayoutCap(model: GraphModel, cap: number = automaticLayoutCap): boolean {
  return model.nodes.length - 1 > cap;
}

/** The banner shown instead of an automatic layout. */
export function tooManyLayersMessage(layerCount: number): string {
  return `${layerCount.toLocaleString("en-US")} layers: too many to lay out automatically, so they are drawn as a simple column in file order. The shape table, Problems and the text editor still work.`;
}

const padding = 16;
const plainGap = 24;
const laneStart = 24;
const laneSpacing = 12;
const laneCount = 6;

export function columnLayout(model: GraphModel): LayoutResult {
  const order = new Map(model.nodes.map((node, index) => [node.id, index]));
  const nextEdge = new Map<string, string>();
  for (const edge of model.edges) {
    if (order.get(edge.target) === (order.get(edge.source) ?? -2) + 1 && !nextEdge.has(edge.source)) nextEdge.set(edge.source, edge.label);
  }
  const nodes = new Map<string, NodeBox>();
  let y = padding;
  for (const node of model.nodes) {
    nodes.set(node.id, { x: padding, y, width: nodeWidth, height: nodeHeight });
    const label = nextEdge.get(node.id);
    y += nodeHeight + (label === undefined ? plainGap : linkGap(label, "TB"));
  }
  const edges = new Map<string, EdgeRoute>();
  const laneEnds: number[] = Array.from({ length: laneCount }, () => Number.NEGATIVE_INFINITY);
  for (const edge of model.edges) {
    const from = nodes.get(edge.source);
    const to = nodes.get(edge.target);
    if (!from || !to) continue;
    if (order.get(edge.target) === (order.get(edge.source) ?? -2) + 1) {
      const start = { x: from.x + from.width / 2, y: from.y + from.height };
      const end = { x: to.x + to.width / 2, y: to.y };
      edges.set(edge.id, { points: [start, end], labelCenter: labelBeside(start, end, edge.label, "TB") });
      continue;
    }
    // A lane free since this edge's start (else the least recently used one).
    const top = Math.min(from.y, to.y);
    let lane = laneEnds.findIndex((end) => end < top);
    if (lane < 0) lane = laneEnds.indexOf(Math.min(...laneEnds));
    laneEnds[lane] = Math.max(from.y, to.y);
    const laneX = padding + nodeWidth + laneStart + lane * laneSpacing;
    const startY = from.y + from.height / 2 + 8;
    const endY = to.y + to.height / 2 - 8;
    const points = [{ x: from.x + from.width, y: startY }, { x: laneX, y: startY }, { x: laneX, y: endY }, { x: to.x + to.width, y: endY }];
    edges.set(edge.id, { points, labelCenter: { x: laneX + 6 + (edge.label.length * 6.6 + 10) / 2, y: (startY + endY) / 2 } });
  }
  const width = 2 * padding + nodeWidth + laneStart + laneCount * laneSpacing + 80;
  return { nodes, edges, width, height: y - plainGap + padding };
}
