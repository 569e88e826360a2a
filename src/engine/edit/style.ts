/** The formatting habits of a document, detected once so that inserted text blends in. */
import type { Node } from "jsonc-parser";
import { indentAt, spansLines } from "./trivia";

export interface DocumentStyle {
  /** Line break used by the file. */
  eol: "\n" | "\r\n";
  /** One level of indentation ("  ", "    ", "\t"). */
  indentUnit: string;
  /** Between a key and its value: ": " or ":". */
  colon: string;
  /** After a comma inside a one-line container: " " or "". */
  commaSpace: string;
  /** Inside the braces of a one-line object: " " or "". */
  braceSpace: string;
}

const defaultStyle: DocumentStyle = { eol: "\n", indentUnit: "  ", colon: ": ", commaSpace: " ", braceSpace: " " };

/** Detects the style from the text and its parse tree (defaults where the file gives no example). */
export function detectStyle(text: string, root: Node | undefined): DocumentStyle {
  const style = { ...defaultStyle };
  style.eol = text.includes("\r\n") ? "\r\n" : "\n";
  if (!root) return style;
  const unit = detectIndentUnit(text, root);
  if (unit) style.indentUnit = unit;
  const property = findNode(root, (node) => node.type === "property" && node.colonOffset !== undefined);
  if (property?.colonOffset !== undefined) {
    style.colon = text[property.colonOffset + 1] === " " ? ": " : ":";
  }
  const oneLineObject = findNode(
    root,
    (node) => node.type === "object" && (node.children?.length ?? 0) > 0 && !spansLines(text, node.offset, node.offset + node.length),
  );
  if (oneLineObject) style.braceSpace = text[oneLineObject.offset + 1] === " " ? " " : "";
  const oneLineContainer = findNode(
    root,
    (node) => (node.type === "object" || node.type === "array") && (node.children?.length ?? 0) > 1 && !spansLines(text, node.offset, node.offset + node.length),
  );
  if (oneLineContainer?.children) {
    const first = oneLineContainer.children[0];
    const between = text.slice(first.offset + first.length, oneLineContainer.children[1].offset);
    style.commaSpace = /,\s/.test(between) ? " " : "";
  }
  return style;
}

function detectIndentUnit(text: string, root: Node): string | undefined {
  const first = root.children?.[0];
  if (!first || !spansLines(text, root.offset, first.offset)) return undefined;
  const outer = indentAt(text, root.offset);
  const inner = indentAt(text, first.offset);
  if (inner.startsWith(outer) && inner.length > outer.length) return inner.slice(outer.length);
  return undefined;
}

/** Depth-first search in document order. */
export function findNode(node: Node, predicate: (node: Node) => boolean): Node | undefined {
  if (predicate(node)) return node;
  for (const child of node.children ?? []) {
    const found = findNode(child, predicate);
    if (found) return found;
  }
  return undefined;
}
