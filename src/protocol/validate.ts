/**
 * Hand-written validators for messages arriving from the webview. Whatever fails is refused
 * with a reason (the host logs it) and never acted on. Edit intents are checked against what
 * the designer actually sends (./validateIntent.ts).
 */
import type { JsonPath } from "../engine/types";
import type { JsonValue, ViewToHost } from "./messages";
import { validateDiagramExport } from "./diagram";
import { isPreviewMessageType, validatePreviewMessage } from "./preview";
import { fail, integer, Invalid, isRecord, onlyKeys, shortText, string, type Fields } from "./readers";
import { parseEditIntent } from "./validateIntent";
import { MAX_ID_LENGTH } from "./designerValues";

export { parseEditIntent } from "./validateIntent";

export type Validated<T> = { ok: true; value: T } | { ok: false; reason: string };

/** JSON data only: finite numbers, plain objects and arrays, bounded depth. */
export function isJsonValue(value: unknown, depth = 0): value is JsonValue {
  if (depth > 32) return false;
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((item) => isJsonValue(item, depth + 1));
  if (isRecord(value)) {
    return Object.getPrototypeOf(value) === Object.prototype && Object.values(value).every((item) => isJsonValue(item, depth + 1));
  }
  return false;
}

function jsonPath(value: unknown, key: string): JsonPath {
  if (!Array.isArray(value) || value.length > 64) fail(`"${key}" must be a JSON path`);
  for (const segment of value) {
    const valid = (typeof segment === "string" && segment.length <= MAX_ID_LENGTH) || (typeof segment === "number" && Number.isSafeInteger(segment) && segment >= 0);
    if (!valid) fail(`"${key}" has a segment that is neither a key nor an index`);
  }
  return value as JsonPath;
}

function parseMessage(message: Fields): ViewToHost {
  const keys = (...names: string[]): void => onlyKeys(message, ["type", ...names], `message ${shortText(message.type, 30)}`);
  switch (message.type) {
    case "ready":
      keys();
      return { type: "ready" };
    case "editIntent":
      keys("requestId", "intent");
      return { type: "editIntent", requestId: integer(message, "requestId"), intent: parseEditIntent(message.intent) };
    case "checkFixes":
      keys("requestId", "docVersion", "diagnosticIndex");
      return {
        type: "checkFixes",
        requestId: integer(message, "requestId"),
        docVersion: integer(message, "docVersion"),
        diagnosticIndex: integer(message, "diagnosticIndex"),
      };
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
      return { type: "selectLayer", layerId: message.layerId === null ? null : string(message, "layerId", MAX_ID_LENGTH) };
    case "revealInText":
      keys("path");
      return { type: "revealInText", path: jsonPath(message.path, "path") };
    case "showInText":
      keys("path");
      return { type: "showInText", path: jsonPath(message.path, "path") };
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
      return fail(`unknown message type ${shortText(message.type, 40)}`);
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
