/**
 * Turns designer gestures into the protocol's edit intents. Id-based semantic intents
 * (insertLayer, removeLayer, setField, connect, renameLayer) wherever one exists, because
 * the host applies them against the current text and picks fresh ids itself; path-based
 * `applySpecEdits` only for the two composite gestures no intent covers (merging chosen
 * layers, inserting on an explicit edge), ordered so each path is valid when applied in turn.
 */
import { uniqueLayerId } from "../../src/engine/edit/layerIds";
import type { NodeInfo, SpecEdit } from "../../src/engine/types";
import type { EditIntent, JsonValue } from "../../src/protocol";
import { mergeTypes, newLayerFields } from "./catalog";
import { inputNodeId } from "../../src/diagram/graphModel";
import type { RawLayer } from "./port";
import { pickMergePartner } from "./mergePartner";

export interface IntentContext {
  layers: RawLayer[];
  nodes: NodeInfo[];
  /** The network input shape, for picking merge partners. */
  input: number[] | null;
}

export type IntentResult = { ok: true; intent: EditIntent; label: string } | { ok: false; reason: string };

function fail(reason: string): IntentResult {
  return { ok: false, reason };
}

function done(intent: EditIntent, label: string): IntentResult {
  return { ok: true, intent, label };
}

function nodeById(context: IntentContext, id: string): NodeInfo | undefined {
  return context.nodes.find((node) => node.id === id);
}

function takenIds(context: IntentContext): Set<string> {
  const ids = new Set<string>([inputNodeId, ...context.nodes.map((node) => node.id)]);
  for (const layer of context.layers) if (typeof layer.id === "string") ids.add(layer.id);
  return ids;
}

/** Edits that write the derived id of each unnamed layer, so `inputs` can name it. */
function nameLayers(context: IntentContext, ids: string[]): SpecEdit[] {
  const edits: SpecEdit[] = [];
  for (const id of ids) {
    const node = nodeById(context, id);
    if (node && context.layers[node.index]?.id !== node.id) edits.push({ kind: "set", path: ["layers", node.index, "id"], value: node.id });
  }
  return edits;
}

function fieldsOfNew(type: string): Record<string, JsonValue> {
  return newLayerFields(type) as Record<string, JsonValue>;
}

/** Palette click: a new layer after `afterId` (appended when null). Merges pick their inputs. */
export function appendLayerIntent(context: IntentContext, type: string, afterId: string | null, selection: string[] = []): IntentResult {
  if (mergeTypes.has(type)) return mergeIntent(context, type, afterId, selection);
  const layer = { type, fields: fieldsOfNew(type) };
  if (afterId === null) return done({ kind: "addLayer", layer }, `Add ${type}`);
  return done({ kind: "insertLayer", afterId: afterId === inputNodeId ? null : afterId, layer }, `Insert ${type} after ${afterId}`);
}

/** add/concat of the selection (2+ nodes), or of the selected node and its best partner. */
function mergeIntent(context: IntentContext, type: string, afterId: string | null, selection: string[]): IntentResult {
  let members = selection.length >= 2 ? [...selection] : [];
  if (members.length === 0) {
    const anchor = afterId ?? context.nodes.at(-1)?.id;
    if (!anchor) return fail(`Add a layer before adding ${type}: a merge needs two inputs.`);
    const partner = pickMergePartner(context.nodes, context.input, anchor, type === "add" ? "add" : "concat");
    if (!partner) return fail(`No earlier layer fits ${anchor} for ${type}; select two layers (Shift+click) and try again.`);
    members = [anchor, partner];
  }
  const order = (id: string): number => (id === inputNodeId ? -1 : (nodeById(context, id)?.index ?? -1));
  const last = members.reduce((latest, id) => (order(id) > order(latest) ? id : latest), members[0]);
  const id = uniqueLayerId(type, takenIds(context));
  const edits: SpecEdit[] = [...nameLayers(context, members), { kind: "insert", path: ["layers", order(last) + 1], value: { id, type, inputs: members } }];
  return done({ kind: "applySpecEdits", edits }, `Insert ${type} of ${members.join(", ")}`);
}

