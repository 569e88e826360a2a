/**
 * What `cnn-designer export` writes, from a file's text and analysis: the document (none when
 * the export is refused), the messages for stderr and the exit status. No I/O (ELK is loaded
 * by the caller, only for svg).
 *
 * - text, markdown, csv: exactly what `check` prints for the file (the table, then its
 *   problems; for csv the problems go to stderr so the document stays one CSV table).
 * - json, svg: written even with errors (json lists them under "errors", svg draws the error
 *   badges); the errors also go to stderr and the status is 1.
 * - pytorch: refused while the design has errors (status 1, the errors on stderr).
 */
import { basename } from "node:path";
import { exportPytorch, exportSpecJson } from "../engine/export";
import type { Analysis } from "../engine/types";
import { diagramDocument } from "../diagram/diagramDocument";
import type { ElkLike } from "../diagram/layout";
import type { CheckCommand, ExportCommand, ExportFormat, OutputFormat } from "./args";
import { countLine, formatDiagnostics, formatFileReport } from "./checkReport";

export interface ExportInput {
  file: string;
  text: string;
  analysis: Analysis;
}

export interface ExportOutcome {
  /** The exported text; null when the export was refused. */
  document: string | null;
  /** For stderr (may be empty). */
  messages: string;
  exitCode: 0 | 1;
}

const TABLE_FORMATS: Partial<Record<ExportFormat, OutputFormat>> = { text: "table", markdown: "markdown", csv: "csv" };

function hasErrors(analysis: Analysis): boolean {
  return analysis.diagnostics.some((diagnostic) => diagnostic.severity === "error");
}

/** The error diagnostics as `file:line:col: error code message` lines and the count line; "" without errors. */
export function errorReport(input: ExportInput): string {
  const errors = input.analysis.diagnostics.filter((diagnostic) => diagnostic.severity === "error");
  if (errors.length === 0) return "";
  const lines = formatDiagnostics(input.file, input.text, errors);
  return [...lines, countLine(input.file, input.analysis.diagnostics)].join("\n") + "\n";
}

function written(input: ExportInput, document: string): ExportOutcome {
  return hasErrors(input.analysis) ? { document, messages: errorReport(input), exitCode: 1 } : { document, messages: "", exitCode: 0 };
}

function refused(input: ExportInput, message: string): ExportOutcome {
  return { document: null, messages: errorReport(input) || `cnn-designer: ${message}\n`, exitCode: 1 };
}

function tableExport(input: ExportInput, command: ExportCommand, format: OutputFormat): ExportOutcome {
  const check: CheckCommand = { kind: "check", files: [input.file], json: false, format, order: command.order };
  const report = formatFileReport(input, check, true);
  return { document: report.stdout, messages: report.stderr, exitCode: hasErrors(input.analysis) ? 1 : 0 };
}

export async function exportDocument(input: ExportInput, command: ExportCommand, loadElk: () => Promise<ElkLike>): Promise<ExportOutcome> {
  const tableFormat = TABLE_FORMATS[command.to];
  if (tableFormat) return tableExport(input, command, tableFormat);
  if (command.to === "json") {
    const result = exportSpecJson(input.text, { keepErrors: true, analysis: input.analysis });
    return result.ok ? written(input, result.text) : refused(input, result.message);
  }
  if (command.to === "pytorch") {
    const result = exportPytorch(input.text, { sourceName: basename(input.file), analysis: input.analysis });
    return result.ok ? written(input, result.text) : refused(input, result.message);
  }
  if (input.analysis.parseFailed) return refused(input, `cannot draw ${input.file}: it is not a readable design`);
  return written(input, await diagramDocument(input.analysis, { elk: await loadElk(), order: command.order }));
}
