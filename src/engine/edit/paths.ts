/**
 * Minimal, style-preserving edits by JSON path (the engine's SpecEdit): set or create a
 * value, insert into an array, remove a key or an element.
 */
import type { Node, ParseError } from "jsonc-parser";
import { jsonTreeOf } from "../jsonTree";
import type { JsonPath, SpecEdit } from "../types";
import { insertElement, removeElement, replaceNode, type ElementContext } from "./containers";
import { formatProperty, formatValue } from "./jsonLayout";
import { nodeAt } from "./nodeAt";
import { detectStyle, type DocumentStyle } from "./style";
import type { TextEdit } from "./textEdit";
import { indentAt, spansLines } from "./trivia";

export interface ParsedText {
  text: string;
  root: Node | undefined;
  errors: ParseError[];
  style: DocumentStyle;
}

/** Parses JSON with comments and trailing commas, as the engine does. */
export function parseText(text: string): ParsedText {
  const { root, errors } = jsonTreeOf(text);
  return { text, root, errors: [...errors], style: detectStyle(text, root) };
}

/** Thrown for a path that does not fit the document (caught at the intent boundary). */
export class PathError extends Error {}

/** Layout for a new array element: match the neighbours (one-line when there are none). */
export function elementLayout(context: ElementContext): { multiline: boolean; indent: string } {
  return { multiline: context.siblingMultiline ?? false, indent: context.indent };
}

/** Layout for a new property value: objects go one key per line only in multi-line objects. */
export function propertyLayout(context: ElementContext): { multiline: boolean; indent: string } {
  return { multiline: context.containerMultiline, indent: context.indent };
}

/** Sets the value at `path`, creating the key (and missing parent objects) when absent. */
export function setAtPath(parsed: ParsedText, path: JsonPath, value: unknown): TextEdit[] {
  const { text, root, style } = parsed;
  if (!root) throw new PathError("The document is empty");
  const node = nodeAt(root, path);
  if (node) {
    const layout = { multiline: spansLines(text, node.offset, node.offset + node.length), indent: indentAt(text, node.offset) };
    return replaceNode(node, formatValue(value, style, layout));
  }
  if (path.length === 0) throw new PathError("Cannot replace the whole document");
  const key = path[path.length - 1];
  const parentPath = path.slice(0, -1);
  const parent = nodeAt(root, parentPath);
  if (!parent) {
    if (typeof key !== "string") throw new PathError(`No array at ${formatPath(parentPath)}`);
    return setAtPath(parsed, parentPath, { [key]: value });
  }
  if (parent.type === "array" && typeof key === "number") return insertAtPath(parsed, path, value);
  if (parent.type !== "object" || typeof key !== "string") {
    throw new PathError(`Cannot set ${formatPath(path)}: the parent is not an object`);
  }
  const render = (context: ElementContext): string => formatProperty(key, value, style, propertyLayout(context));
  return insertElement(text, parent, parent.children?.length ?? 0, render, style, false);
}

/** Inserts `value` into the array at path[:-1], at the index path ends with (its length appends). */
export function insertAtPath(parsed: ParsedText, path: JsonPath, value: unknown): TextEdit[] {
  const { text, root, style } = parsed;
  const index = path[path.length - 1];
  const array = root ? nodeAt(root, path.slice(0, -1)) : undefined;
  if (!array || array.type !== "array" || typeof index !== "number") {
    throw new PathError(`No array to insert into at ${formatPath(path)}`);
  }
  const count = array.children?.length ?? 0;
  if (!Number.isInteger(index) || index < 0 || index > count) {
    throw new PathError(`Index ${index} is outside 0..${count} at ${formatPath(path.slice(0, -1))}`);
  }
  const holdsObjects = value !== null && typeof value === "object" && !Array.isArray(value);
  const render = (context: ElementContext): string => formatValue(value, style, elementLayout(context));
  return insertElement(text, array, index, render, style, holdsObjects);
}

/** Removes the key or array element at `path`. */
export function removeAtPath(parsed: ParsedText, path: JsonPath): TextEdit[] {
  const { text, root } = parsed;
  const node = root && path.length > 0 ? nodeAt(root, path) : undefined;
  if (!node) throw new PathError(`Nothing to remove at ${formatPath(path)}`);
  const element = node.parent?.type === "property" ? node.parent : node;
  const container = element.parent;
  if (!container) throw new PathError(`Cannot remove ${formatPath(path)}`);
  return removeElement(text, container, (container.children ?? []).indexOf(element));
}

/** One SpecEdit as text edits against `parsed.text`. */
export function specEditToTextEdits(parsed: ParsedText, edit: SpecEdit): TextEdit[] {
  switch (edit.kind) {
    case "set":
      return setAtPath(parsed, edit.path, edit.value);
    case "insert":
      return insertAtPath(parsed, edit.path, edit.value);
    case "remove":
      return removeAtPath(parsed, edit.path);
  }
}

/** `layers[3].padding` style, for messages. */
export function formatPath(path: JsonPath): string {
  return path.reduce<string>((result, segment) => (typeof segment === "number" ? `${result}[${segment}]` : result ? `${result}.${segment}` : segment), "") || "(root)";
}

/** Inserts `"key": value` as the `position`-th member of the object at `objectPath`. */
export function insertPropertyAt(parsed: ParsedText, objectPath: JsonPath, key: string, value: unknown, position: number): TextEdit[] {
  const { text, root, style } = parsed;
  const object = root ? nodeAt(root, objectPath) : undefined;
  if (!object || object.type !== "object") throw new PathError(`No object at ${formatPath(objectPath)}`);
  const render = (context: ElementContext): string => formatProperty(key, value, style, propertyLayout(context));
  const count = object.children?.length ?? 0;
  return insertElement(text, object, Math.max(0, Math.min(position, count)), render, style, false);
}

/** 1-based line and column of an offset, for messages. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - (before.lastIndexOf("\n") + 1) + 1 };
}
