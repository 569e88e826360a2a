/**
 * The graph as shown: each folded group (groups.ts) becomes one block node with its input and
 * output shapes, summed parameters and its members' problems; edges between the shown nodes
 * are merged. Pure; O(nodes × depth + edges).
 */
import { abbreviateCount } from "../engine/summary";
import type { Severity } from "../engine/types";
import type { GraphEdgeModel, GraphModel, GraphNodeModel } from "./graphModel";
import { ancestorsOf, enclosingGroups, type GroupTree, type LayerGroup } from "./groups";

/** Block node ids: `:` is not allowed in a layer id (spec-format.md §1), so none collides. */
export const blockIdPrefix = "block:";
export const blockType = "block";

export function blockIdOf(group: string): string {
  return `${blockIdPrefix}${group}`;
}

/** The group a block node stands for, or null for a layer or the input. */
export function groupOfBlockId(id: string): string | null {
  return id.startsWith(blockIdPrefix) ? id.slice(blockIdPrefix.length) : null;
}

/** Shown problems of a block beyond the count line. */
const blockMessageCap = 5;
/** The most visible nodes a first view opens with (more are folded into blocks when groups allow). */
export const readableNodeCount = 30;

export interface FoldedGraph {
  model: GraphModel;
  /** The shown node standing for each node id of the full model. */
  shownAs: Map<string, string>;
}

/** The outermost folded group holding each layer, as its block id; unfolded layers map to themselves. */
function shownIds(model: GraphModel, tree: GroupTree, folded: ReadonlySet<string>): Map<string, string> {
  const shownAs = new Map<string, string>();
  for (const node of model.nodes) {
    const outermost = folded.size === 0 ? undefined : ancestorsOf(tree, node.id).find((group) => folded.has(group));
    shownAs.set(node.id, outermost === undefined ? node.id : blockIdOf(outermost));
  }
  return shownAs;
}

export function foldGraph(model: GraphModel, tree: GroupTree, folded: ReadonlySet<string>): FoldedGraph {
  const shownAs = shownIds(model, tree, folded);
  const byId = new Map(model.nodes.map((node) => [node.id, node]));
  const nodes: GraphNodeModel[] = [];
  const emitted = new Set<string>();
  for (const node of model.nodes) {
    const shown = shownAs.get(node.id) ?? node.id;
    if (emitted.has(shown)) continue;
    emitted.add(shown);
    const group = groupOfBlockId(shown);
    const info = group === null ? undefined : tree.groups.get(group);
    nodes.push(info ? blockNode(info, model, byId, shownAs) : node);
  }
  return { model: { nodes, edges: foldedEdges(model.edges, shownAs) }, shownAs };
}

