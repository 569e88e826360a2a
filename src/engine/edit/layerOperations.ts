/**
 * The layer-level edit intents. Each computes all its edits from one parse of the text (edits
 * on different layers never overlap) and applies them as one step of the EditSession.
 */
import { IntentError } from "./intentError";
import type { NewLayer } from "./intents";
import { ID_PATTERN, indexLayers, NETWORK_INPUT, type LayerEntry, type LayerIndex } from "./layerIndex";
import { insertAtPath, insertPropertyAt, lineColumn, removeAtPath, setAtPath } from "./paths";
import { uniqueLayerId } from "./layerIds";
import { insertElement, type ElementContext } from "./containers";
import { formatValue, type JsonValue } from "./jsonLayout";
import { parsedOf, removeEveryCopy } from "./sessionParse";
import type { EditSession, TextEdit } from "./textEdit";
import { restOfLineIsTrivia, skipTrivia, lineEnd } from "./trivia";

function reindex(session: EditSession): LayerIndex {
  return indexLayers(parsedOf(session));
}

/** `layers` written as something other than a list is refused, never overwritten. */
function checkLayersIsList(index: LayerIndex): void {
  const value = index.layersValue;
  if (!value || value.type === "array") return;
  const { line, column } = lineColumn(index.parsed.text, value.offset);
  const kind = value.type === "object" ? "an object" : value.type === "string" ? "a string" : `a ${value.type}`;
  throw new IntentError(
    "layers-not-array",
    `"layers" (line ${line}, column ${column}) is ${kind}, not a list of layers; nothing was changed. Make it a list in the text editor, e.g. "layers": [], keeping what you need of its content.`,
  );
}

function layerById(index: LayerIndex, id: string): LayerEntry {
  const layer = index.byId.get(id);
  if (!layer) throw new IntentError("unknown-layer", `There is no layer "${id}".`);
  return layer;
}

/** Refuses ids the format does not allow or that are taken. */
export function checkNewId(index: LayerIndex, id: string): void {
  if (id === NETWORK_INPUT) throw new IntentError("invalid-id", `"${NETWORK_INPUT}" is reserved for the network input.`);
  if (!ID_PATTERN.test(id)) {
    throw new IntentError("invalid-id", `"${id}" is not a valid id: start with a letter or _, then letters, digits, _ . or -.`);
  }
  if (index.byId.has(id)) throw new IntentError("duplicate-id", `Another layer is already called "${id}".`);
}

/** Appends (position undefined) or inserts after `afterId`; returns the new layer's id. */
export function addLayer(session: EditSession, layer: NewLayer, position: { afterId: string | null } | undefined): string {
  const index = reindex(session);
  if (!index.parsed.root || index.parsed.root.type !== "object") throw new IntentError("no-root", "The document is not a JSON object.");
  checkLayersIsList(index);
  const id = layer.id ?? uniqueLayerId(layer.type, new Set(index.byId.keys()));
  if (layer.id !== undefined) checkNewId(index, layer.id);
  const fields = { ...(layer.fields ?? {}) };
  if (Object.hasOwn(fields, "id") || Object.hasOwn(fields, "type")) throw new IntentError("invalid-value", "Give the id and type outside `fields`.");
  let at = index.layers.length;
  if (position) at = position.afterId === null ? 0 : layerById(index, position.afterId).index + 1;
  const created = { id, type: layer.type, ...fields };
  session.apply(index.layersNode ? insertAtPath(index.parsed, ["layers", at], created) : createLayers(index, created));
  return id;
}

/** `"layers": [` + the layer on its own line + `]`, added to the top-level object. */
function createLayers(index: LayerIndex, layer: Record<string, JsonValue>): TextEdit[] {
  const { text, root, style } = index.parsed;
  if (!root) throw new Error("createLayers needs a parsed object");
  const render = (context: ElementContext): string => {
    const inner = context.indent + style.indentUnit;
    const element = formatValue(layer, style, { multiline: false, indent: inner });
    return `"layers"${style.colon}[${style.eol}${inner}${element}${style.eol}${context.indent}]`;
  };
  return insertElement(text, root, root.children?.length ?? 0, render, style, false);
}

