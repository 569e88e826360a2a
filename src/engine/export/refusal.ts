/** Exporters refuse specs with errors; the refusal is data (a message for the user). Pure. */
import type { Analysis } from "../types";

/** What every exporter returns: the text, or why it was refused. */
export type ExportResult = { ok: true; text: string } | { ok: false; message: string };

const LISTED_ERRORS = 3;

/** null when the analysis is exportable, else a message naming the first errors. */
export function exportRefusal(analysis: Analysis, what: string): string | null {
  const errors = analysis.diagnostics.filter((diagnostic) => diagnostic.severity === "error");
  if (errors.length === 0 && analysis.input !== null) return null;
  if (errors.length === 0) return `Cannot export ${what}: the spec has no valid "input".`;
  const listed = errors.slice(0, LISTED_ERRORS).map((error) => (error.layerId ? `${error.layerId}: ${error.message}` : error.message));
  const more = errors.length > LISTED_ERRORS ? ` (and ${errors.length - LISTED_ERRORS} more)` : "";
  const count = `${errors.length} error${errors.length === 1 ? "" : "s"}`;
  return `Cannot export ${what}: the spec has ${count}; fix ${errors.length === 1 ? "it" : "them"} first. ${listed.join(" ")}${more}`;
}
