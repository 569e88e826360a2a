/**
 * The analysis of one document version, cached so that the designer, Problems, hovers and
 * lenses share it. While the text is not valid JSON the last good analysis is kept and the
 * parse error is reported (line:column) for the designer's banner. No vscode at runtime.
 */
import { getNodeValue, printParseErrorCode } from "jsonc-parser";
import { analyze, type Analysis, type AnalyzeOptions } from "../engine";
import { indexLayers, lineColumn, parseText, type LayerIndex, type ParsedText } from "../engine/edit";
import { detectStyle } from "../engine/edit/style";
import type { DocumentState, ParseErrorInfo } from "../protocol";

export interface DocumentAnalysis {
  version: number;
  text: string;
  /** The analysis of this exact text (may be partial when the text is broken). */
  analysis: Analysis;
  /** The analysis of the latest text that was valid JSON (this one when it is). */
  lastGood: Analysis | null;
  /** The parsed spec object belonging to `lastGood` (comments stripped), for the inspector. */
  lastGoodSpec: Record<string, unknown> | null;
  parseError: ParseErrorInfo | null;
  parsed: ParsedText;
  layers: LayerIndex;
  /** The options the text was analysed with (a cached entry is reused only with the same). */
  options: AnalyzeOptions;
}

/** Analyses a text; `previousGood` is kept when this one does not parse. */
export function analyzeText(
  text: string,
  version: number,
  previousGood: Analysis | null,
  previousGoodSpec: Record<string, unknown> | null = null,
  options: AnalyzeOptions = {},
): DocumentAnalysis {
  const analysis = analyze(text, options);
  const readable = readForEditing(text);
  if (!readable) {
    const { line, column } = lineColumn(text, nestingLimitOffset(text));
    const parseError = { line, column, message: `the text is nested more than ${MAX_EDITABLE_DEPTH} levels deep here, too deep to read` };
    const parsed: ParsedText = { text, root: undefined, errors: [], style: detectStyle(text, undefined) };
    return {
      version, text, analysis, lastGood: previousGood, lastGoodSpec: previousGoodSpec, parseError, parsed,
      layers: indexLayers(parsed), options,
    };
  }
  const { parsed, layers } = readable;
  const firstError = parsed.errors[0];
  let parseError: ParseErrorInfo | null = null;
  if (firstError) {
    const { line, column } = lineColumn(text, firstError.offset);
    parseError = { line, column, message: describeParseError(printParseErrorCode(firstError.error)) };
  }
  const lastGood = parseError ? previousGood : analysis;
  const lastGoodSpec = parseError ? previousGoodSpec : readable.spec;
  return { version, text, analysis, lastGood, lastGoodSpec, parseError, parsed, layers, options };
}

/** Nesting deeper than this is refused before the recursive tree parser could overflow the stack. */
export const MAX_EDITABLE_DEPTH = 1000;

/** The offset of the first bracket that opens nesting level MAX_EDITABLE_DEPTH + 1 (strings and comments skipped); -1 if none. */
export function nestingLimitOffset(text: string): number {
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x22) index = skipString(text, index);
    else if (code === 0x2f && text[index + 1] === "/") index = endOf(text.indexOf("\n", index), text.length);
    else if (code === 0x2f && text[index + 1] === "*") index = endOf(text.indexOf("*/", index + 2) + 1, text.length);
    else if (code === 0x5b || code === 0x7b) {
      if (++depth > MAX_EDITABLE_DEPTH) return index;
    } else if (code === 0x5d || code === 0x7d) depth = Math.max(0, depth - 1);
  }
  return -1;
}

function endOf(found: number, length: number): number {
  return found <= 0 ? length : found;
}

/** The index of a string's closing quote (or the end of the text). */
function skipString(text: string, open: number): number {
  for (let index = open + 1; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x5c) index++;
    else if (code === 0x22 || code === 0x0a) return index;
  }
  return text.length;
}

/**
 * The syntax tree, layer index and spec object, or undefined when the text nests too deeply for
 * them: jsonc-parser's tree and the code walking it recurse once per level, so 100,000 `[`
 * would overflow the extension host's stack in every feature that reads the document.
 */
function readForEditing(text: string): { parsed: ParsedText; layers: LayerIndex; spec: Record<string, unknown> | null } | undefined {
  if (nestingLimitOffset(text) >= 0) return undefined;
  const parsed = parseText(text);
  return { parsed, layers: indexLayers(parsed), spec: specObject(parsed) };
}

function specObject(parsed: ParsedText): Record<string, unknown> | null {
  if (parsed.root?.type !== "object") return null;
  return getNodeValue(parsed.root) as Record<string, unknown>;
}

/** "CommaExpected" → "comma expected". */
function describeParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/** What the designer shows: the last good analysis plus the banner info. */
export function toDocumentState(result: DocumentAnalysis): DocumentState {
  return {
    docVersion: result.version,
    analysis: result.lastGood ?? result.analysis,
    parseError: result.parseError,
    spec: result.lastGood ? specForView(result.lastGoodSpec) : null,
  };
}

/** The keys the designer reads (`input` and `layers`, plus the title): other top-level keys, however large, stay on the host. */
const viewedSpecKeys = ["version", "name", "input", "layers"] as const;

function specForView(spec: Record<string, unknown> | null): Record<string, unknown> | null {
  if (spec === null) return null;
  const viewed: Record<string, unknown> = {};
  for (const key of viewedSpecKeys) if (Object.hasOwn(spec, key)) viewed[key] = spec[key];
  return viewed;
}

/** Minimal view of a text document (vscode.TextDocument fits). */
export interface VersionedText {
  readonly version: number;
  getText(): string;
}

/** Per-document cache keyed by a document key (the URI string). */
export class AnalysisStore {
  private readonly entries = new Map<string, DocumentAnalysis>();

  /** `options` is read on every lookup (a settings change takes effect on the next one). */
  constructor(private readonly options: () => AnalyzeOptions = () => ({})) {}

  get(key: string, document: VersionedText): DocumentAnalysis {
    const cached = this.entries.get(key);
    const text = document.getText();
    const options = this.options();
    const sameOptions = cached !== undefined && cached.options.quietReadNotes === options.quietReadNotes;
    if (cached && sameOptions && cached.version === document.version && cached.text === text) return cached;
    const result = analyzeText(text, document.version, cached?.lastGood ?? null, cached?.lastGoodSpec ?? null, options);
    this.entries.set(key, result);
    return result;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
