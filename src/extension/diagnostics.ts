/**
 * Problems: the engine's diagnostics for every open *.cnn.json, with exact ranges, stable
 * codes and related locations; refreshed shortly after each change, cleared on close.
 */
import * as vscode from "vscode";
import type { Severity } from "../engine";
import type { AnalysisStore } from "./documentAnalysis";
import { locateProblems, type OffsetRange } from "./problemRanges";

export const DIAGNOSTIC_SOURCE = "cnn";
export const DIAGNOSTICS_DEBOUNCE_MS = 80;

export function isCnnDocument(document: vscode.TextDocument): boolean {
  return document.uri.path.endsWith(".cnn.json");
}

export function toRange(document: vscode.TextDocument, range: OffsetRange): vscode.Range {
  return new vscode.Range(document.positionAt(range.offset), document.positionAt(range.offset + range.length));
}

const severities: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** The vscode.Diagnostics for a document's current analysis. */
export function computeDiagnostics(document: vscode.TextDocument, store: AnalysisStore): vscode.Diagnostic[] {
  const { analysis, text } = store.get(document.uri.toString(), document);
  return locateProblems(text, analysis.diagnostics).map((problem) => {
    const result = new vscode.Diagnostic(
      toRange(document, problem.range), problem.diagnostic.message, severities[problem.diagnostic.severity],
    );
    result.code = problem.diagnostic.code;
    result.source = DIAGNOSTIC_SOURCE;
    if (problem.related.length > 0) {
      result.relatedInformation = problem.related.map((related) =>
        new vscode.DiagnosticRelatedInformation(new vscode.Location(document.uri, toRange(document, related.range)), related.message));
    }
    return result;
  });
}

/** Publishes Problems for every *.cnn.json; `refreshAll` republishes them (after a settings change). */
export function registerDiagnostics(store: AnalysisStore): { disposable: vscode.Disposable; refreshAll: () => void } {
  const collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const refresh = (document: vscode.TextDocument): void => {
    if (isCnnDocument(document)) collection.set(document.uri, computeDiagnostics(document, store));
  };
  const schedule = (document: vscode.TextDocument): void => {
    if (!isCnnDocument(document)) return;
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => {
      timers.delete(key);
      refresh(document);
    }, DIAGNOSTICS_DEBOUNCE_MS));
  };
  const refreshAll = (): void => vscode.workspace.textDocuments.forEach(refresh);
  refreshAll();
  const disposable = vscode.Disposable.from(
    collection,
    vscode.workspace.onDidOpenTextDocument(refresh),
    vscode.workspace.onDidChangeTextDocument((event) => schedule(event.document)),
    vscode.workspace.onDidCloseTextDocument((document) => {
      const key = document.uri.toString();
      clearTimeout(timers.get(key));
      timers.delete(key);
      collection.delete(document.uri);
      store.delete(key);
    }),
    { dispose: () => timers.forEach((timer) => clearTimeout(timer)) },
  );
  return { disposable, refreshAll };
}
