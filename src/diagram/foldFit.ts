/**
 * Fit View that stays readable: the deepest fold level whose shown graph fits the view at a
 * readable zoom, judged from an estimate of the layered drawing (ranks along the flow, the
 * widest rank across it), before ELK runs; a U-shaped network's from its U layout (layoutU.ts). Pure; O(levels × (nodes × depth + edges)).
 */
import { foldGraph, groupsAtDepth } from "./folding";
import { adjacencyOf, topologicalOrder, type GraphModel } from "./graphModel";
import type { GroupTree } from "./groups";
import { nodeHeight, nodeWidth, type Direction } from "./layout";
import { planU, uLayout } from "./layoutU";

/** Flow units per rank along the flow (node, edge label and spacing) and per node across it, as ELK draws them. */
const rankPitch = 100;
const crossPitch = 240;
const padding = 32;
/** The least zoom Fit View accepts before folding more: 12 px text drawn at 6 px. */
export const readableFitZoom = 0.5;

export interface Size {
  width: number;
  height: number;
}

/** Longest-path ranks from the sources: the number of ranks and the most nodes in one rank. */
function rankExtent(model: GraphModel): { ranks: number; widest: number } {
  const { consumers } = adjacencyOf(model);
  const rank = new Map(model.nodes.map((node) => [node.id, 0]));
  for (const id of topologicalOrder(model, consumers)) {
    for (const next of consumers.get(id) ?? []) rank.set(next, Math.max(rank.get(next) ?? 0, (rank.get(id) ?? 0) + 1));
  }
  const perRank = new Map<number, number>();
  let widest = 1;
  for (const value of rank.values()) {
    const count = (perRank.get(value) ?? 0) + 1;
    perRank.set(value, count);
    widest = Math.max(widest, count);
  }
  return { ranks: perRank.size, widest };
}

/** The drawing's estimated size in flow units (a U's exact size: its layout is linear and needs no ELK). */
export function estimatedSize(model: GraphModel, direction: Direction): Size {
  const u = planU(model);
  if (u) {
    const { width, height } = uLayout(model, u, direction, { width: nodeWidth, height: nodeHeight });
    return { width, height };
  }
  const { ranks, widest } = rankExtent(model);
  const along = ranks * rankPitch + padding;
  const across = widest * crossPitch + padding;
  return direction === "TB"
    ? { width: Math.max(across, nodeWidth + padding), height: along }
    : { width: ranks * (nodeWidth + 60) + padding, height: Math.max(widest * (nodeHeight + 50), nodeHeight) + padding };
}

/** The folds for Fit View: nothing folded when the whole graph fits readable, else the deepest level that does, else the top level. */
export function foldsThatFit(model: GraphModel, tree: GroupTree, view: Size, direction: Direction): Set<string> {
  for (let level = tree.maxDepth; level >= 1; level -= 1) {
    const folded = groupsAtDepth(tree, level + 1);
    const size = estimatedSize(foldGraph(model, tree, folded).model, direction);
    if (Math.min(view.width / size.width, view.height / size.height) >= readableFitZoom) return folded;
  }
  return groupsAtDepth(tree, 1);
}