/** Removes a layer; explicit readers read its inputs instead, an implicit successor keeps reading them. */
export function removeLayer(session: EditSession, id: string): void {
  const index = reindex(session);
  const layer = layerById(index, id);
  const readers = index.layers.filter((other) => other !== layer && other.inputReferences.some((reference) => reference.id === id));
  const successor = index.layers[layer.index + 1];
  const previous = index.layers[layer.index - 1];
  const implicitFeed = previous ? previous.id : NETWORK_INPUT;
  const successorNeedsInputs = successor !== undefined && !successor.inputsNode
    && !(layer.inputs.length === 1 && layer.inputs[0] === implicitFeed);
  const edits: TextEdit[] = [];
  if (!layer.inputsNode && previous && !previous.explicitId && (readers.length > 0 || successorNeedsInputs)) {
    edits.push(...nameLayer(index, previous));
  }
  const replacement = layer.inputs;
  for (const reader of readers) {
    const inputs = unique(reader.inputs.flatMap((input) => (input === id ? replacement : [input])));
    edits.push(...setAtPath(index.parsed, ["layers", reader.index, "inputs"], inputs));
  }
  if (successorNeedsInputs) {
    edits.push(...insertPropertyAt(index.parsed, ["layers", successor.index], "inputs", replacement, inputsPosition(successor)));
  }
  edits.push(...removeAtPath(index.parsed, ["layers", layer.index]));
  session.apply(edits);
}

/** Sets (value given) or removes (value undefined) one key of a layer. */
export function setField(session: EditSession, id: string, key: string, value: JsonValue | undefined): void {
  const index = reindex(session);
  const layer = layerById(index, id);
  if (key === "id") throw new IntentError("reserved-key", "Rename a layer with the rename intent, so its references follow.");
  if (key === "") throw new IntentError("invalid-value", "A key cannot be empty.");
  const path = ["layers", layer.index, key];
  if (value === undefined) {
    const present = layer.node.children?.some((property) => property.children?.[0]?.value === key);
    if (present) removeEveryCopy(session, path);
    return;
  }
  session.apply(setAtPath(index.parsed, path, value));
}

/** Adds `from` to the inputs of `to`, writing the implicit input out first when needed. */
export function connect(session: EditSession, from: string, to: string): void {
  const index = reindex(session);
  const target = layerById(index, to);
  checkEarlier(index, from, target);
  if (target.inputs.includes(from)) throw new IntentError("already-connected", `"${to}" already reads "${from}".`);
  if (target.inputsNode) {
    const count = target.inputsNode.children?.length ?? 0;
    session.apply(insertAtPath(index.parsed, ["layers", target.index, "inputs", count], from));
    return;
  }
  const previous = index.layers[target.index - 1];
  const naming = previous && !previous.explicitId ? nameLayer(index, previous) : [];
  const inputs = [target.inputs[0], from];
  session.apply([...naming, ...insertPropertyAt(index.parsed, ["layers", target.index], "inputs", inputs, inputsPosition(target))]);
}

/** Removes `from` from the inputs of `to`. */
export function disconnect(session: EditSession, from: string, to: string): void {
  const index = reindex(session);
  const target = layerById(index, to);
  const position = target.inputReferences.findIndex((reference) => reference.id === from);
  if (!target.inputs.includes(from)) throw new IntentError("not-connected", `"${to}" does not read "${from}".`);
  if (target.inputs.length === 1) {
    throw new IntentError("last-input", `"${from}" is the only input of "${to}"; connect another input first.`);
  }
  session.apply(removeAtPath(index.parsed, ["layers", target.index, "inputs", position]));
}

