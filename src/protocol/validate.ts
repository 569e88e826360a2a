/**
 * Hand-written validators for messages arriving from the webview. Whatever fails is
 * refused with a reason (the host logs it) and never acted on.
 */
import type { JsonPath, SpecEdit } from "../engine/types";
import type { EditIntent, JsonValue, NewLayer, ViewToHost } from "./messages";
import { validateDiagramExport } from "./diagram";
import { isPreviewMessageType, validatePreviewMessage } from "./preview";

export type Validated<T> = { ok: true; value: T } | { ok: false; reason: string };

type Fields = Record<string, unknown>;

class Invalid extends Error {}

function fail(reason: string): never {
  throw new Invalid(reason);
}

function isRecord(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function string(fields: Fields, key: string, maxLength = 1000): string {
  const value = fields[key];
  if (typeof value !== "string") fail(`"${key}" must be a string`);
  if (value.length > maxLength) fail(`"${key}" is longer than ${maxLength} characters`);
  return value;
}

function integer(fields: Fields, key: string, minimum = 0): number {
  const value = fields[key];
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < minimum) fail(`"${key}" must be an integer ≥ ${minimum}`);
  return value;
}

function onlyKeys(fields: Fields, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(fields)) {
    if (!allowed.includes(key)) fail(`unexpected key "${key}" in ${where}`);
  }
}

/** JSON data only: finite numbers, plain objects and arrays, bounded depth. */
export function isJsonValue(value: unknown, depth = 0): value is JsonValue {
  if (depth > 32) return false;
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((item) => isJsonValue(item, depth + 1));
  if (isRecord(value)) return Object.getPrototypeOf(value) === Object.prototype && Object.values(value).every((item) => isJsonValue(item, depth + 1));
  return false;
}

function jsonValue(fields: Fields, key: string): JsonValue {
  const value = fields[key];
  if (!isJsonValue(value)) fail(`"${key}" must be JSON data`);
  return value;
}

function jsonPath(value: unknown, key: string): JsonPath {
  if (!Array.isArray(value) || value.length > 64) fail(`"${key}" must be a JSON path`);
  for (const segment of value) {
    const valid = typeof segment === "string" || (typeof segment === "number" && Number.isSafeInteger(segment) && segment >= 0);
    if (!valid) fail(`"${key}" has a segment that is neither a key nor an index`);
  }
  return value as JsonPath;
}

function newLayer(value: unknown): NewLayer {
  if (!isRecord(value)) fail(`"layer" must be an object`);
  onlyKeys(value, ["type", "id", "fields"], "layer");
  const layer: NewLayer = { type: string(value, "type", 100) };
  if (value.id !== undefined) layer.id = string(value, "id", 200);
  if (value.fields !== undefined) {
    if (!isRecord(value.fields) || !isJsonValue(value.fields)) fail(`"fields" must be an object of JSON data`);
    layer.fields = value.fields as Record<string, JsonValue>;
  }
  return layer;
}

function specEdit(value: unknown): SpecEdit {
  if (!isRecord(value)) fail("a spec edit must be an object");
  const path = jsonPath(value.path, "path");
  switch (value.kind) {
    case "set":
    case "insert":
      onlyKeys(value, ["kind", "path", "value"], "spec edit");
      return { kind: value.kind, path, value: jsonValue(value, "value") };
    case "remove":
      onlyKeys(value, ["kind", "path"], "spec edit");
      return { kind: "remove", path };
    default:
      return fail(`unknown spec edit kind ${JSON.stringify(value.kind)}`);
  }
}

/** An edit intent, field by field (unknown kinds and stray keys are refused). */
export function parseEditIntent(value: unknown): EditIntent {
  if (!isRecord(value)) fail(`"intent" must be an object`);
  const intent = value;
  const keys = (...names: string[]): void => onlyKeys(intent, ["kind", ...names], `intent ${String(intent.kind)}`);
  switch (intent.kind) {
    case "addLayer":
      keys("layer");
      return { kind: "addLayer", layer: newLayer(intent.layer) };
    case "insertLayer": {
      keys("afterId", "layer");
      const afterId = intent.afterId === null ? null : string(intent, "afterId", 200);
      return { kind: "insertLayer", afterId, layer: newLayer(intent.layer) };
    }
    case "removeLayer":
      keys("id");
      return { kind: "removeLayer", id: string(intent, "id", 200) };
    case "setField": {
      keys("id", "key", "value");
      const result: EditIntent = { kind: "setField", id: string(intent, "id", 200), key: string(intent, "key", 100) };
      if (intent.value !== undefined) result.value = jsonValue(intent, "value");
      return result;
    }
    case "connect":
    case "disconnect":
      keys("from", "to");
      return { kind: intent.kind, from: string(intent, "from", 200), to: string(intent, "to", 200) };
    case "renameLayer":
      keys("id", "newId");
      return { kind: "renameLayer", id: string(intent, "id", 200), newId: string(intent, "newId", 200) };
    case "moveLayer":
      keys("id", "toIndex");
      return { kind: "moveLayer", id: string(intent, "id", 200), toIndex: integer(intent, "toIndex") };
    case "applySpecEdits":
      keys("edits");
      if (!Array.isArray(intent.edits) || intent.edits.length > 100) fail(`"edits" must be a list of spec edits`);
      return { kind: "applySpecEdits", edits: intent.edits.map(specEdit) };
    default:
      return fail(`unknown intent kind ${JSON.stringify(intent.kind)}`);
  }
}

function parseMessage(message: Fields): ViewToHost {
  const keys = (...names: string[]): void => onlyKeys(message, ["type", ...names], `message ${String(message.type)}`);
  switch (message.type) {
    case "ready":
      keys();
      return { type: "ready" };
    case "editIntent":
      keys("requestId", "intent");
      return { type: "editIntent", requestId: integer(message, "requestId"), intent: parseEditIntent(message.intent) };
    case "requestFix":
      keys("requestId", "docVersion", "diagnosticIndex", "fixIndex");
      return {
        type: "requestFix",
        requestId: integer(message, "requestId"),
        docVersion: integer(message, "docVersion"),
        diagnosticIndex: integer(message, "diagnosticIndex"),
        fixIndex: integer(message, "fixIndex"),
      };
    case "selectLayer":
      keys("layerId");
      return { type: "selectLayer", layerId: message.layerId === null ? null : string(message, "layerId", 200) };
    case "revealInText":
      keys("path");
      return { type: "revealInText", path: jsonPath(message.path, "path") };
    case "reportError":
      keys("message");
      return { type: "reportError", message: string(message, "message", 10000) };
    case "diagramExport": {
      const diagram = validateDiagramExport(message);
      return diagram.ok ? diagram.value : fail(diagram.reason);
    }
    default: {
      if (isPreviewMessageType(message.type)) {
        const preview = validatePreviewMessage(message.type, message);
        return preview.ok ? preview.value : fail(preview.reason);
      }
      return fail(`unknown message type ${JSON.stringify(message.type)}`);
    }
  }
}

/** Checks a message from the webview; the result is safe to act on. */
export function validateViewToHost(value: unknown): Validated<ViewToHost> {
  if (!isRecord(value)) return { ok: false, reason: "a message must be an object" };
  try {
    return { ok: true, value: parseMessage(value) };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, reason: error.message };
    throw error;
  }
}

/** The request id of a message that failed validation, when it has a usable one (to reply with an error). */
export function requestIdOf(value: unknown): number | undefined {
  if (!isRecord(value)) return undefined;
  const id = value.requestId;
  return typeof id === "number" && Number.isSafeInteger(id) && id >= 0 ? id : undefined;
}