/** Drop on an edge: a new layer between `sourceId` and `targetId`. */
export function insertOnEdgeIntent(context: IntentContext, type: string, sourceId: string, targetId: string): IntentResult {
  const target = nodeById(context, targetId);
  if (!target) return fail(`Unknown layer ${targetId}.`);
  if (mergeTypes.has(type)) return mergeIntent(context, type, sourceId, []);
  const targetInputs = context.layers[target.index]?.inputs;
  if (!Array.isArray(targetInputs)) {
    // The target reads the layer right above it implicitly: inserting after the source keeps the chain.
    return appendLayerIntent(context, type, sourceId);
  }
  const id = uniqueLayerId(type, takenIds(context));
  const edits: SpecEdit[] = [
    { kind: "set", path: ["layers", target.index, "inputs"], value: targetInputs.map((input) => (input === sourceId ? id : input)) },
    { kind: "insert", path: ["layers", target.index], value: { id, type, inputs: [sourceId], ...fieldsOfNew(type) } },
  ];
  return done({ kind: "applySpecEdits", edits }, `Insert ${type} between ${sourceId} and ${targetId}`);
}

export function deleteLayerIntent(context: IntentContext, id: string): IntentResult {
  if (!nodeById(context, id)) return fail(id === inputNodeId ? "The network input cannot be deleted." : `Unknown layer ${id}.`);
  return done({ kind: "removeLayer", id }, `Delete ${id}`);
}

/** A copy right after the original (in a chain it then follows the original). */
export function duplicateLayerIntent(context: IntentContext, id: string): IntentResult {
  const node = nodeById(context, id);
  if (!node) return fail(id === inputNodeId ? "The network input cannot be duplicated." : `Unknown layer ${id}.`);
  const { id: _id, type: _type, ...fields } = structuredClone(context.layers[node.index] ?? {});
  return done({ kind: "insertLayer", afterId: id, layer: { type: node.type, fields: fields as Record<string, JsonValue> } }, `Duplicate ${id}`);
}

/** Handle-to-handle connection: merges gain an input, other layers switch to the new one. */
export function connectIntent(context: IntentContext, sourceId: string, targetId: string): IntentResult {
  const target = nodeById(context, targetId);
  if (!target) return fail("The network input takes no inputs.");
  const source = sourceId === inputNodeId ? undefined : nodeById(context, sourceId);
  if (sourceId !== inputNodeId && !source) return fail(`Unknown layer ${sourceId}.`);
  if (source && source.index >= target.index) {
    return fail(`${targetId} comes before ${sourceId} in the file; a layer can only read earlier layers.`);
  }
  if (target.inputs.includes(sourceId)) return fail(`${targetId} already reads ${sourceId}.`);
  if (mergeTypes.has(target.type)) return done({ kind: "connect", from: sourceId, to: targetId }, `Connect ${sourceId} → ${targetId}`);
  const naming = nameLayers(context, [sourceId]);
  if (naming.length === 0) return done({ kind: "setField", id: targetId, key: "inputs", value: [sourceId] }, `Feed ${targetId} from ${sourceId}`);
  return done({ kind: "applySpecEdits", edits: [...naming, { kind: "set", path: ["layers", target.index, "inputs"], value: [sourceId] }] }, `Feed ${targetId} from ${sourceId}`);
}

/** Sets a field (undefined removes the key: back to its default); `id` renames. */
export function setFieldIntent(context: IntentContext, id: string, field: string, value: unknown): IntentResult {
  if (!nodeById(context, id)) return fail(`Unknown layer ${id}.`);
  if (field === "id") {
    if (typeof value !== "string" || value === id) return fail("The id is unchanged.");
    return done({ kind: "renameLayer", id, newId: value }, `Rename ${id} to ${value}`);
  }
  const intent: EditIntent = value === undefined ? { kind: "setField", id, key: field } : { kind: "setField", id, key: field, value: value as JsonValue };
  return done(intent, value === undefined ? `Reset ${id}.${field}` : `Set ${id}.${field}`);
}

/** Sets the network input shape `[C, H, W]`. */
export function setInputShapeIntent(shape: number[]): IntentResult {
  return done({ kind: "applySpecEdits", edits: [{ kind: "set", path: ["input"], value: shape }] }, "Set input shape");
}