/** Renames a layer and every `inputs` entry that names it. */
export function renameLayer(session: EditSession, id: string, newId: string): void {
  const index = reindex(session);
  const layer = layerById(index, id);
  if (newId === id) return;
  checkNewId(index, newId);
  const quoted = JSON.stringify(newId);
  const edits = layer.idNode
    ? [{ offset: layer.idNode.offset, length: layer.idNode.length, content: quoted }]
    : insertPropertyAt(index.parsed, ["layers", layer.index], "id", newId, 0);
  for (const other of index.layers) {
    for (const reference of other.inputReferences) {
      if (reference.id === id) edits.push({ offset: reference.node.offset, length: reference.node.length, content: quoted });
    }
  }
  session.apply(edits);
}

/** Moves a layer to `toIndex`, refusing orders where a layer would precede one of its inputs. */
export function moveLayer(session: EditSession, id: string, toIndex: number): void {
  const index = reindex(session);
  const layer = layerById(index, id);
  if (!Number.isInteger(toIndex) || toIndex < 0 || toIndex >= index.layers.length) {
    throw new IntentError("invalid-move", `Position ${toIndex} is outside 0..${index.layers.length - 1}.`);
  }
  if (toIndex === layer.index) return;
  checkMoveKeepsOrder(index, layer, toIndex);
  const { text, style } = index.parsed;
  const layers = index.layersNode;
  if (!layers) throw new Error("A layer was found outside the layers array");
  const elementText = text.slice(layer.node.offset, layer.node.offset + layer.node.length);
  const comment = trailingComment(text, layer);
  // Both edits address the original text: the removed element still counts below the target.
  const originalIndex = toIndex > layer.index ? toIndex + 1 : toIndex;
  const removal = removeAtPath(index.parsed, ["layers", layer.index]);
  const insertion = insertElement(text, layers, originalIndex, () => elementText, style, true, comment);
  session.apply([...removal, ...insertion]);
}

function checkMoveKeepsOrder(index: LayerIndex, layer: LayerEntry, toIndex: number): void {
  const order = index.layers.filter((other) => other !== layer);
  order.splice(toIndex, 0, layer);
  const positionOf = (id: string): number => order.findIndex((other) => other.id === id);
  for (const reference of layer.inputReferences) {
    if (reference.id !== NETWORK_INPUT && positionOf(reference.id) > toIndex) {
      throw new IntentError("invalid-move", `"${layer.id}" would come before its input "${reference.id}".`);
    }
  }
  for (const reader of index.layers) {
    if (reader.inputReferences.some((reference) => reference.id === layer.id) && positionOf(reader.id) < toIndex) {
      throw new IntentError("invalid-move", `"${layer.id}" would come after "${reader.id}", which reads it.`);
    }
  }
}

/** A `// comment` after the layer (and its comma) on the same line, which moves with it. */
function trailingComment(text: string, layer: LayerEntry): string | undefined {
  const end = layer.node.offset + layer.node.length;
  const after = skipTrivia(text, end);
  const from = text[after] === "," ? after + 1 : end;
  if (!restOfLineIsTrivia(text, from)) return undefined;
  const rest = text.slice(from, lineEnd(text, from)).trim();
  return rest.startsWith("//") || rest.startsWith("/*") ? rest : undefined;
}

function checkEarlier(index: LayerIndex, from: string, target: LayerEntry): void {
  if (from === NETWORK_INPUT) return;
  const source = layerById(index, from);
  if (source.index >= target.index) {
    throw new IntentError("forward-reference", `"${target.id}" can only read layers above it; "${from}" comes later.`);
  }
}

/** The edits that write a derived id out, so that other layers can name the layer. */
function nameLayer(index: LayerIndex, layer: LayerEntry): TextEdit[] {
  return insertPropertyAt(index.parsed, ["layers", layer.index], "id", layer.id, 0);
}

/** `inputs` goes right after `type` (or `id`), as the templates write it. */
function inputsPosition(layer: LayerEntry): number {
  const keys = (layer.node.children ?? []).map((property) => property.children?.[0]?.value);
  const typeAt = keys.indexOf("type");
  if (typeAt >= 0) return typeAt + 1;
  return keys.indexOf("id") + 1;
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
