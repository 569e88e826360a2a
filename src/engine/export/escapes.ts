/**
 * Escaping for every target that user text (a design's name, layer ids, file names, messages
 * quoting them) reaches: Python source, CSV, Markdown, JSON and terminals. One home, one rule
 * per target. Pure.
 */

/**
 * Characters that never reach a target raw: C0 controls, DEL, C1 controls (8-bit CSI and OSC
 * drive terminals), the line and paragraph separators, the bidirectional controls of "Trojan
 * Source" attacks, the byte order mark, and lone surrogates.
 */
// eslint-disable-next-line no-control-regex -- matching the control characters is the point
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|\p{Cs}/gu;

function hexDigits(code: number, width: number): string {
  return code.toString(16).padStart(width, "0");
}

/** As UNSAFE_CHARACTERS, less what terminalText keeps: line feeds, tabs and the CR of a CRLF. */
// eslint-disable-next-line no-control-regex -- matching the control characters is the point
const UNSAFE_IN_TERMINAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|\r(?!\n)|\p{Cs}/gu;

/** As UNSAFE_CHARACTERS, less the C0 controls (raw ones in JSON text are its line breaks and indentation). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|\p{Cs}/gu;

/** `\x1b` for a code up to 0xff, `\u2028` up to 0xffff, `\U0001f600` above (Python's forms). */
function codeEscape(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  if (code <= 0xff) return `\\x${hexDigits(code, 2)}`;
  return code <= 0xffff ? `\\u${hexDigits(code, 4)}` : `\\U${hexDigits(code, 8)}`;
}

/** Every unsafe character as a visible escape (`\x1b`, `\x0a`, `\u202e`): one line, nothing hidden. */
export function visibleEscapes(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, codeEscape);
}

/**
 * Text for a terminal: as visibleEscapes, but line feeds, tabs and the carriage return of a
 * CRLF stay (so tables and CSV keep their lines). A lone carriage return, which would let text
 * overwrite what was printed before it, is escaped.
 */
export function terminalText(text: string): string {
  return text.replace(UNSAFE_IN_TERMINAL, codeEscape);
}

/**
 * JSON text (from JSON.stringify) with the unsafe characters it leaves raw (DEL, C1, separators,
 * bidirectional controls, BOM) written `\u0085`: the same JSON value, safe to print. Raw C0
 * characters in JSON text are its line breaks and indentation, and stay.
 */
export function jsonWithSafeCharacters(jsonText: string): string {
  return jsonText.replace(UNSAFE_IN_JSON, (character: string) => `\\u${hexDigits(character.charCodeAt(0), 4)}`);
}

/** A Python string literal: `"..."`, printable ASCII inside, everything else escaped. */
export function pythonString(text: string): string {
  const escaped = text.replace(/[^\x20-\x7e]|["\\]/gu, (character: string) => (character === '"' || character === "\\" ? `\\${character}` : codeEscape(character)));
  return `"${escaped}"`;
}

/** A Python comment line: `# ` and the text on one line, unsafe characters visibly escaped. */
export function pythonComment(text: string): string {
  return `# ${visibleEscapes(text)}`.trimEnd();
}

const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029]/g;

/**
 * A GitHub-flavoured Markdown table cell (or inline text): one line (line breaks become spaces),
 * control characters visible, `\ | * ` [ ] ~` backslash-escaped and `& < >` as entities, so
 * no cell can end the table, start a new row, or carry markup or HTML.
 */
export function markdownCell(text: string): string {
  return visibleEscapes(text.replace(LINE_BREAKS, " "))
    .replace(/[\\|*`[\]~]/g, (character) => `\\${character}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/** Text a spreadsheet would read as a formula (OWASP: = + - @ tab CR first), unless it is a plain number. */
function looksLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text) && !/^[-+]?\d+(\.\d+)?$/.test(text);
}

/**
 * One CSV field. Numbers as they are; text that a spreadsheet would run as a formula gets a
 * leading `'` (OWASP's CSV-injection rule), then RFC 4180 quoting: a field holding a comma,
 * quote, CR or LF is quoted, its quotes doubled.
 */
export function csvField(value: string | number): string {
  const text = typeof value === "number" ? String(value) : looksLikeFormula(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
