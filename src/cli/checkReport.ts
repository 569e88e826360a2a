/** What `cnn-designer check` prints, as pure functions of the file text and its analysis. */
import { locate, positionInText } from "../engine";
import { MAX_PRINTED_DIAGNOSTICS } from "../engine/limits";
import { jsonWithSafeCharacters, visibleEscapes } from "../engine/export/escapes";
import { summarize, toCsv, toMarkdown, toTextTable, type Summary } from "../engine/summary";
import type { Analysis, Diagnostic, JsonPath, Severity } from "../engine/types";
import type { CheckCommand } from "./args";

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units (as editors count). */
  column: number;
}

/** The file's text and its analysis, or why it could not be read. */
export type FileResult =
  | { file: string; text: string; analysis: Analysis }
  | { file: string; readError: string };

/** 1-based line and column of an offset; "\r\n" counts as one line end. */
export function positionAt(text: string, offset: number): Position {
  return positionInText(text, offset);
}

/**
 * Where a diagnostic points: its offset when the engine gave one, else the deepest node of
 * its JSON path that exists in the text, else the start of the file.
 */
export function positionOf(text: string, path: JsonPath, offset?: number): Position {
  return positionAt(text, offset ?? locate(text, path).offset);
}

/**
 * `file:line:col: severity code message`, then one indented line per related location. A
 * message quoting the file (an id with a line break, an escape sequence) stays on its line,
 * its control characters visible. `position` is the diagnostic's, when the caller has it.
 */
export function formatDiagnostic(
  file: string, text: string, diagnostic: Diagnostic, position = positionOf(text, diagnostic.path, diagnostic.offset),
): string {
  const { line, column } = position;
  let lines = `${file}:${line}:${column}: ${diagnostic.severity} ${diagnostic.code} ${visibleEscapes(diagnostic.message)}`;
  for (const related of diagnostic.related ?? []) {
    const at = positionOf(text, related.path);
    lines += `\n    ${file}:${at.line}:${at.column}: ${visibleEscapes(related.message)}`;
  }
  return lines;
}

/** Diagnostics with their positions, ordered by position in the file (stable for equal positions); each located once. */
export function positionedDiagnostics(
  text: string, diagnostics: readonly Diagnostic[],
): { diagnostic: Diagnostic; position: Position; offset: number }[] {
  const keyed = diagnostics.map((diagnostic) => {
    const offset = Math.max(0, Math.min(diagnostic.offset ?? locate(text, diagnostic.path).offset, text.length));
    return { diagnostic, offset, position: positionAt(text, offset) };
  });
  keyed.sort((a, b) => a.offset - b.offset); // line and column grow with the offset
  return keyed;
}

/** Diagnostics ordered by position in the file (stable for equal positions). */
export function sortedDiagnostics(text: string, diagnostics: Diagnostic[]): Diagnostic[] {
  return positionedDiagnostics(text, diagnostics).map((entry) => entry.diagnostic);
}

/**
 * The diagnostics formatted (formatDiagnostic) in file order: the first `limit`, then one line
 * saying how many more there are.
 */
export function formatDiagnostics(
  file: string, text: string, diagnostics: readonly Diagnostic[], limit = MAX_PRINTED_DIAGNOSTICS,
): string[] {
  const lines = positionedDiagnostics(text, diagnostics)
    .slice(0, limit)
    .map((entry) => formatDiagnostic(file, text, entry.diagnostic, entry.position));
  const more = diagnostics.length - lines.length;
  if (more > 0) lines.push(`${file}: ${plural(more, "more diagnostic")} not shown (the first ${limit} are; --json lists all)`);
  return lines;
}

export function countBySeverity(diagnostics: Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const diagnostic of diagnostics) counts[diagnostic.severity] += 1;
  return counts;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** "lenet5.cnn.json: 0 errors, 1 warning, 2 notes" (people read "note"; the data token stays `info`). */
export function countLine(file: string, diagnostics: Diagnostic[]): string {
  const counts = countBySeverity(diagnostics);
  return `${file}: ${plural(counts.error, "error")}, ${plural(counts.warning, "warning")}, ${plural(counts.info, "note")}`;
}

function renderSummary(summary: Summary, command: CheckCommand, file: string, first: boolean): string {
  if (command.format === "markdown") return toMarkdown(summary);
  if (command.format === "csv") return toCsv(summary, command.files.length > 1 ? { file, header: first } : {});
  return toTextTable(summary);
}

/**
 * The printed report of one readable file. For table and Markdown the diagnostics follow
 * the table on stdout; for CSV they go to stderr so that stdout stays one CSV document.
 * A file that could not be parsed at all gets no table.
 */
export function formatFileReport(
  result: { file: string; text: string; analysis: Analysis }, command: CheckCommand, first: boolean,
): { stdout: string; stderr: string } {
  const { file, text, analysis } = result;
  const diagnostics = formatDiagnostics(file, text, analysis.diagnostics);
  const messages = [...diagnostics, countLine(file, analysis.diagnostics)].join("\n") + "\n";
  const table = analysis.parseFailed ? "" : renderSummary(summarize(analysis, { order: command.order }), command, file, first);
  if (command.format === "csv") return { stdout: table, stderr: messages };
  const header = command.format === "table" && command.files.length > 1 ? `${file}\n` : "";
  return { stdout: `${header}${table}${table ? "\n" : ""}${messages}`, stderr: "" };
}

/** The `--json` document for all files (control and bidirectional characters \u-escaped). */
export function toJsonReport(results: FileResult[], command: CheckCommand): string {
  const files = results.map((result) => {
    if ("readError" in result) return { file: result.file, readError: result.readError };
    const { file, text, analysis } = result;
    const diagnostics = positionedDiagnostics(text, analysis.diagnostics)
      .map(({ diagnostic, position }) => ({ ...diagnostic, ...position }));
    return {
      file, name: analysis.name ?? null, parseFailed: analysis.parseFailed, counts: countBySeverity(analysis.diagnostics),
      diagnostics, summary: analysis.parseFailed ? null : summarize(analysis, { order: command.order }),
    };
  });
  return jsonWithSafeCharacters(JSON.stringify({ files }, null, 2)) + "\n";
}

/** 2 when a file could not be read, else 1 when any file has an error diagnostic, else 0. */
export function exitCode(results: FileResult[]): 0 | 1 | 2 {
  if (results.some((result) => "readError" in result)) return 2;
  const hasError = results.some((result) => "analysis" in result && result.analysis.diagnostics.some((diagnostic) => diagnostic.severity === "error"));
  return hasError ? 1 : 0;
}
