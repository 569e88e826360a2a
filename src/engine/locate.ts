/** JSON path → text range, falling back to the nearest existing ancestor. */
import { type Node, parseTree } from "jsonc-parser";
import type { JsonPath } from "./types";

export interface TextRange {
  offset: number;
  length: number;
}

function propertyNamed(node: Node, key: string): Node | undefined {
  const children = node.children ?? [];
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

/** The text range of `path` in `text` (any JSON path; falls back to the nearest ancestor). */
export function locate(text: string, path: JsonPath): TextRange {
  try {
    const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
    return root ? locateInTree(root, path) : { offset: 0, length: 0 };
  } catch {
    return { offset: 0, length: 0 };
  }
}
