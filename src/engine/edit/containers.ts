/**
 * Style-preserving insertion into and removal from JSON arrays and objects (an object's
 * elements are its properties). Only the characters that must change are touched:
 * neighbouring comments, blank lines and formatting stay as they were.
 */
import type { Node } from "jsonc-parser";
import type { DocumentStyle } from "./style";
import type { TextEdit } from "./textEdit";
import {
  indentAt, isCommentLine, isFirstOnLine, lineEnd, lineStart, nextLineStart, restOfLineIsTrivia, skipTrivia, spansLines,
} from "./trivia";

/** Where a new element goes, for its renderer. */
export interface ElementContext {
  /** Leading whitespace of the line the element starts on. */
  indent: string;
  /** The container puts its elements on separate lines. */
  containerMultiline: boolean;
  /** Whether a neighbouring element spans several lines (undefined: no neighbours). */
  siblingMultiline: boolean | undefined;
}

export type ElementRenderer = (context: ElementContext) => string;

const end = (node: Node): number => node.offset + node.length;

/**
 * Inserts a rendered element at `index` (its length appends). `lineComment` (a moved element's
 * trailing comment) is written after the element and its comma, and ends the line.
 */
export function insertElement(
  text: string, container: Node, index: number, render: ElementRenderer, style: DocumentStyle, emptyMultiline: boolean,
  lineComment?: string,
): TextEdit[] {
  if (lineComment === undefined) return insertRendered(text, container, index, render, style, emptyMultiline);
  const comment = " " + lineComment;
  const children = container.children ?? [];
  const multiline = children.length > 0 && spansLines(text, container.offset, end(container));
  if (!multiline) return insertRendered(text, container, index, (context) => render(context) + " " + asBlockComment(lineComment), style, emptyMultiline);
  if (index === children.length) return insertRendered(
    text, container, index, (context) => render(context), style, emptyMultiline, comment,
  );
  const before = children[index];
  const indent = indentAt(text, before.offset);
  const context = { indent, containerMultiline: true, siblingMultiline: spansLines(text, before.offset, end(before)) };
  if (!isFirstOnLine(text, before.offset)) {
    return [{ offset: before.offset, length: 0, content: render(context) + "," + comment + style.eol + indent }];
  }
  const at = startOfLeadingComments(text, before, index > 0 ? end(children[index - 1]) : container.offset + 1);
  return [{ offset: at, length: 0, content: indent + render(context) + "," + comment + style.eol }];
}

function insertRendered(
  text: string, container: Node, index: number, render: ElementRenderer, style: DocumentStyle, emptyMultiline: boolean, appendedComment = "",
): TextEdit[] {
  const children = container.children ?? [];
  if (index < 0 || index > children.length) throw new Error(`Index ${index} outside 0..${children.length}`);
  if (children.length === 0) return insertIntoEmpty(text, container, render, style, emptyMultiline);
  const multiline = spansLines(text, container.offset, end(container));
  const neighbour = children[Math.min(index, children.length - 1)];
  const siblingMultiline = spansLines(text, neighbour.offset, end(neighbour));
  if (!multiline) {
    const content = render({ indent: indentAt(text, container.offset), containerMultiline: false, siblingMultiline });
    return insertOneLine(text, children, index, content, style);
  }
  if (index < children.length) {
    const before = children[index];
    const context = { indent: indentAt(text, before.offset), containerMultiline: true, siblingMultiline };
    if (!isFirstOnLine(text, before.offset)) {
      return [{ offset: before.offset, length: 0, content: render(context) + "," + style.commaSpace }];
    }
    const at = startOfLeadingComments(text, before, index > 0 ? end(children[index - 1]) : container.offset + 1);
    return [{ offset: at, length: 0, content: context.indent + render(context) + "," + style.eol }];
  }
  return appendMultiline(text, container, children[children.length - 1], render, style, siblingMultiline, appendedComment);
}

function insertIntoEmpty(
  text: string, container: Node, render: ElementRenderer, style: DocumentStyle, emptyMultiline: boolean,
): TextEdit[] {
  const open = container.offset;
  const close = end(container) - 1;
  const interior = text.slice(open + 1, close);
  const onlyWhitespace = interior.trim() === "";
  const multiline = emptyMultiline || interior.includes("\n");
  const outerIndent = indentAt(text, open);
  if (multiline) {
    const indent = outerIndent + style.indentUnit;
    const content = render({ indent, containerMultiline: true, siblingMultiline: undefined });
    const element = style.eol + indent + content + style.eol + outerIndent;
    return onlyWhitespace
      ? [{ offset: open + 1, length: interior.length, content: element }]
      : [{ offset: open + 1, length: 0, content: style.eol + indent + content }];
  }
  const content = render({ indent: outerIndent, containerMultiline: false, siblingMultiline: undefined });
  const pad = container.type === "object" ? style.braceSpace : "";
  return onlyWhitespace
    ? [{ offset: open + 1, length: interior.length, content: pad + content + pad }]
    : [{ offset: open + 1, length: 0, content: pad + content }];
}

