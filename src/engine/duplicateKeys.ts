/**
 * Keys written more than once in one object. JSON.parse (and so the analysis and every edit)
 * reads the last copy and silently ignores the others, so each copy gets a warning that says
 * which one is read, with the other copies as related locations. One pass over the text,
 * without a tree: strings and comments are skipped, nothing recurses.
 */
import type { Diagnostic, JsonPath, RelatedLocation } from "./types";

/** A hostile file can repeat a key 100,000 times; the first copies reported are enough. */
export const MAX_DUPLICATE_KEY_DIAGNOSTICS = 200;
/** The copy that is read names at most this many ignored copies. */
const MAX_RELATED_COPIES = 5;

interface KeyCopy {
  offset: number;
  length: number;
}

interface Frame {
  object: boolean;
  /**
   * The enclosing container and this one's key or index in it (paths are
   * built only for duplicates: 100,000 levels of nesting must stay linear).
   */
  parent: Frame | undefined;
  segment: string | number;
  /** Objects: the copies of each key; arrays: unused. */
  keys: Map<string, KeyCopy[]>;
  expectKey: boolean;
  currentKey: string;
  /** Arrays: the index of the current element. */
  index: number;
}

function frame(object: boolean, parent: Frame | undefined): Frame {
  const segment = parent ? (parent.object ? parent.currentKey : parent.index) : "";
  return { object, parent, segment, keys: new Map(), expectKey: object, currentKey: "", index: 0 };
}

function pathOf(container: Frame): JsonPath {
  const path: JsonPath = [];
  for (let current: Frame | undefined = container; current?.parent; current = current.parent) path.push(current.segment);
  return path.reverse();
}

/** The offset just after a string that opens at `open` (its closing quote included). */
function stringEnd(text: string, open: number): number {
  for (let index = open + 1; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x5c) index++;
    else if (code === 0x22) return index + 1;
    else if (code === 0x0a) return index;
  }
  return text.length;
}

function keyValue(raw: string): string {
  if (!raw.includes("\\")) return raw.slice(1, -1);
  try {
    return String(JSON.parse(raw));
  } catch {
    return raw.slice(1, -1);
  }
}

/** Every duplicated key of every object in `text` (JSON with comments), in text order. */
export function findDuplicateKeys(text: string): { path: JsonPath; key: string; copies: KeyCopy[] }[] {
  const found: { path: JsonPath; key: string; copies: KeyCopy[] }[] = [];
  const stack: Frame[] = [];
  const close = (): void => {
    const done = stack.pop();
    if (!done?.object) return;
    for (const [key, copies] of done.keys) if (copies.length > 1) found.push({ path: pathOf(done), key, copies });
  };
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const top = stack[stack.length - 1];
    if (code === 0x22) {
      const end = stringEnd(text, index);
      if (top?.object && top.expectKey) {
        const key = keyValue(text.slice(index, end));
        const copies = top.keys.get(key);
        if (copies) copies.push({ offset: index, length: end - index });
        else top.keys.set(key, [{ offset: index, length: end - index }]);
        top.currentKey = key;
        top.expectKey = false;
      }
      index = end - 1;
    } else if (code === 0x2f && text.charCodeAt(index + 1) === 0x2f) {
      const newline = text.indexOf("\n", index);
      index = newline < 0 ? text.length : newline;
    } else if (code === 0x2f && text.charCodeAt(index + 1) === 0x2a) {
      const end = text.indexOf("*/", index + 2);
      index = end < 0 ? text.length : end + 1;
    } else if (code === 0x7b || code === 0x5b) {
      stack.push(frame(code === 0x7b, top));
    } else if (code === 0x7d || code === 0x5d) {
      close();
    } else if (code === 0x2c && top) {
      if (top.object) top.expectKey = true;
      else top.index++;
    }
  }
  while (stack.length > 0) close();
  return found.sort((a, b) => a.copies[0].offset - b.copies[0].offset);
}

/** 1-based line of each offset, from one table of line starts. */
function lineOf(text: string): (offset: number) => number {
  const starts = [0];
  for (let index = text.indexOf("\n"); index >= 0; index = text.indexOf("\n", index + 1)) starts.push(index + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}

/** `duplicate-key` warnings: one at every copy of a repeated key, the others as related locations. */
export function duplicateKeyDiagnostics(text: string): Diagnostic[] {
  const duplicates = findDuplicateKeys(text);
  if (duplicates.length === 0) return [];
  const line = lineOf(text);
  const diagnostics: Diagnostic[] = [];
  for (const { path, key, copies } of duplicates) {
    const keyPath = [...path, key];
    const last = copies[copies.length - 1];
    const earlier = copies.slice(0, -1);
    const shown = earlier.slice(0, MAX_RELATED_COPIES);
    const more = earlier.length > shown.length ? ` and ${earlier.length - shown.length} more` : "";
    const relatedTo = (other: KeyCopy): RelatedLocation => ({
      path: keyPath, message: `${JSON.stringify(key)} is also written here${other === last ? " (the copy that is read)" : ""}`, offset: other.offset, length: other.length,
    });
    for (let position = 0; position < copies.length && diagnostics.length < MAX_DUPLICATE_KEY_DIAGNOSTICS; position++) {
      const copy = copies[position];
      const read = copy === last;
      const role = read
        ? `this copy is the one read; the ${earlier.length === 1 ? "other one" : "others"} (line ${shown.map((other) => line(other.offset)).join(", ")}${more}) ${earlier.length === 1 ? "is" : "are"} ignored`
        : `this copy is ignored; the last one (line ${line(last.offset)}) is read`;
      diagnostics.push({
        severity: "warning",
        code: "duplicate-key",
        message: `${JSON.stringify(key)} is written ${copies.length} times in this object (copy ${position + 1}); ${role}. Delete the copies you do not mean, so that the text says what the designer uses.`,
        path: keyPath,
        offset: copy.offset,
        length: copy.length,
        related: read ? shown.map(relatedTo) : [relatedTo(last)],
      });
    }
  }
  return diagnostics;
}
