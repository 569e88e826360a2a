/**
 * JSON path → tree node with the engine's reading of duplicate keys: the LAST copy of a key is
 * the one JSON.parse (and so the analysis) uses, so it is the one every edit targets.
 * jsonc-parser's findNodeAtLocation picks the first copy; nothing in src/engine/edit uses it.
 */
import type { Node } from "jsonc-parser";
import type { JsonPath } from "../types";

/** The property node (key and value) of the last copy of `key` in an object node. */
export function lastProperty(object: Node, key: string): Node | undefined {
  if (object.type !== "object") return undefined;
  const properties = object.children ?? [];
  for (let position = properties.length - 1; position >= 0; position--) {
    const property = properties[position];
    if (property.children?.length === 2 && property.children[0].value === key) return property;
  }
  return undefined;
}

/** Every property node of `key` in an object node, in text order (more than one: duplicates). */
export function propertiesNamed(object: Node, key: string): Node[] {
  if (object.type !== "object") return [];
  return (object.children ?? []).filter((property) => property.children?.length === 2 && property.children[0].value === key);
}

/** The value node at `path`, or undefined. Keys resolve to their last copy. */
export function nodeAt(root: Node, path: JsonPath): Node | undefined {
  let node: Node | undefined = root;
  for (const segment of path) {
    if (!node) return undefined;
    if (typeof segment === "string") {
      node = lastProperty(node, segment)?.children?.[1];
    } else {
      node = node.type === "array" && Number.isInteger(segment) ? node.children?.[segment] : undefined;
    }
  }
  return node;
}
