/**
 * Engine diagnostics → text ranges (offsets) for Problems: the engine's own offset/length
 * when it gives them, else the JSON path located in the text. Pure; the vscode.Range is
 * built at the edge (diagnostics.ts).
 */
import { locate, type Diagnostic, type JsonPath } from "../engine";

export interface OffsetRange {
  offset: number;
  length: number;
}

export interface LocatedProblem {
  diagnostic: Diagnostic;
  /** Index in analysis.diagnostics (what the designer's requestFix names). */
  index: number;
  range: OffsetRange;
  related: { range: OffsetRange; message: string }[];
}

/** Where a path is in the text (the nearest existing ancestor when it is missing). */
export function locatePath(text: string, path: JsonPath): OffsetRange {
  return locate(text, path);
}

export function locateProblems(text: string, diagnostics: readonly Diagnostic[]): LocatedProblem[] {
  return diagnostics.map((diagnostic, index) => ({
    diagnostic,
    index,
    range: diagnostic.offset !== undefined
      ? { offset: diagnostic.offset, length: diagnostic.length ?? 0 }
      : narrowToFirstLine(text, locatePath(text, diagnostic.path)),
    related: (diagnostic.related ?? []).map((related) => ({
      range: related.offset !== undefined
        ? { offset: related.offset, length: related.length ?? 0 }
        : narrowToFirstLine(text, locatePath(text, related.path)),
      message: related.message,
    })),
  }));
}

/** A multi-line range (a whole layer object, say) is cut to its first line, so the squiggle stays readable. */
export function narrowToFirstLine(text: string, range: OffsetRange): OffsetRange {
  const newline = text.indexOf("\n", range.offset);
  if (newline < 0 || newline >= range.offset + range.length) return range;
  const lineEnd = newline > range.offset && text[newline - 1] === "\r" ? newline - 1 : newline;
  return { offset: range.offset, length: Math.max(1, lineEnd - range.offset) };
}
