/**
 * JSON text in the templates' style: `{ "id": "c1", "type": "conv2d", "kernel": 5 }` on one
 * line, with the top level and chosen lists written one entry per line. Strings are written
 * with their control, separator and bidirectional characters escaped (escapes.ts). Pure.
 */
import { jsonWithSafeCharacters } from "./escapes";

/** A JSON string literal that prints safely: the same value as JSON.stringify's. */
function jsonString(text: string): string {
  return jsonWithSafeCharacters(JSON.stringify(text));
}

/** One line: `{ "a": 1, "b": [2, 3] }`, `[]`, `{}`. Throws for values JSON cannot hold. */
export function compactJson(value: unknown): string {
  if (typeof value === "string") return jsonString(value);
  if (value === null || typeof value === "boolean") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} as JSON`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(compactJson).join(", ")}]`;
  if (typeof value === "object") {
    const members = Object.entries(value as Record<string, unknown>).filter(([, member]) => member !== undefined);
    if (members.length === 0) return "{}";
    return `{ ${members.map(([key, member]) => `${jsonString(key)}: ${compactJson(member)}`).join(", ")} }`;
  }
  throw new Error(`Cannot write a ${typeof value} as JSON`);
}

/**
 * A top-level object, one key per line. `expanded` says, per key, how many levels of its value
 * (objects or arrays) are written one entry per line; deeper values are compact.
 */
export function topLevelJson(value: Record<string, unknown>, expanded: Readonly<Record<string, number>>): string {
  return expandedJson(value, 1 + Math.max(0, ...Object.values(expanded)), "", expanded) + "\n";
}

/** Values whose compact form is at most this long stay on one line even where expanded. */
const SHORT_LINE = 60;

function expandedJson(value: unknown, levels: number, indent: string, expandedKeys?: Readonly<Record<string, number>>): string {
  const isArray = Array.isArray(value);
  if (levels <= 0 || typeof value !== "object" || value === null) return compactJson(value);
  if (!expandedKeys && compactJson(value).length <= SHORT_LINE) return compactJson(value);
  const entries: [string | null, unknown][] = isArray
    ? (value as unknown[]).map((item) => [null, item])
    : Object.entries(value as Record<string, unknown>).filter(([, member]) => member !== undefined);
  if (entries.length === 0) return isArray ? "[]" : "{}";
  const inner = indent + "  ";
  const lines = entries.map(([key, member]) => {
    const depth = expandedKeys ? (key !== null ? (expandedKeys[key] ?? 0) : 0) : levels - 1;
    return `${inner}${key === null ? "" : `${jsonString(key)}: `}${expandedJson(member, depth, inner)}`;
  });
  return `${isArray ? "[" : "{"}\n${lines.join(",\n")}\n${indent}${isArray ? "]" : "}"}`;
}
