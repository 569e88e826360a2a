/**
 * Character-level helpers over JSON-with-comments text: whitespace, comments and lines.
 * They never look inside strings, so callers only use them between tokens.
 */

/** The offset of the next character that is neither whitespace nor inside a comment. */
export function skipTrivia(text: string, offset: number): number {
  let position = offset;
  while (position < text.length) {
    const char = text[position];
    if (char === " " || char === "\t" || char === "\n" || char === "\r") {
      position++;
    } else if (text.startsWith("//", position)) {
      const newline = text.indexOf("\n", position);
      position = newline < 0 ? text.length : newline;
    } else if (text.startsWith("/*", position)) {
      const close = text.indexOf("*/", position + 2);
      position = close < 0 ? text.length : close + 2;
    } else {
      break;
    }
  }
  return position;
}

/** The offset where the line containing `offset` starts. */
export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/** The offset of the line break (`\r\n` or `\n`) ending the line containing `offset`, or the text length. */
export function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf("\n", offset);
  if (newline < 0) return text.length;
  return newline > 0 && text[newline - 1] === "\r" ? newline - 1 : newline;
}

/** The offset just after the line break ending the line containing `offset`. */
export function nextLineStart(text: string, offset: number): number {
  const newline = text.indexOf("\n", offset);
  return newline < 0 ? text.length : newline + 1;
}

/** The leading whitespace of the line containing `offset`. */
export function indentAt(text: string, offset: number): string {
  const start = lineStart(text, offset);
  let end = start;
  while (end < text.length && (text[end] === " " || text[end] === "\t")) end++;
  return text.slice(start, end);
}

/** True when only spaces or tabs precede `offset` on its line. */
export function isFirstOnLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, offset), offset));
}

/** True when the rest of the line from `offset` holds only whitespace and comments. */
export function restOfLineIsTrivia(text: string, offset: number): boolean {
  const end = lineEnd(text, offset);
  let rest = text.slice(offset, end).trim();
  while (rest.startsWith("/*")) {
    const close = rest.indexOf("*/");
    if (close < 0) return false;
    rest = rest.slice(close + 2).trim();
  }
  return rest === "" || rest.startsWith("//");
}

/** True when the line containing `offset` holds nothing but a comment. */
export function isCommentLine(text: string, offset: number): boolean {
  const line = text.slice(lineStart(text, offset), lineEnd(text, offset)).trim();
  return line.startsWith("//") || (line.startsWith("/*") && line.endsWith("*/"));
}

/** True when `text` between the two offsets has a line break. */
export function spansLines(text: string, start: number, end: number): boolean {
  return text.slice(start, end).includes("\n");
}
