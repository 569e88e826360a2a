/**
 * Replaces // and /* *\/ comments outside strings with spaces (newlines kept), so the text
 * keeps every offset and can go through the native JSON.parse. One pass over the characters;
 * anything unusual (an unterminated string or comment) is left for jsonc-parser to report.
 */
const SLASH = 47;
const STAR = 42;
const QUOTE = 34;
const BACKSLASH = 92;
const NEWLINE = 10;
const CARRIAGE_RETURN = 13;

/** Returns the stripped text, or undefined when the text has no comment (nothing to do). */
export function stripJsonComments(text: string): string | undefined {
  if (!text.includes("/")) return undefined;
  let result = "";
  let copiedUpTo = 0;
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      index = skipString(text, index);
      continue;
    }
    if (code !== SLASH) {
      index++;
      continue;
    }
    const next = text.charCodeAt(index + 1);
    const end = next === SLASH ? lineCommentEnd(text, index) : next === STAR ? blockCommentEnd(text, index) : -1;
    if (end < 0) return undefined;
    result += text.slice(copiedUpTo, index) + blank(text.slice(index, end));
    copiedUpTo = end;
    index = end;
  }
  return copiedUpTo === 0 ? undefined : result + text.slice(copiedUpTo);
}

function skipString(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === BACKSLASH) index += 2;
    else if (code === QUOTE) return index + 1;
    else index++;
  }
  return index;
}

function lineCommentEnd(text: string, start: number): number {
  let index = start + 2;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === NEWLINE || code === CARRIAGE_RETURN) break;
    index++;
  }
  return index;
}

function blockCommentEnd(text: string, start: number): number {
  const close = text.indexOf("*/", start + 2);
  return close < 0 ? -1 : close + 2;
}

/** Same length, line breaks kept (so line/column positions stay right too). */
function blank(comment: string): string {
  return comment.replace(/[^\r\n]/g, " ");
}
