/**
 * Layer ids and `inputs` resolution. Ids are collected once (a map, no quadratic work); a
 * layer may only name EARLIER layers, so file order is the execution order and no cycle
 * can be written.
 */
import { describeValue, report, type LayerContext, type PendingDiagnostic, type Producer } from "./context";
import { unusedSuffix } from "./freshIds";
import { MAX_SUGGESTION_CANDIDATES } from "./limits";
import { closestName, normaliseName } from "./suggest";
import type { SuggestedFix } from "./types";

import { LAYER_ID_PATTERN as ID_PATTERN } from "./layerId";
export { LAYER_ID_PATTERN as ID_PATTERN } from "./layerId";
export const NETWORK_INPUT_ID = "input";


export interface LayerEntry {
  index: number;
  /** The layer object, or null when the entry is not an object. */
  raw: Record<string, unknown> | null;
  /** The `type` when it is a string. */
  type: string | undefined;
  id: string;
  explicitId: boolean;
  /** normaliseName(id), computed once when a suggestion first needs it. */
  normalisedId?: string;
}

export interface LayerGraph {
  entries: LayerEntry[];
  /** Explicit ids (first occurrence) → layer index. */
  idIndex: Map<string, number>;
  /** Derived ids `<type>_<index>` → layer index (only to explain why they cannot be named). */
  derivedIndex: Map<string, number>;
  /** Every explicit id string in the file. */
  ids: Set<string>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function idFix(index: number, value: string, title: string): SuggestedFix {
  return { title, preferred: true, edits: [{ kind: "set", path: ["layers", index, "id"], value }] };
}

function sanitiseId(id: string, ids: ReadonlySet<string>): string {
  let clean = id.replace(/[^A-Za-z0-9_.-]/g, "_");
  if (!/^[A-Za-z_]/.test(clean)) clean = `_${clean}`;
  return ids.has(clean) ? uniqueVariant(clean, ids) : clean;
}

function uniqueVariant(id: string, ids: ReadonlySet<string>): string {
  return unusedSuffix(id, ids, 2);
}

function checkId(entry: LayerEntry, rawId: unknown, graph: LayerGraph, sink: PendingDiagnostic[]): void {
  const path = ["layers", entry.index, "id"];
  const options = { layerId: entry.id, layerIndex: entry.index };
  if (typeof rawId !== "string") {
    report(sink, "error", "wrong-type", `${entry.id}: \`id\` must be a string, got ${describeValue(rawId)}.`, path, options);
  } else if (rawId === NETWORK_INPUT_ID) {
    const fix = idFix(entry.index, uniqueVariant("input_layer", graph.ids), "Rename the layer");
    report(sink, "error", "reserved-id", `the id "input" is reserved for the network input; rename this layer.`, path, { ...options, fixes: [fix] });
  } else if (!ID_PATTERN.test(rawId)) {
    const fix = idFix(entry.index, sanitiseId(rawId, graph.ids), `Rename to "${sanitiseId(rawId, graph.ids)}"`);
    report(sink, "error", "invalid-id", `id ${describeValue(rawId)} is not valid: use letters, digits, "_", "." and "-", starting with a letter or "_".`, path, { ...options, fixes: [fix] });
  } else if (graph.idIndex.has(rawId)) {
    const first = graph.idIndex.get(rawId) as number;
    const fix = idFix(entry.index, uniqueVariant(rawId, graph.ids), `Rename to "${uniqueVariant(rawId, graph.ids)}"`);
    report(sink, "error", "duplicate-id", `the id "${rawId}" is already used by layer ${first}; ids must be unique (inputs naming it mean layer ${first}).`, path, {
      ...options, fixes: [fix], related: [{ path: ["layers", first, "id"], message: `"${rawId}" is first defined here` }],
    });
  }
}

export function collectLayers(layers: readonly unknown[], sink: PendingDiagnostic[]): LayerGraph {
  const graph: LayerGraph = { entries: [], idIndex: new Map(), derivedIndex: new Map(), ids: new Set() };
  for (const layer of layers) if (isRecord(layer) && typeof layer.id === "string") graph.ids.add(layer.id);
  layers.forEach((layer, index) => {
    const raw = isRecord(layer) ? layer : null;
    const type = raw && typeof raw.type === "string" ? raw.type : undefined;
    const rawId = raw ? raw.id : undefined;
    const explicitId = typeof rawId === "string" && rawId.length > 0;
    const derived = `${type && ID_PATTERN.test(type) ? type : "layer"}_${index}`;
    const entry: LayerEntry = { index, raw, type, id: explicitId ? (rawId as string) : derived, explicitId };
    graph.entries.push(entry);
    if (!raw) {
      report(sink, "error", "layer-not-object", `layer ${index} must be an object like { "type": "conv2d", "filters": 16, "kernel": 3 }, got ${describeValue(layer)}.`, ["layers", index], { layerId: entry.id, layerIndex: index });
      return;
    }
    if (rawId !== undefined) checkId(entry, rawId, graph, sink);
    if (explicitId && rawId !== NETWORK_INPUT_ID && ID_PATTERN.test(rawId as string) && !graph.idIndex.has(rawId as string)) {
      graph.idIndex.set(rawId as string, index);
    }
    if (!explicitId) graph.derivedIndex.set(derived, index);
  });
  return graph;
}

function producerOf(graph: LayerGraph, index: number): Producer {
  return index < 0 ? { id: NETWORK_INPUT_ID, index: -1, path: ["input"] } : { id: graph.entries[index].id, index, path: ["layers", index] };
}

/** The producers feeding layer `ctx.index`; undefined (after an error) when `inputs` is wrong. */
export function resolveInputs(ctx: LayerContext, graph: LayerGraph, merge: boolean): Producer[] | undefined {
  if (!ctx.has("inputs")) {
    if (merge) {
      ctx.error("missing-field", `${ctx.type} needs \`inputs\`: the ids of 2 or more earlier layers, e.g. "inputs": ["a", "b"].`);
      return undefined;
    }
    return [producerOf(graph, ctx.index - 1)];
  }
  const inputs = ctx.get("inputs");
  if (!Array.isArray(inputs) || inputs.some((name) => typeof name !== "string")) {
    ctx.error("wrong-type", `\`inputs\` must be a list of layer ids (strings), got ${describeValue(inputs)}.`, { field: "inputs" });
    return undefined;
  }
  const producers: Producer[] = [];
  (inputs as string[]).forEach((name, position) => {
    const index = resolveName(ctx, graph, name, position, inputs.length, merge);
    if (index !== undefined) producers.push(producerOf(graph, index));
  });
  if (producers.length !== inputs.length) return undefined;
  return checkCount(ctx, producers, merge) ? producers : undefined;
}

function checkCount(ctx: LayerContext, producers: Producer[], merge: boolean): boolean {
  if (merge && producers.length < 2) {
    ctx.error("merge-needs-two-inputs", `${ctx.type} needs 2 or more inputs but \`inputs\` names ${producers.length}; add the ids of the layers to merge.`, { field: "inputs" });
    return false;
  }
  if (!merge && producers.length !== 1) {
    const fixes: SuggestedFix[] = [{ title: "Remove `inputs` (use the previous layer)", preferred: true, edits: [{ kind: "remove", path: ctx.fieldPath("inputs") }] }];
    ctx.error("wrong-input-count", `${ctx.type} takes exactly one input but \`inputs\` names ${producers.length}; use add or concat to merge branches.`, { field: "inputs", fixes });
    return false;
  }
  return true;
}

/** The index of a named input (-1: network input), or undefined after reporting why not. */
function resolveName(
  ctx: LayerContext, graph: LayerGraph, name: string, position: number, count: number, merge: boolean,
): number | undefined {
  if (name === NETWORK_INPUT_ID) return -1;
  const field = ["inputs", position];
  const index = graph.idIndex.get(name);
  if (index !== undefined && index < ctx.index) return index;
  if (index !== undefined) {
    const what = index === ctx.index ? "the layer itself" : `layer ${index}, which comes later`;
    ctx.error("forward-reference", `input "${name}" is ${what}; \`inputs\` may only name earlier layers (move the layer or change the input).`, {
      field, related: [{ path: ["layers", index], message: `"${name}" is defined here` }], fixes: preferFirst(danglingFixes(ctx, graph, name, position, count, merge)),
    });
    return undefined;
  }
  const derived = graph.derivedIndex.get(name);
  const hint = derived !== undefined && derived < ctx.index ? ` Layer ${derived} is shown as "${name}" but has no explicit id; add "id": "${name}" to it.` : "";
  const fixes = danglingFixes(ctx, graph, name, position, count, merge);
  if (derived !== undefined && derived < ctx.index) fixes.unshift({ title: `Give layer ${derived} the id "${name}"`, preferred: true, edits: [{ kind: "set", path: ["layers", derived, "id"], value: name }] });
  ctx.error("unknown-input", `input "${name}" is not the id of an earlier layer or "input".${hint}`, { field, fixes: preferFirst(fixes) });
  return undefined;
}

function danglingFixes(
  ctx: LayerContext, graph: LayerGraph, name: string, position: number, count: number, merge: boolean,
): SuggestedFix[] {
  const fixes: SuggestedFix[] = [];
  const earlier = [NETWORK_INPUT_ID];
  const forms = [NETWORK_INPUT_ID];
  for (let index = Math.max(0, ctx.index - MAX_SUGGESTION_CANDIDATES); index < ctx.index; index++) {
    const entry = graph.entries[index];
    if (!entry.explicitId || graph.idIndex.get(entry.id) !== index) continue;
    entry.normalisedId ??= normaliseName(entry.id);
    earlier.push(entry.id);
    forms.push(entry.normalisedId);
  }
  const closest = closestName(name, earlier, {}, forms);
  if (closest) fixes.push({ title: `Change to "${closest}"`, edits: [{ kind: "set", path: ctx.fieldPath(["inputs", position]), value: closest }] });
  if (merge ? count > 2 : count > 1) fixes.push({ title: `Remove input "${name}"`, edits: [{ kind: "remove", path: ctx.fieldPath(["inputs", position]) }] });
  if (!merge && count === 1) fixes.push({ title: "Remove `inputs` (use the previous layer)", edits: [{ kind: "remove", path: ctx.fieldPath("inputs") }] });
  return fixes;
}

function preferFirst(fixes: SuggestedFix[]): SuggestedFix[] {
  if (fixes.length > 0 && !fixes.some((fix) => fix.preferred)) fixes[0].preferred = true;
  return fixes;
}
