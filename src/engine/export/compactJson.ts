/**
 * JSON text in the templates' style: `{ "id": "c1", "type": "conv2d", "kernel": 5 }` on one
 * line, with the top level and chosen lists written one entry per line. Strings are written
 * with their control, separator and bidirectional characters escaped (escapes.ts). Pure.
 */
import { MAX_EXPORT_NESTING } from "../limits";
import { jsonWithSafeCharacters, visibleEscapes } from "./escapes";

/** Path segments shown in a message about an unwritable value (a deep path is cut). */
const SHOWN_PATH_SEGMENTS = 8;

function describePath(path: readonly (string | number)[]): string {
  const shown = path.slice(0, SHOWN_PATH_SEGMENTS).map((segment, position) => {
    if (typeof segment === "number") return `[${segment}]`;
    const key = segment.length > 40 ? `${segment.slice(0, 40)}…` : segment;
    return /^[A-Za-z_$][\w$]*$/.test(key) ? `${position === 0 ? "" : "."}${key}` : `[${visibleEscapes(JSON.stringify(key))}]`;
  });
  return `"${shown.join("")}${path.length > SHOWN_PATH_SEGMENTS ? "…" : ""}"`;
}

/**
 * Why `value` cannot be written as JSON, or null: a number that is not finite (a file's
 * 1e400 reads as Infinity), nesting deeper than MAX_EXPORT_NESTING, or a value JSON has no
 * form for. Iterative (an explicit stack), so any depth is checked without recursion; the
 * writers below recurse only into values this accepted.
 */
export function unwritableValue(value: unknown, maxDepth = MAX_EXPORT_NESTING): string | null {
  // A first pass keeps only values and depths (no allocation per value); the rare failing value is found again with its path.
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length > 0) {
    const current = values.pop();
    const depth = depths.pop() as number;
    if (typeof current === "object" && current !== null) {
      if (depth >= maxDepth) return problemWithPath(value, maxDepth);
      const members = Array.isArray(current) ? current : Object.values(current);
      for (const member of members) {
        values.push(member);
        depths.push(depth + 1);
      }
    } else if (!isWritableScalar(current)) {
      return problemWithPath(value, maxDepth);
    }
  }
  return null;
}

function isWritableScalar(value: unknown): boolean {
  return typeof value === "number" ? Number.isFinite(value) : value === null || value === undefined || typeof value === "string" || typeof value === "boolean";
}

/** unwritableValue's message, the value found again in the same order with its path. */
function problemWithPath(value: unknown, maxDepth: number): string {
  interface Entry { value: unknown; depth: number; key: string | number | null; parent: Entry | null }
  const pathOf = (entry: Entry): (string | number)[] => {
    const path: (string | number)[] = [];
    for (let at: Entry | null = entry; at && at.key !== null; at = at.parent) path.push(at.key);
    return path.reverse();
  };
  const stack: Entry[] = [{ value, depth: 0, key: null, parent: null }];
  while (stack.length > 0) {
    const entry = stack.pop() as Entry;
    const current = entry.value;
    if (typeof current === "object" && current !== null) {
      if (entry.depth >= maxDepth) return `the value at ${describePath(pathOf(entry))} is nested more than ${maxDepth} levels deep.`;
      const members: [string | number, unknown][] = Array.isArray(current)
        ? current.map((member, index) => [index, member])
        : Object.entries(current);
      for (let index = members.length - 1; index >= 0; index--) stack.push({
        value: members[index][1], depth: entry.depth + 1, key: members[index][0], parent: entry,
      });
    } else if (typeof current === "number" && !Number.isFinite(current)) {
      const what = Number.isNaN(current) ? "not a number" : `too large for a JSON number (it reads as ${current > 0 ? "" : "minus "}infinity)`;
      return `the number at ${describePath(pathOf(entry))} is ${what}; write it as a string or a smaller number.`;
    } else if (!isWritableScalar(current)) {
      return `the value at ${describePath(pathOf(entry))} is a ${typeof current}, which JSON cannot hold.`;
    }
  }
  return "it holds a value JSON cannot hold.";
}

/**
 * The writers below use JSON.stringify's string literals as they are; the unsafe characters
 * those keep raw (DEL, C1, separators, bidirectional controls, BOM) can only stand inside
 * string literals (the rest of the text is ASCII punctuation, digits and spaces), so one
 * jsonWithSafeCharacters pass over the finished text escapes them all: the same JSON value,
 * safe to print, at one regular-expression scan per document rather than one per string.
 */
function compact(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || typeof value === "boolean") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} as JSON`); // unwritableValue refuses these first
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    let text = "[";
    for (let index = 0; index < value.length; index++) text += (index === 0 ? "" : ", ") + compact(value[index]);
    return `${text}]`;
  }
  if (typeof value === "object") {
    let text = "";
    for (const key of Object.keys(value as Record<string, unknown>)) {
      const member = (value as Record<string, unknown>)[key];
      if (member === undefined) continue;
      text += `${text === "" ? "{ " : ", "}${JSON.stringify(key)}: ${compact(member)}`;
    }
    return text === "" ? "{}" : `${text} }`;
  }
  throw new Error(`Cannot write a ${typeof value} as JSON`);
}

/** One line: `{ "a": 1, "b": [2, 3] }`, `[]`, `{}`. Throws for values JSON cannot hold (check them with unwritableValue). */
export function compactJson(value: unknown): string {
  return jsonWithSafeCharacters(compact(value));
}

/**
 * A top-level object, one key per line. `expanded` says, per key, how many levels of its value
 * (objects or arrays) are written one entry per line; deeper values are compact.
 */
export function topLevelJson(value: Record<string, unknown>, expanded: Readonly<Record<string, number>>): string {
  return jsonWithSafeCharacters(expandedJson(value, 1 + Math.max(0, ...Object.values(expanded)), "", expanded)) + "\n";
}

/** Values whose compact form is at most this long stay on one line even where expanded. */
const SHORT_LINE = 60;

function expandedJson(value: unknown, levels: number, indent: string, expandedKeys?: Readonly<Record<string, number>>): string {
  const isArray = Array.isArray(value);
  if (levels <= 0 || typeof value !== "object" || value === null) return compact(value);
  if (!expandedKeys) {
    const short = compact(value);
    if (short.length <= SHORT_LINE) return short;
  }
  const entries: [string | null, unknown][] = isArray
    ? (value as unknown[]).map((item) => [null, item])
    : Object.entries(value as Record<string, unknown>).filter(([, member]) => member !== undefined);
  if (entries.length === 0) return isArray ? "[]" : "{}";
  const inner = indent + "  ";
  const lines = entries.map(([key, member]) => {
    const depth = expandedKeys ? (key !== null ? (expandedKeys[key] ?? 0) : 0) : levels - 1;
    return `${inner}${key === null ? "" : `${JSON.stringify(key)}: `}${expandedJson(member, depth, inner)}`;
  });
  return `${isArray ? "[" : "{"}\n${lines.join(",\n")}\n${indent}${isArray ? "]" : "}"}`;
}
