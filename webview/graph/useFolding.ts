/**
 * Which groups of dotted ids are folded into blocks (view state, never the file), and the
 * graph as shown. A large network opens folded to a level that fits (folding.ts
 * initialFolds); selecting a hidden layer (from the table, Problems or the text) unfolds
 * the groups around it.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { unfoldBlock } from "../../src/diagram/foldActions";
import type { GraphModel } from "../../src/diagram/graphModel";
import { foldGraph, groupOfBlockId, initialFolds, unfoldedFor, type FoldedGraph } from "../../src/diagram/folding";
import { groupTreeOf, type GroupTree } from "../../src/diagram/groups";

/** Folded group names kept in the view state (more are dropped: the state is not the file). */
export const savedFoldCap = 10_000;

export interface Folding {
  tree: GroupTree;
  folded: ReadonlySet<string>;
  shown: FoldedGraph;
  setFolded(next: ReadonlySet<string>): void;
  /** The layer an action on a node acts on: a block's last layer (its output, in layer order). */
  layerOf(id: string): string;
  /** Unfolds a block one level and selects what shows in its place. */
  unfold(blockId: string, select: (ids: string[]) => void): void;
}

/** Folds saved by an earlier webview: a list of strings, or nothing usable. */
export function savedFolds(value: unknown): Set<string> | undefined {
  if (!Array.isArray(value)) return undefined;
  return new Set(value.slice(0, savedFoldCap).filter((item): item is string => typeof item === "string"));
}

export function useFolding(model: GraphModel, saved: Set<string> | undefined, primary: string | null): Folding {
  const tree = useMemo(() => groupTreeOf(model), [model]);
  const [chosen, setFolded] = useState<ReadonlySet<string>>(() => saved ?? initialFolds(model, tree));
  const folded = useMemo(() => {
    const existing = [...chosen].filter((name) => tree.groups.has(name));
    return existing.length === chosen.size ? chosen : new Set(existing);
  }, [chosen, tree]);
  const shown = useMemo(() => foldGraph(model, tree, folded), [model, tree, folded]);

  // A layer selected elsewhere (table, Problems, text cursor) is never left inside a block.
  useEffect(() => {
    if (primary === null || groupOfBlockId(primary) !== null) return;
    const shownAs = shown.shownAs.get(primary);
    if (shownAs !== undefined && shownAs !== primary) setFolded(unfoldedFor(tree, folded, primary));
  }, [primary, shown, tree, folded]);

  const layerOf = useCallback((id: string): string => {
    const group = groupOfBlockId(id);
    return group === null ? id : (tree.groups.get(group)?.members.at(-1) ?? id);
  }, [tree]);
  const unfold = (blockId: string, select: (ids: string[]) => void): void => {
    const change = unfoldBlock(tree, folded, blockId);
    if (!change) return;
    if (change.anchorAfter !== undefined) select([change.anchorAfter]);
    setFolded(change.folded);
  };
  return { tree, folded, shown, setFolded, layerOf, unfold };
}