function insertOneLine(text: string, children: Node[], index: number, content: string, style: DocumentStyle): TextEdit[] {
  if (index < children.length) {
    return [{ offset: children[index].offset, length: 0, content: content + "," + style.commaSpace }];
  }
  const last = children[children.length - 1];
  const after = skipTrivia(text, end(last));
  if (text[after] === ",") return [{ offset: after + 1, length: 0, content: style.commaSpace + content + "," }];
  return [{ offset: end(last), length: 0, content: "," + style.commaSpace + content }];
}

function appendMultiline(
  text: string, container: Node, last: Node, render: ElementRenderer, style: DocumentStyle, siblingMultiline: boolean, comment: string,
): TextEdit[] {
  const close = end(container) - 1;
  const context = { indent: indentAt(text, last.offset), containerMultiline: true, siblingMultiline };
  const content = render(context);
  const after = skipTrivia(text, end(last));
  const trailingComma = text[after] === ",";
  const anchor = trailingComma ? after + 1 : end(last);
  const lineBreakAt = Math.min(lineEnd(text, anchor), close);
  const lineGoesOn = comment !== "" && lineBreakAt === close;
  const insertion = style.eol + context.indent + content + (trailingComma ? "," : "") + comment + (lineGoesOn ? style.eol + indentAt(text, close) : "");
  if (trailingComma || lineBreakAt === end(last)) {
    const comma = trailingComma ? "" : ",";
    return [{ offset: lineBreakAt, length: 0, content: comma + insertion }];
  }
  return [
    { offset: end(last), length: 0, content: "," },
    { offset: lineBreakAt, length: 0, content: insertion },
  ];
}

/** Moves an insertion point up over comment-only lines directly above `element` (they describe it). */
function startOfLeadingComments(text: string, element: Node, floor: number): number {
  let start = lineStart(text, element.offset);
  while (start > floor) {
    const previousLine = lineStart(text, start - 1);
    if (previousLine < floor || !isCommentLine(text, previousLine)) break;
    start = previousLine;
  }
  return start;
}

/** Removes the element at `index` with its comma; a trailing comment on its own line goes with it. */
export function removeElement(text: string, container: Node, index: number): TextEdit[] {
  const children = container.children ?? [];
  const element = children[index];
  if (!element) throw new Error(`No element ${index} in a container of ${children.length}`);
  const afterElement = skipTrivia(text, end(element));
  const commaAfter = text[afterElement] === ",";
  const elementEnd = commaAfter ? afterElement + 1 : end(element);
  const aloneOnLines = isFirstOnLine(text, element.offset) && restOfLineIsTrivia(text, elementEnd)
    && spansLines(text, container.offset, element.offset);
  if (aloneOnLines) {
    const edits: TextEdit[] = [];
    const start = lineStart(text, element.offset);
    edits.push({ offset: start, length: nextLineStart(text, elementEnd) - start, content: "" });
    if (!commaAfter && index > 0) {
      const previousComma = skipTrivia(text, end(children[index - 1]));
      if (text[previousComma] === ",") edits.push({ offset: previousComma, length: 1, content: "" });
    }
    return edits;
  }
  if (index < children.length - 1) {
    const next = children[index + 1];
    return [{ offset: element.offset, length: next.offset - element.offset, content: "" }];
  }
  if (index > 0) {
    const previousEnd = end(children[index - 1]);
    return [{ offset: previousEnd, length: end(element) - previousEnd, content: "" }];
  }
  const interiorStart = container.offset + 1;
  const interiorEnd = end(container) - 1;
  const rest = text.slice(interiorStart, element.offset) + text.slice(elementEnd, interiorEnd);
  if (rest.trim() === "") return [{ offset: interiorStart, length: interiorEnd - interiorStart, content: "" }];
  return [{ offset: element.offset, length: elementEnd - element.offset, content: "" }];
}

/** A comment that can sit inside a line: a line comment becomes a block comment. */
function asBlockComment(comment: string): string {
  if (comment.startsWith("/*") && !comment.includes("//")) return comment;
  return "/* " + comment.replace(/^\/\/\s?/, "").replace(/\*\//g, "* /") + " */";
}

/** Replaces a value node with new text. */
export function replaceNode(node: Node, content: string): TextEdit[] {
  return [{ offset: node.offset, length: node.length, content }];
}
