/** Text or object → plain value (+ the jsonc tree for positions), never throwing. */
import { type Node, type ParseError, parse, printParseErrorCode } from "jsonc-parser";
import { jsonTreeOf } from "./jsonTree";
import { MAX_PARSE_ERRORS } from "./limits";
import { stripJsonComments } from "./stripComments";
import type { Diagnostic } from "./types";

export interface ParsedSpec {
  value: unknown;
  /** Builds the jsonc tree for positions (only when analyze got a string that parsed). */
  tree?: () => Node | undefined;
  failed: boolean;
  diagnostics: Diagnostic[];
}

const ERROR_TEXT: Record<string, string> = {
  InvalidSymbol: "unexpected character", InvalidNumberFormat: "invalid number", PropertyNameExpected: "a property name in double quotes is expected",
  ValueExpected: "a value is expected", ColonExpected: "a colon is expected", CommaExpected: "a comma is expected",
  CloseBraceExpected: "a closing } is expected", CloseBracketExpected: "a closing ] is expected", EndOfFileExpected: "the text should end here",
  InvalidCommentToken: "invalid comment", UnexpectedEndOfComment: "the comment is not closed", UnexpectedEndOfString: "the string is not closed",
  UnexpectedEndOfNumber: "the number is cut off", InvalidUnicode: "invalid unicode escape", InvalidEscapeCharacter: "invalid escape character",
  InvalidCharacter: "invalid character in a string",
};

function lineAndColumn(text: string, offset: number): [number, number] {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text.charCodeAt(index) === 10) {
      line++;
      lineStart = index + 1;
    }
  }
  return [line, offset - lineStart + 1];
}

function parseErrorDiagnostic(text: string, error: ParseError): Diagnostic {
  const name = printParseErrorCode(error.error);
  const range = rangeInText(text, error.offset, error.length);
  const [line, column] = lineAndColumn(text, range.offset);
  return { severity: "error", code: "parse-error", message: `Not valid JSON: ${ERROR_TEXT[name] ?? name} (line ${line}, column ${column}).`, path: [], ...range };
}

/**
 * A range clamped to the text: jsonc-parser reports some errors past the end (an unclosed
 * comment in "/*" at offset 0 length 3, "a value is expected" at offset 2 length 1).
 */
export function rangeInText(text: string, offset: number, length: number): { offset: number; length: number } {
  const start = Math.max(0, Math.min(Number.isFinite(offset) ? Math.trunc(offset) : 0, text.length));
  return { offset: start, length: Math.max(0, Math.min(Number.isFinite(length) ? Math.trunc(length) : 0, text.length - start)) };
}

function failure(message: string, offset = 0): ParsedSpec {
  return { value: undefined, failed: true, diagnostics: [{ severity: "error", code: "parse-error", message, path: [], offset, length: 0 }] };
}

const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false };

/** The position tree, built lazily: only diagnostics need it, and it costs ~10× JSON.parse. */
function lazyTree(text: string): () => Node | undefined {
  return () => jsonTreeOf(text).root;
}

/** Plain JSON goes through the native parser; comments and trailing commas through jsonc. */
export function parseSpecText(text: string): ParsedSpec {
  if (text.trim() === "") return failure("The document is empty; a network spec is an object with \"input\" and \"layers\".");
  try {
    return { value: JSON.parse(text), tree: lazyTree(text), failed: false, diagnostics: [] };
  } catch {
    // not strict JSON: comments, trailing commas, or an error jsonc will locate
  }
  const withoutComments = stripJsonComments(text);
  if (withoutComments !== undefined) {
    try {
      return { value: JSON.parse(withoutComments), tree: lazyTree(text), failed: false, diagnostics: [] };
    } catch {
      // trailing commas or a real error: jsonc-parser reads it and locates any error
    }
  }
  const errors: ParseError[] = [];
  let value: unknown;
  try {
    value = parse(text, errors, PARSE_OPTIONS);
  } catch {
    return failure("Not valid JSON: the document is nested too deeply to read.");
  }
  if (errors.length > 0) return {
    value: undefined, failed: true, diagnostics: errors.slice(0, MAX_PARSE_ERRORS).map((error) => parseErrorDiagnostic(text, error)),
  };
  return { value, tree: lazyTree(text), failed: false, diagnostics: [] };
}

export function parseSpec(spec: unknown): ParsedSpec {
  if (typeof spec === "string") return parseSpecText(spec);
  return { value: spec, failed: false, diagnostics: [] };
}
