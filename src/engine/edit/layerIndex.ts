/**
 * The layers of a spec as they appear in its text: ids (explicit or derived), where each id
 * is defined and named, and every layer's effective inputs. Used by the edit intents and by
 * the editor's language features (hover, go to definition, rename, outline).
 */
import type { Node } from "jsonc-parser";
import { nodeAt } from "./nodeAt";
import type { ParsedText } from "./paths";

/** The reserved id that names the network input in `inputs`. */
export const NETWORK_INPUT = "input";

/** Allowed ids (spec-format.md §1). */
import { LAYER_ID_PATTERN as ID_PATTERN } from "../layerId";
export { LAYER_ID_PATTERN as ID_PATTERN } from "../layerId";

export interface InputReference {
  id: string;
  /** The string node inside `inputs`. */
  node: Node;
}

export interface LayerEntry {
  /** Position in `layers`. */
  index: number;
  /** The explicit id, or `<type>_<index>` when the layer has none. */
  id: string;
  explicitId: boolean;
  type: string | undefined;
  /** The layer object. */
  node: Node;
  /** The string value of `"id"`, when explicit. */
  idNode: Node | undefined;
  /** The array value of `"inputs"`, when written. */
  inputsNode: Node | undefined;
  /** The string elements of `inputs`. */
  inputReferences: InputReference[];
  /** What the layer reads: `inputs` when written, else the previous layer (or "input"). */
  inputs: string[];
}

export interface LayerIndex {
  parsed: ParsedText;
  /** The `layers` array node, when present. */
  layersNode: Node | undefined;
  /** The value of `layers` whatever its type (a string or object here is never overwritten). */
  layersValue: Node | undefined;
  layers: LayerEntry[];
  byId: Map<string, LayerEntry>;
}

/** The id shown for a layer without one (as the engine derives it). */
export function derivedId(type: string | undefined, index: number): string {
  return `${type !== undefined && ID_PATTERN.test(type) ? type : "layer"}_${index}`;
}

export function indexLayers(parsed: ParsedText): LayerIndex {
  const layersNode = parsed.root ? nodeAt(parsed.root, ["layers"]) : undefined;
  const layers: LayerEntry[] = [];
  const byId = new Map<string, LayerEntry>();
  const elements = layersNode?.type === "array" ? (layersNode.children ?? []) : [];
  elements.forEach((node, index) => {
    const entry = toEntry(node, index, layers[index - 1]);
    layers.push(entry);
    if (!byId.has(entry.id)) byId.set(entry.id, entry);
  });
  return { parsed, layersNode: layersNode?.type === "array" ? layersNode : undefined, layersValue: layersNode, layers, byId };
}

function toEntry(node: Node, index: number, previous: LayerEntry | undefined): LayerEntry {
  const idValue = node.type === "object" ? nodeAt(node, ["id"]) : undefined;
  const typeValue = node.type === "object" ? nodeAt(node, ["type"]) : undefined;
  const inputsValue = node.type === "object" ? nodeAt(node, ["inputs"]) : undefined;
  const type = typeValue?.type === "string" ? (typeValue.value as string) : undefined;
  const idNode = idValue?.type === "string" && idValue.value !== "" ? idValue : undefined;
  const inputsNode = inputsValue?.type === "array" ? inputsValue : undefined;
  const inputReferences = (inputsNode?.children ?? [])
    .filter((child) => child.type === "string")
    .map((child) => ({ id: child.value as string, node: child }));
  const implicitInput = previous ? previous.id : NETWORK_INPUT;
  return {
    index,
    id: idNode ? (idNode.value as string) : derivedId(type, index),
    explicitId: idNode !== undefined,
    type,
    node,
    idNode,
    inputsNode,
    inputReferences,
    inputs: inputsNode ? inputReferences.map((reference) => reference.id) : [implicitInput],
  };
}

/** An id under the cursor: where a layer defines it, or where `inputs` names it. */
export interface IdOccurrence {
  id: string;
  kind: "definition" | "reference";
  node: Node;
  /** The layer the occurrence is written in. */
  layer: LayerEntry;
}

export function occurrenceAt(index: LayerIndex, offset: number): IdOccurrence | undefined {
  const layer = layerAt(index, offset);
  if (!layer) return undefined;
  if (layer.idNode && contains(layer.idNode, offset)) {
    return { id: layer.id, kind: "definition", node: layer.idNode, layer };
  }
  const reference = layer.inputReferences.find((candidate) => contains(candidate.node, offset));
  return reference ? { id: reference.id, kind: "reference", node: reference.node, layer } : undefined;
}

/** Every place an id is written: its definition (if explicit) and each `inputs` entry naming it. */
export function occurrencesOf(index: LayerIndex, id: string): IdOccurrence[] {
  const result: IdOccurrence[] = [];
  for (const layer of index.layers) {
    if (layer.idNode && layer.id === id) result.push({ id, kind: "definition", node: layer.idNode, layer });
    for (const reference of layer.inputReferences) {
      if (reference.id === id) result.push({ id, kind: "reference", node: reference.node, layer });
    }
  }
  return result;
}

/** The layer whose object contains `offset`. */
export function layerAt(index: LayerIndex, offset: number): LayerEntry | undefined {
  return index.layers.find((layer) => contains(layer.node, offset));
}

/** True for an offset inside the node or just after it (where a cursor after a word sits). */
export function contains(node: Node, offset: number): boolean {
  return offset >= node.offset && offset <= node.offset + node.length;
}
