/** Renders JSON values in a document's style: one-line or one key per line. */
import type { DocumentStyle } from "./style";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface ValueLayout {
  /** Objects (and arrays holding objects) one item per line, indented from `indent`. */
  multiline: boolean;
  /** Leading whitespace of the line the value starts on. */
  indent: string;
}

/** `value` as JSON text that fits the document's style. Throws for values JSON cannot hold. */
export function formatValue(value: unknown, style: DocumentStyle, layout: ValueLayout): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} as JSON`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return formatArray(value, style, layout);
  if (typeof value === "object") return formatObject(value as Record<string, unknown>, style, layout);
  throw new Error(`Cannot write a ${typeof value} as JSON`);
}

/** `"key": value` for an object member. */
export function formatProperty(key: string, value: unknown, style: DocumentStyle, layout: ValueLayout): string {
  return JSON.stringify(key) + style.colon + formatValue(value, style, layout);
}

function formatArray(items: unknown[], style: DocumentStyle, layout: ValueLayout): string {
  const holdsObjects = items.some((item) => item !== null && typeof item === "object" && !Array.isArray(item));
  if (layout.multiline && holdsObjects) {
    const inner = layout.indent + style.indentUnit;
    const lines = items.map((item) => inner + formatValue(item, style, { multiline: true, indent: inner }));
    return "[" + style.eol + lines.join("," + style.eol) + style.eol + layout.indent + "]";
  }
  const oneLine = { multiline: false, indent: layout.indent };
  return "[" + items.map((item) => formatValue(item, style, oneLine)).join("," + style.commaSpace) + "]";
}

function formatObject(object: Record<string, unknown>, style: DocumentStyle, layout: ValueLayout): string {
  const keys = Object.keys(object).filter((key) => object[key] !== undefined);
  if (keys.length === 0) return "{}";
  if (layout.multiline) {
    const inner = layout.indent + style.indentUnit;
    const lines = keys.map((key) => inner + formatProperty(key, object[key], style, { multiline: true, indent: inner }));
    return "{" + style.eol + lines.join("," + style.eol) + style.eol + layout.indent + "}";
  }
  const oneLine = { multiline: false, indent: layout.indent };
  const members = keys.map((key) => formatProperty(key, object[key], style, oneLine));
  return "{" + style.braceSpace + members.join("," + style.commaSpace) + style.braceSpace + "}";
}
