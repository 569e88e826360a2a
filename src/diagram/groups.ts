/**
 * Layer groups from dotted ids, as PyTorch names submodules: `layer1` ⊃ `layer1.0` ⊃
 * `layer1.0.conv1`. A group is a proper id prefix (split on `.`) shared by at least two
 * layers; a prefix whose layers are exactly one child group's is skipped (`model` over
 * `model.features` alone adds nothing). A group folds into one block only when it is convex
 * (no path leaves it and comes back), so the folded graph is still a DAG and draws the same
 * network. Pure; work is bounded by the ids' length and a named step cap.
 */
import { adjacencyOf, topologicalOrder, type GraphModel } from "./graphModel";

export interface LayerGroup {
  /** The shared prefix, e.g. "layer1.0". */
  name: string;
  /** The enclosing group, or null at the top. */
  parent: string | null;
  /** 1 for a top-level group. */
  depth: number;
  /** Member layer ids in the model's order. */
  members: string[];
}

export interface GroupTree {
  /** By name, outer groups before inner ones. */
  groups: Map<string, LayerGroup>;
  /** The innermost group of each grouped layer id. */
  innermost: Map<string, string>;
  /** The deepest group's depth (0 without groups). */
  maxDepth: number;
  /** True when the convexity check ran out of steps: some groups were left unfoldable. */
  truncated: boolean;
}

/**
 * Group levels read from an id: "a.b.c.d…" past this many dots stays in its eighth-level group
 * (an id of 5,000 dots would otherwise make 5,000 prefixes of up to its whole length).
 */
export const maxGroupDepth = 8;

/** Steps of the convexity check over all groups (a 10,000-layer net needs far fewer). */
export const groupCheckStepCap = 4_000_000;

export function groupTreeOf(model: GraphModel, stepCap = groupCheckStepCap): GroupTree {
  const layerIds = model.nodes.filter((node) => node.kind === "layer").map((node) => node.id);
  const counts = prefixCounts(layerIds);
  const widestChild = widestChildCounts(layerIds, counts);
  const candidates = [...counts.keys()].filter((prefix) => {
    const count = counts.get(prefix) ?? 0;
    return count >= 2 && widestChild.get(prefix) !== count;
  });
  const membersOf = membersByPrefix(layerIds, new Set(candidates));
  const { consumers } = adjacencyOf(model);
  const order = new Map(topologicalOrder(model, consumers).map((id, position) => [id, position]));
  const budget = { steps: stepCap, exhausted: false };
  const convex = candidates.filter((name) => isConvex(membersOf.get(name) ?? [], order, consumers, budget));
  return assembleTree(convex, membersOf, layerIds, budget.exhausted);
}

/** How many layers each proper prefix (and each id itself) covers. */
function prefixCounts(ids: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of ids) {
    for (const prefix of prefixesOf(id)) counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
  }
  return counts;
}

/**
 * "a.b.c" → "a", "a.b" and the id itself (an id can be a group's name: "enc" beside "enc.conv");
 * at most `maxGroupDepth` prefixes before the id.
 */
function prefixesOf(id: string): string[] {
  const prefixes: string[] = [];
  for (let dot = id.indexOf("."); dot > 0 && prefixes.length < maxGroupDepth; dot = id.indexOf(".", dot + 1)) prefixes.push(id.slice(0, dot));
  prefixes.push(id);
  return prefixes;
}

/** For each prefix, the most layers one of its direct children covers (equal to its own count: nothing to add). */
function widestChildCounts(ids: readonly string[], counts: Map<string, number>): Map<string, number> {
  const widest = new Map<string, number>();
  for (const id of ids) {
    const prefixes = prefixesOf(id);
    for (let index = 0; index + 1 < prefixes.length; index += 1) {
      const child = counts.get(prefixes[index + 1]) ?? 0;
      if (child > (widest.get(prefixes[index]) ?? 0)) widest.set(prefixes[index], child);
    }
  }
  return widest;
}

function membersByPrefix(ids: readonly string[], names: ReadonlySet<string>): Map<string, string[]> {
  const members = new Map<string, string[]>();
  for (const id of ids) {
    for (const prefix of prefixesOf(id)) {
      if (!names.has(prefix)) continue;
      const list = members.get(prefix);
      if (list) list.push(id);
      else members.set(prefix, [id]);
    }
  }
  return members;
}

/**
 * No path from a member through an outside layer back into the group. Only layers placed
 * before the group's last member can lead back, which bounds each search by the group's span.
 */
function isConvex(
  members: readonly string[], order: Map<string, number>, consumers: Map<string, string[]>, budget: { steps: number; exhausted: boolean },
): boolean {
  const inside = new Set(members);
  let last = 0;
  for (const id of members) last = Math.max(last, order.get(id) ?? 0);
  const seen = new Set<string>();
  const stack: string[] = [];
  const visit = (id: string): boolean => {
    budget.steps -= 1;
    if (inside.has(id)) return true;
    if (!seen.has(id) && (order.get(id) ?? Infinity) < last) {
      seen.add(id);
      stack.push(id);
    }
    return false;
  };
  for (const member of members) {
    for (const next of consumers.get(member) ?? []) if (!inside.has(next)) visit(next);
  }
  while (stack.length > 0) {
    if (budget.steps <= 0) {
      budget.exhausted = true;
      return false;
    }
    for (const next of consumers.get(stack.pop() as string) ?? []) if (visit(next)) return false;
  }
  return true;
}

function assembleTree(
  names: readonly string[], membersOf: Map<string, string[]>, layerIds: readonly string[], truncated: boolean,
): GroupTree {
  const kept = new Set(names);
  const sorted = [...names].sort((a, b) => depthOfName(a) - depthOfName(b) || (a < b ? -1 : 1));
  const groups = new Map<string, LayerGroup>();
  let maxDepth = 0;
  for (const name of sorted) {
    const parent = nearestKeptPrefix(name, kept);
    const depth = parent === null ? 1 : (groups.get(parent)?.depth ?? 0) + 1;
    maxDepth = Math.max(maxDepth, depth);
    groups.set(name, { name, parent, depth, members: membersOf.get(name) ?? [] });
  }
  const innermost = new Map<string, string>();
  for (const id of layerIds) {
    const prefixes = prefixesOf(id);
    for (let index = prefixes.length - 1; index >= 0; index -= 1) {
      if (kept.has(prefixes[index])) {
        innermost.set(id, prefixes[index]);
        break;
      }
    }
  }
  return { groups, innermost, maxDepth, truncated };
}

function depthOfName(name: string): number {
  let dots = 0;
  for (const character of name) if (character === ".") dots += 1;
  return dots;
}

function nearestKeptPrefix(name: string, kept: ReadonlySet<string>): string | null {
  for (let dot = name.lastIndexOf("."); dot > 0; dot = name.lastIndexOf(".", dot - 1)) {
    const prefix = name.slice(0, dot);
    if (kept.has(prefix)) return prefix;
  }
  return null;
}

/** The groups that hold a layer, outermost first. */
export function ancestorsOf(tree: GroupTree, layerId: string): string[] {
  const innermost = tree.innermost.get(layerId);
  return innermost === undefined ? [] : [...enclosingGroups(tree, innermost), innermost];
}

/** The groups that hold a group, outermost first. */
export function enclosingGroups(tree: GroupTree, group: string): string[] {
  const chain: string[] = [];
  let current = tree.groups.get(group)?.parent ?? null;
  while (current !== null && chain.length <= tree.maxDepth) {
    chain.unshift(current);
    current = tree.groups.get(current)?.parent ?? null;
  }
  return chain;
}