/** Edges between shown nodes: inside a block dropped, parallel ones between the same pair merged. */
function foldedEdges(edges: readonly GraphEdgeModel[], shownAs: Map<string, string>): GraphEdgeModel[] {
  const result: GraphEdgeModel[] = [];
  const pairs = new Set<string>();
  for (const edge of edges) {
    const source = shownAs.get(edge.source) ?? edge.source;
    const target = shownAs.get(edge.target) ?? edge.target;
    if (source === target) continue;
    if (source === edge.source && target === edge.target) {
      result.push(edge);
      continue;
    }
    const id = `${source}->${target}#block`;
    if (pairs.has(id)) continue;
    pairs.add(id);
    result.push({ ...edge, id, source, target, layers: { source: edge.source, target: edge.target } });
  }
  return result;
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function blockNode(group: LayerGroup, model: GraphModel, byId: Map<string, GraphNodeModel>, shownAs: Map<string, string>): GraphNodeModel {
  const members = group.members.flatMap((id) => byId.get(id) ?? []);
  const self = blockIdOf(group.name);
  const inside = (id: string): boolean => shownAs.get(id) === self;
  const inputs = new Set<string>();
  const outputs = new Set<string>();
  const consumed = new Set<string>();
  for (const edge of model.edges) {
    if (inside(edge.target) && !inside(edge.source)) inputs.add(edge.label);
    if (inside(edge.source)) {
      consumed.add(edge.source);
      if (!inside(edge.target)) outputs.add(edge.source);
    }
  }
  // Members nobody reads are outputs too (the network's end, or a dangling branch).
  for (const member of members) if (!consumed.has(member.id)) outputs.add(member.id);
  const outputShapes = [...outputs].map((id) => byId.get(id)?.shapeText ?? null);
  const outputAreas = new Set([...outputs].map((id) => byId.get(id)?.area));
  const params = members.reduce((sum, member) => sum + member.params, 0);
  const problems = members.filter((member) => member.severity !== undefined);
  problems.sort((a, b) => severityRank[a.severity as Severity] - severityRank[b.severity as Severity]);
  const inputText = uniqueJoined([...inputs]);
  const shown = outputShapes.every((shape) => shape !== null) ? uniqueJoined(outputShapes as string[]) : null;
  return {
    id: self,
    label: group.name,
    kind: "block",
    type: blockType,
    index: members[0]?.index ?? 0,
    detail: `${members.length} layers${inputText ? ` · in ${inputText}` : ""}`,
    shapeText: shown,
    area: outputAreas.size === 1 ? [...outputAreas][0] : undefined,
    params,
    paramsText: params > 0 ? `${abbreviateCount(params)} params` : "",
    severity: problems[0]?.severity,
    messages: blockMessages(problems),
    noShapeReason: shown === null ? `${outputs.size > 1 ? "an output" : "its output"} has no shape` : undefined,
    members: group.members,
    inputText,
  };
}

function uniqueJoined(values: readonly string[]): string {
  return [...new Set(values)].join(", ");
}

function blockMessages(problems: readonly GraphNodeModel[]): string[] {
  if (problems.length === 0) return [];
  const count = problems.reduce((sum, member) => sum + member.messages.length, 0);
  const lines = problems.slice(0, blockMessageCap).map((member) => `${member.id}: ${member.messages[0] ?? member.severity}`);
  const more = problems.length > blockMessageCap ? [`… and ${problems.length - blockMessageCap} more layers with problems`] : [];
  return [`${count} problem${count === 1 ? "" : "s"} inside`, ...lines, ...more];
}

/** How many nodes show when every group deeper than `level` is folded (level 0: top groups folded). */
function shownCountAtLevel(model: GraphModel, tree: GroupTree, level: number): number {
  const folded = groupsAtDepth(tree, level + 1);
  return new Set(shownIds(model, tree, folded).values()).size;
}

export function groupsAtDepth(tree: GroupTree, depth: number): Set<string> {
  return new Set([...tree.groups.values()].filter((group) => group.depth === depth).map((group) => group.name));
}

/**
 * The folds a large network opens with: the deepest level whose shown graph has at most
 * `target` nodes (the top level when none does); nothing folded when the whole graph fits.
 */
export function initialFolds(model: GraphModel, tree: GroupTree, target = readableNodeCount): Set<string> {
  if (model.nodes.length <= target || tree.maxDepth === 0) return new Set();
  for (let level = tree.maxDepth - 1; level > 0; level -= 1) {
    if (shownCountAtLevel(model, tree, level) <= target) return groupsAtDepth(tree, level + 1);
  }
  return groupsAtDepth(tree, 1);
}

/** The folds after showing a node: none of its groups stays folded. */
export function unfoldedFor(tree: GroupTree, folded: ReadonlySet<string>, id: string): Set<string> {
  const group = groupOfBlockId(id);
  const chain = group === null ? ancestorsOf(tree, id) : enclosingGroups(tree, group);
  if (!chain.some((name) => folded.has(name))) return folded as Set<string>;
  const next = new Set(folded);
  for (const name of chain) next.delete(name);
  return next;
}
