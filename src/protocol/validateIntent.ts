/**
 * Edit intents from the webview: only the kinds, keys, paths and values the designer sends
 * (./designerValues.ts). Anything else is refused before it reaches the edit engine.
 */
import type { JsonPath, SpecEdit } from "../engine/types";
import {
  DESIGNER_FIELDS, MAX_COPIED_FIELDS_CHARACTERS, MAX_LAYER_INDEX, fieldValueProblem, inputShapeProblem, jsonSize, layerIdProblem,
  newIdProblem,
} from "./designerValues";
import type { EditIntent, JsonValue, NewLayer } from "./messages";
import { check, fail, isRecord, onlyKeys, shortText, string, type Fields } from "./readers";

/** The most spec edits in one intent: a merge names each unnamed member, then inserts. */
export const MAX_SPEC_EDITS = 100;
const MAX_COPIED_KEYS = 200;

function layerId(fields: Fields, key: string): string {
  check(layerIdProblem(fields[key]), `"${key}"`);
  return fields[key] as string;
}

/** Palette layers: known fields with designer values. Duplicates: the file's own keys, bounded. */
function newLayer(value: unknown, copied: boolean): NewLayer {
  if (!isRecord(value)) fail(`"layer" must be an object`);
  onlyKeys(value, ["type", "fields"], "layer");
  const layer: NewLayer = { type: string(value, "type", 100) };
  if (layer.type === "") fail(`"type" must not be empty`);
  if (value.fields === undefined) return layer;
  const fields = value.fields;
  if (!isRecord(fields)) fail(`"fields" must be an object`);
  const keys = Object.keys(fields);
  if (keys.includes("id") || keys.includes("type")) fail(`"fields" must not hold id or type`);
  if (copied) {
    if (keys.length > MAX_COPIED_KEYS || keys.some((key) => key.length > 100)) fail(`"fields" has more than ${MAX_COPIED_KEYS} keys or a key over 100 characters`);
    if (jsonSize(fields, MAX_COPIED_FIELDS_CHARACTERS) < 0) fail(`"fields" must be JSON data of at most ${MAX_COPIED_FIELDS_CHARACTERS} characters`);
  } else {
    for (const key of keys) check(fieldValueProblem(key, fields[key]), "in \"fields\",");
  }
  layer.fields = fields as Record<string, JsonValue>;
  return layer;
}

function layerIndex(segment: unknown): number {
  if (typeof segment !== "number" || !Number.isSafeInteger(segment) || segment < 0 || segment > MAX_LAYER_INDEX) fail("a layer index must be a whole number ≥ 0");
  return segment;
}

/** A layer the merge and insert-on-edge gestures create: id, type, inputs, palette fields. */
function insertedLayer(value: unknown): JsonValue {
  if (!isRecord(value)) fail("an inserted layer must be an object");
  check(newIdProblem(value.id), `the inserted layer's "id"`);
  if (typeof value.type !== "string" || value.type === "" || value.type.length > 100) fail(`the inserted layer's "type" must be a layer type`);
  for (const key of Object.keys(value)) {
    if (key !== "id" && key !== "type") check(fieldValueProblem(key, value[key]), "in the inserted layer,");
  }
  if (value.inputs === undefined) fail(`the inserted layer must name its "inputs"`);
  return value as JsonValue;
}

/** The spec edits the designer sends: the input shape, a layer's id or inputs, a new layer. */
function specEdit(value: unknown): SpecEdit {
  if (!isRecord(value)) fail("a spec edit must be an object");
  onlyKeys(value, ["kind", "path", "value"], "spec edit");
  const path = value.path;
  if (!Array.isArray(path)) fail(`"path" must be a JSON path`);
  const where = shortText(path, 60);
  if (value.kind === "set" && path.length === 1 && path[0] === "input") {
    check(inputShapeProblem(value.value), "");
    return { kind: "set", path: ["input"], value: value.value };
  }
  if (value.kind === "set" && path.length === 3 && path[0] === "layers" && (path[2] === "id" || path[2] === "inputs")) {
    const index = layerIndex(path[1]);
    check(path[2] === "id" ? newIdProblem(value.value) : fieldValueProblem("inputs", value.value), `${where}:`);
    return { kind: "set", path: ["layers", index, path[2]] as JsonPath, value: value.value };
  }
  if (value.kind === "insert" && path.length === 2 && path[0] === "layers") {
    return { kind: "insert", path: ["layers", layerIndex(path[1])], value: insertedLayer(value.value) };
  }
  return fail(`the designer does not send a ${shortText(value.kind, 20)} edit at ${where}`);
}

const IGNORED_KINDS = new Set(["disconnect", "moveLayer"]);

/** An edit intent, field by field (unknown kinds, stray keys and values the designer never sends are refused). */
export function parseEditIntent(value: unknown): EditIntent {
  if (!isRecord(value)) fail(`"intent" must be an object`);
  const intent = value;
  const keys = (...names: string[]): void => onlyKeys(intent, ["kind", ...names], `intent ${shortText(intent.kind, 30)}`);
  switch (intent.kind) {
    case "addLayer":
      keys("layer");
      return { kind: "addLayer", layer: newLayer(intent.layer, false) };
    case "insertLayer": {
      keys("afterId", "layer");
      const afterId = intent.afterId === null ? null : layerId(intent, "afterId");
      return { kind: "insertLayer", afterId, layer: newLayer(intent.layer, true) };
    }
    case "removeLayer":
      keys("id");
      return { kind: "removeLayer", id: layerId(intent, "id") };
    case "setField": {
      keys("id", "key", "value");
      const key = string(intent, "key", 100);
      if (!Object.hasOwn(DESIGNER_FIELDS, key)) fail(`"key" ${shortText(key, 40)} is not a field the designer edits`);
      const result: EditIntent = { kind: "setField", id: layerId(intent, "id"), key };
      if (intent.value !== undefined) {
        check(fieldValueProblem(key, intent.value), "");
        result.value = intent.value as JsonValue;
      }
      return result;
    }
    case "connect":
      keys("from", "to");
      return { kind: "connect", from: layerId(intent, "from"), to: layerId(intent, "to") };
    case "renameLayer":
      keys("id", "newId");
      check(newIdProblem(intent.newId), `"newId"`);
      return { kind: "renameLayer", id: layerId(intent, "id"), newId: intent.newId as string };
    case "applySpecEdits":
      keys("edits");
      if (!Array.isArray(intent.edits) || intent.edits.length === 0 || intent.edits.length > MAX_SPEC_EDITS) fail(`"edits" must be a list of 1 to ${MAX_SPEC_EDITS} spec edits`);
      return { kind: "applySpecEdits", edits: intent.edits.map(specEdit) };
    default:
      if (typeof intent.kind === "string" && IGNORED_KINDS.has(intent.kind)) fail(`the designer does not send ${intent.kind} intents`);
      return fail(`unknown intent kind ${shortText(intent.kind, 40)}`);
  }
}
