/**
 * U-Net-like networks drawn as a U (issue #18), the way their papers draw them: feature maps of
 * one size share a column, the encoder steps down to the right as the maps shrink, the decoder
 * steps back up as they grow, and each skip runs straight across the U to the decoder layer of
 * its size. ELK's layered layout puts such a network in one column with every skip as a long
 * line down its side.
 *
 * Used only when the graph is U-shaped (`planU`): every node has a feature map (or inherits its
 * producer's size), some layer after the smallest maps grows them again, an encoder map is
 * read across the U, and no edge runs back towards the encoder. O(nodes + edges · log nodes).
 */
import { adjacencyOf, topologicalOrder, type GraphEdgeModel, type GraphModel } from "./graphModel";
import type { Direction, EdgeRoute, LayoutResult, NodeBox, Point } from "./layout";
import { labelBeside, linkGap } from "./layoutChains";

export interface UPlan {
  /** Column of each node: encoder levels 0…deepest left to right, decoder levels back out to 2·deepest. */
  column: Map<string, number>;
  /** Row of each node along the flow; a column's rows strictly increase in topological order. */
  row: Map<string, number>;
}

/** Space between two columns: room for an edge climbing to the next decoder level and its label. */
const gutter = 104;
const padding = 16;
/** Distance between the landing points of two edges entering one node. */
const landingSpacing = 28;

/** Size levels: 0 for the largest feature maps. A node without a map takes its first producer's. */
function sizeLevels(model: GraphModel, order: readonly string[], producers: Map<string, string[]>): Map<string, number> | undefined {
  const byId = new Map(model.nodes.map((node) => [node.id, node]));
  const area = new Map<string, number>();
  for (const id of order) {
    const own = byId.get(id)?.area;
    const inherited = own ?? area.get(producers.get(id)?.[0] ?? "");
    if (inherited === undefined || !(inherited > 0)) return undefined;
    area.set(id, inherited);
  }
  const distinct = [...new Set(area.values())].sort((a, b) => b - a);
  const levelOf = new Map(distinct.map((value, index) => [value, index]));
  return new Map([...area].map(([id, value]) => [id, levelOf.get(value) ?? 0]));
}

/** The columns and rows of a U, or undefined when the graph is not U-shaped. */
export function planU(model: GraphModel): UPlan | undefined {
  if (model.nodes.length < 4) return undefined;
  const { producers, consumers } = adjacencyOf(model);
  const order = topologicalOrder(model, consumers);
  const level = sizeLevels(model, order, producers);
  if (!level) return undefined;
  let deepest = 0;
  for (const value of level.values()) deepest = Math.max(deepest, value);
  if (deepest < 1) return undefined;
  // The decoder: everything downstream of the smallest maps.
  const downstream = new Set(order.filter((id) => level.get(id) === deepest));
  for (const id of order) if (downstream.has(id)) for (const next of consumers.get(id) ?? []) downstream.add(next);
  const column = new Map<string, number>();
  for (const id of order) {
    const own = level.get(id) ?? 0;
    column.set(id, own === deepest ? deepest : downstream.has(id) ? 2 * deepest - own : own);
  }
  let skips = 0;
  for (const edge of model.edges) {
    const from = column.get(edge.source) ?? 0;
    const to = column.get(edge.target) ?? 0;
    if (to < from) return undefined;
    if (from < deepest && to > deepest) skips += 1;
  }
  if (skips === 0) return undefined;
  return { column, row: rowsOf(order, column, level, producers, consumers) };
}

/**
 * Rows: each node one below what it reads, except across an edge that climbs a level (its row
 * comes from what it feeds instead: an up-sampling layer sits just above the merge that reads it,
 * level with the skip), and below the previous node of its column.
 */
function rowsOf(
  order: readonly string[], column: Map<string, number>, level: Map<string, number>,
  producers: Map<string, string[]>, consumers: Map<string, string[]>,
): Map<string, number> {
  const climbs = (source: string, target: string): boolean => (level.get(target) ?? 0) < (level.get(source) ?? 0);
  const row = new Map<string, number>();
  const lastRow = new Map<number, number>();
  for (const id of order) {
    const own = column.get(id) ?? 0;
    let value = (lastRow.get(own) ?? -1) + 1;
    for (const source of producers.get(id) ?? []) if (!climbs(source, id)) value = Math.max(value, (row.get(source) ?? 0) + 1);
    row.set(id, value);
    lastRow.set(own, value);
  }
  const nextInColumn = new Map<string, string>();
  const previous = new Map<number, string>();
  for (const id of order) {
    const own = column.get(id) ?? 0;
    const before = previous.get(own);
    if (before !== undefined) nextInColumn.set(before, id);
    previous.set(own, id);
  }
  for (const id of [...order].reverse()) {
    const sources = producers.get(id) ?? [];
    if (sources.length === 0 || !sources.every((source) => climbs(source, id))) continue;
    let limit = Number.POSITIVE_INFINITY;
    const next = nextInColumn.get(id);
    if (next !== undefined) limit = (row.get(next) ?? 0) - 1;
    for (const target of consumers.get(id) ?? []) if (!climbs(id, target)) limit = Math.min(limit, (row.get(target) ?? 0) - 1);
    if (Number.isFinite(limit) && limit > (row.get(id) ?? 0)) row.set(id, limit);
  }
  return row;
}

/** Positions in the U's own frame: `cross` runs across the columns, `flow` down the rows. */
interface Frame {
  crossSize: number;
  flowSize: number;
  crossPitch: number;
  flowPitch: number;
  toPoint(cross: number, flow: number): Point;
}

