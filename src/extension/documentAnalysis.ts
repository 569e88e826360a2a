/**
 * The analysis of one document version, cached so that the designer, Problems, hovers and
 * lenses share it. While the text is not valid JSON the last good analysis is kept and the
 * parse error is reported (line:column) for the designer's banner. No vscode at runtime.
 */
import { getNodeValue, printParseErrorCode } from "jsonc-parser";
import { analyze, type Analysis } from "../engine";
import { indexLayers, lineColumn, parseText, type LayerIndex, type ParsedText } from "../engine/edit";
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
}

/** Analyses a text; `previousGood` is kept when this one does not parse. */
export function analyzeText(
  text: string,
  version: number,
  previousGood: Analysis | null,
  previousGoodSpec: Record<string, unknown> | null = null,
): DocumentAnalysis {
  const parsed = parseText(text);
  const analysis = analyze(text);
  const firstError = parsed.errors[0];
  let parseError: ParseErrorInfo | null = null;
  if (firstError) {
    const { line, column } = lineColumn(text, firstError.offset);
    parseError = { line, column, message: describeParseError(printParseErrorCode(firstError.error)) };
  }
  const lastGood = parseError ? previousGood : analysis;
  const lastGoodSpec = parseError ? previousGoodSpec : specObject(parsed);
  return { version, text, analysis, lastGood, lastGoodSpec, parseError, parsed, layers: indexLayers(parsed) };
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
    spec: result.lastGood ? result.lastGoodSpec : null,
  };
}

/** Minimal view of a text document (vscode.TextDocument fits). */
export interface VersionedText {
  readonly version: number;
  getText(): string;
}

/** Per-document cache keyed by a document key (the URI string). */
export class AnalysisStore {
  private readonly entries = new Map<string, DocumentAnalysis>();

  get(key: string, document: VersionedText): DocumentAnalysis {
    const cached = this.entries.get(key);
    const text = document.getText();
    if (cached && cached.version === document.version && cached.text === text) return cached;
    const result = analyzeText(text, document.version, cached?.lastGood ?? null, cached?.lastGoodSpec ?? null);
    this.entries.set(key, result);
    return result;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
