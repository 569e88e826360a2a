/**
 * JSON path → text range, falling back to the nearest existing ancestor. Linear in the text
 * however many paths are located: `locate` keeps the tree of the last text it parsed (callers
 * locate every diagnostic and related location of one text in a row), and objects with many
 * keys get a key index, so a path step is O(1) amortised rather than a scan of the keys.
 */
import type { Node } from "jsonc-parser";
import { jsonTreeOf } from "./jsonTree";
import type { JsonPath } from "./types";

export interface TextRange {
  offset: number;
  length: number;
}

/** Objects with more keys than this get a key → property index on first use. */
const INDEXED_OBJECT_KEYS = 16;

const keyIndexes = new WeakMap<Node, Map<string, Node>>();

function keyIndex(node: Node, children: Node[]): Map<string, Node> {
  let index = keyIndexes.get(node);
  if (!index) {
    index = new Map();
    for (const property of children) {
      const key = property.children?.[0]?.value;
      if (typeof key === "string") index.set(key, property); // the last duplicate wins, as in JSON.parse
    }
    keyIndexes.set(node, index);
  }
  return index;
}

function propertyNamed(node: Node, key: string): Node | undefined {
  const children = node.children ?? [];
  if (children.length > INDEXED_OBJECT_KEYS) return keyIndex(node, children).get(key);
  for (let index = children.length - 1; index >= 0; index--) {
    const property = children[index];
    if (property.children?.[0]?.value === key) return property;
  }
  return undefined;
}

/**
 * The range of the node at `path` in a parsed tree (the value, or with target "key" the
 * property name). Where the path does not exist, the nearest existing ancestor's range.
 */
export function locateInTree(root: Node, path: JsonPath, target?: "key"): TextRange {
  let node = root;
  let keyNode: Node | undefined;
  for (const segment of path) {
    let next: Node | undefined;
    keyNode = undefined;
    if (node.type === "object" && typeof segment === "string") {
      const property = propertyNamed(node, segment);
      keyNode = property?.children?.[0];
      next = property?.children?.[1];
    } else if (node.type === "array" && typeof segment === "number") {
      next = node.children?.[segment];
    }
    if (!next) {
      keyNode = undefined;
      break;
    }
    node = next;
  }
  const chosen = target === "key" && keyNode ? keyNode : node;
  return { offset: chosen.offset, length: chosen.length };
}

function treeOf(text: string): Node | undefined {
  return jsonTreeOf(text).root;
}

/** The text range of `path` in `text` (any JSON path; falls back to the nearest ancestor). */
export function locate(text: string, path: JsonPath): TextRange {
  const root = treeOf(text);
  return root ? locateInTree(root, path) : { offset: 0, length: 0 };
}

/** Offsets where lines start in the last text `positionInText` saw ("\n" ends a line, so "\r\n" counts once). */
let lineText: string | undefined;
let lineStarts: number[] = [0];

function lineStartsOf(text: string): number[] {
  if (text !== lineText) {
    lineStarts = [0];
    for (let index = text.indexOf("\n"); index >= 0; index = text.indexOf("\n", index + 1)) lineStarts.push(index + 1);
    lineText = text;
  }
  return lineStarts;
}

/**
 * 1-based line and column (UTF-16 code units) of an offset, clamped to the text. One pass
 * over a text, then a binary search per offset: positioning every diagnostic of a file is
 * O(text + diagnostics · log lines), not O(text · diagnostics).
 */
export function positionInText(text: string, offset: number): { line: number; column: number } {
  const clamped = Math.max(0, Math.min(offset, text.length));
  const starts = lineStartsOf(text);
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (starts[middle] <= clamped) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: clamped - starts[low] + 1 };
}
