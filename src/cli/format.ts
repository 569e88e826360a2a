/** What `cnn-designer check` prints, as pure functions of the file text and its analysis. */
import { locate, positionInText } from "../engine";
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
 * its control characters visible.
 */
export function formatDiagnostic(file: string, text: string, diagnostic: Diagnostic): string {
  const { line, column } = positionOf(text, diagnostic.path, diagnostic.offset);
  const lines = [`${file}:${line}:${column}: ${diagnostic.severity} ${diagnostic.code} ${visibleEscapes(diagnostic.message)}`];
  for (const related of diagnostic.related ?? []) {
    const position = positionOf(text, related.path);
    lines.push(`    ${file}:${position.line}:${position.column}: ${visibleEscapes(related.message)}`);
  }
  return lines.join("\n");
}

/** Diagnostics ordered by position in the file (stable for equal positions). */
export function sortedDiagnostics(text: string, diagnostics: Diagnostic[]): Diagnostic[] {
  const keyed = diagnostics.map((diagnostic) => ({ diagnostic, position: positionOf(text, diagnostic.path, diagnostic.offset) }));
  keyed.sort((a, b) => a.position.line - b.position.line || a.position.column - b.position.column);
  return keyed.map((entry) => entry.diagnostic);
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
export function formatFileReport(result: { file: string; text: string; analysis: Analysis }, command: CheckCommand, first: boolean): { stdout: string; stderr: string } {
  const { file, text, analysis } = result;
  const diagnostics = sortedDiagnostics(text, analysis.diagnostics).map((diagnostic) => formatDiagnostic(file, text, diagnostic));
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
    const diagnostics = sortedDiagnostics(text, analysis.diagnostics).map((diagnostic) => ({
      ...diagnostic, ...positionOf(text, diagnostic.path, diagnostic.offset),
    }));
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