function frameFor(model: GraphModel, direction: Direction, node: { width: number; height: number }): Frame {
  const across = direction === "LR";
  const widestGap = model.edges.reduce((widest, edge) => Math.max(widest, linkGap(edge.label, direction)), linkGap("", direction));
  const crossSize = across ? node.height : node.width;
  const flowSize = across ? node.width : node.height;
  return {
    crossSize,
    flowSize,
    crossPitch: crossSize + gutter,
    flowPitch: flowSize + widestGap,
    toPoint: (cross, flow) => (across ? { x: flow, y: cross } : { x: cross, y: flow }),
  };
}

export function uLayout(model: GraphModel, plan: UPlan, direction: Direction, node: { width: number; height: number }): LayoutResult {
  const frame = frameFor(model, direction, node);
  const crossOf = (id: string): number => padding + (plan.column.get(id) ?? 0) * frame.crossPitch;
  const flowOf = (id: string): number => padding + (plan.row.get(id) ?? 0) * frame.flowPitch;
  const nodes = new Map<string, NodeBox>();
  for (const { id } of model.nodes) {
    const corner = frame.toPoint(crossOf(id), flowOf(id));
    nodes.set(id, { ...corner, width: node.width, height: node.height });
  }
  const rowsByColumn = new Map<number, number[]>();
  for (const { id } of model.nodes) {
    const column = plan.column.get(id) ?? 0;
    (rowsByColumn.get(column) ?? rowsByColumn.set(column, []).get(column)!).push(plan.row.get(id) ?? 0);
  }
  for (const rows of rowsByColumn.values()) rows.sort((a, b) => a - b);
  const occupied = (column: number, above: number, below: number): boolean => {
    const rows = rowsByColumn.get(column) ?? [];
    const first = firstAtLeast(rows, above + 1);
    return first < rows.length && rows[first] < below;
  };
  const landing = landingOffsets(model, crossOf, flowOf);
  const edges = new Map<string, EdgeRoute>();
  for (const edge of model.edges) {
    const route = routeOf(edge, plan, frame, crossOf, flowOf, landing.get(edge.id) ?? 0, occupied);
    const points = route.map(([cross, flow]) => frame.toPoint(cross, flow));
    const straight = points.length === 2;
    edges.set(edge.id, { points, labelCenter: straight ? labelBeside(points[0], points[1], edge.label, direction) : undefined });
  }
  let width = 0;
  let height = 0;
  for (const box of nodes.values()) {
    width = Math.max(width, box.x + box.width + padding);
    height = Math.max(height, box.y + box.height + padding);
  }
  return { nodes, edges, width, height };
}

/** Where each edge lands on its target, spread across the target's side in the order of their sources. */
function landingOffsets(model: GraphModel, crossOf: (id: string) => number, flowOf: (id: string) => number): Map<string, number> {
  const incoming = new Map<string, GraphEdgeModel[]>();
  for (const edge of model.edges) (incoming.get(edge.target) ?? incoming.set(edge.target, []).get(edge.target)!).push(edge);
  const offsets = new Map<string, number>();
  for (const list of incoming.values()) {
    const sorted = [...list].sort((a, b) => crossOf(a.source) - crossOf(b.source) || flowOf(a.source) - flowOf(b.source));
    sorted.forEach((edge, index) => offsets.set(edge.id, (index - (sorted.length - 1) / 2) * landingSpacing));
  }
  return offsets;
}

type FramePoint = [cross: number, flow: number];

/**
 * An orthogonal route in the frame: straight down a column; down into the gap below the source,
 * across (gaps hold no node) and down to the target when its column is clear; otherwise through
 * the gutter left of the target's column to the gap above it.
 */
function routeOf(
  edge: GraphEdgeModel, plan: UPlan, frame: Frame, crossOf: (id: string) => number, flowOf: (id: string) => number, landing: number,
  occupied: (column: number, above: number, below: number) => boolean,
): FramePoint[] {
  const half = (frame.flowPitch - frame.flowSize) / 2;
  const sourceCross = crossOf(edge.source) + frame.crossSize / 2;
  const sourceFlow = flowOf(edge.source) + frame.flowSize;
  const targetCross = crossOf(edge.target) + frame.crossSize / 2 + landing;
  const targetFlow = flowOf(edge.target);
  const sourceColumn = plan.column.get(edge.source) ?? 0;
  const targetColumn = plan.column.get(edge.target) ?? 0;
  const sourceRow = plan.row.get(edge.source) ?? 0;
  const targetRow = plan.row.get(edge.target) ?? 0;
  const start: FramePoint = [sourceCross, sourceFlow];
  const end: FramePoint = [targetCross, targetFlow];
  const clear = targetRow > sourceRow && !occupied(targetColumn, sourceRow, targetRow);
  if (clear && sourceColumn === targetColumn) {
    return sourceCross === targetCross ? [start, end] : [start, [sourceCross, targetFlow - half], [targetCross, targetFlow - half], end];
  }
  if (clear) return [start, [sourceCross, sourceFlow + half], [targetCross, sourceFlow + half], end];
  const lane = crossOf(edge.target) - gutter / 2;
  const below = sourceFlow + half;
  const above = targetFlow - half;
  return [start, [sourceCross, below], [lane, below], [lane, above], [targetCross, above], end];
}

/** Index of the first value ≥ `value` in an ascending list. */
function firstAtLeast(values: readonly number[], value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (values[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
