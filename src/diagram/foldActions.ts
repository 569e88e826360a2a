/**
 * What the fold and unfold gestures do to the set of folded groups. Unfolding opens one level,
 * as a tree view does: the block's inner groups show as blocks. Pure.
 */
import { blockIdOf, groupOfBlockId } from "./folding";
import { ancestorsOf, enclosingGroups, type GroupTree } from "./groups";

export interface FoldChange {
  folded: Set<string>;
  /** The node shown before the change whose place the view keeps... */
  anchorBefore?: string;
  /** ...for this node shown after it (and selected). */
  anchorAfter?: string;
}

/** The group the fold gesture folds for a selected node: a layer's innermost group, a block's parent. */
export function groupToFold(tree: GroupTree, id: string): string | null {
  const group = groupOfBlockId(id);
  if (group !== null) return tree.groups.get(group)?.parent ?? null;
  return tree.innermost.get(id) ?? null;
}

export function foldAround(tree: GroupTree, folded: ReadonlySet<string>, id: string): FoldChange | null {
  const group = groupToFold(tree, id);
  if (group === null) return null;
  return { folded: new Set([...folded, group]), anchorBefore: id, anchorAfter: blockIdOf(group) };
}

/** Unfolds a block; its direct inner groups fold instead. */
export function unfoldBlock(tree: GroupTree, folded: ReadonlySet<string>, blockId: string): FoldChange | null {
  const group = groupOfBlockId(blockId);
  const info = group === null ? undefined : tree.groups.get(group);
  if (!info || group === null) return null;
  const next = new Set(folded);
  next.delete(group);
  const children = [...tree.groups.values()].filter((candidate) => candidate.parent === group);
  for (const child of children) next.add(child.name);
  const first = info.members[0];
  const firstChild = children.find((child) => child.members.includes(first));
  return { folded: next, anchorBefore: blockId, anchorAfter: firstChild ? blockIdOf(firstChild.name) : first };
}

/** Every top-level group folded; the selection (when grouped) becomes its outermost block. */
export function foldEverything(tree: GroupTree, selected: string | null): FoldChange {
  return withSelection(tree, new Set([...tree.groups.values()].filter((group) => group.depth === 1).map((group) => group.name)), selected);
}

/** New folds, with the selection moved to the block that hides it (a hidden selection would unfold again). */
export function withSelection(tree: GroupTree, folded: Set<string>, selected: string | null): FoldChange {
  if (selected === null) return { folded };
  const block = groupOfBlockId(selected);
  const chain = block === null ? ancestorsOf(tree, selected) : [...enclosingGroups(tree, block), block];
  const hiding = chain.find((group) => folded.has(group));
  return hiding === undefined ? { folded } : { folded, anchorBefore: selected, anchorAfter: blockIdOf(hiding) };
}

/** What stays selected when everything unfolds: a block's first layer, else the selection itself. */
export function unfoldedSelection(tree: GroupTree, selected: string | null): string | undefined {
  if (selected === null) return undefined;
  const group = groupOfBlockId(selected);
  return group === null ? selected : tree.groups.get(group)?.members[0];
}
