/** cnnDesigner.openDesigner / openAsText / check. */
import * as vscode from "vscode";
import { summarize, toTextTable } from "../engine/summary";
import { lineColumn } from "../engine/edit";
import { CnnEditorProvider } from "./cnnEditorProvider";
import type { AnalysisStore } from "./documentAnalysis";
import { locateProblems } from "./problemRanges";
import type { Settings } from "./settings";

/** What `cnnDesigner.check` returns (the tests read it). */
export interface CheckResult {
  errors: number;
  warnings: number;
  notes: number;
  params: number;
  macs: number;
}

/** The *.cnn.json the user is looking at: the active text editor's, else the active designer tab's. */
export function activeCnnUri(): vscode.Uri | undefined {
  const textDocument = vscode.window.activeTextEditor?.document;
  if (textDocument?.uri.path.endsWith(".cnn.json")) return textDocument.uri;
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputCustom && input.viewType === CnnEditorProvider.viewType) return input.uri;
  if (input instanceof vscode.TabInputText && input.uri.path.endsWith(".cnn.json")) return input.uri;
  return undefined;
}

/** The target argument (Uri or path), else the active *.cnn.json; throws when there is none. */
export function toUri(target: unknown): vscode.Uri {
  if (target instanceof vscode.Uri) return target;
  if (typeof target === "string") return target.includes("://") ? vscode.Uri.parse(target) : vscode.Uri.file(target);
  const active = activeCnnUri();
  if (!active) throw new Error("Open a *.cnn.json file first.");
  return active;
}

export async function openDesigner(target?: unknown): Promise<void> {
  await vscode.commands.executeCommand("vscode.openWith", toUri(target), CnnEditorProvider.viewType, vscode.ViewColumn.Beside);
}

export async function openAsText(target?: unknown): Promise<void> {
  await vscode.window.showTextDocument(toUri(target), { viewColumn: vscode.ViewColumn.Beside });
}

/** Analyses a file, writes its summary table and problems to the output channel, returns the counts. */
export async function check(
  target: unknown, store: AnalysisStore, channel: vscode.OutputChannel, settings: Settings,
): Promise<CheckResult> {
  const uri = toUri(target);
  const document = await vscode.workspace.openTextDocument(uri);
  const { analysis, text } = store.get(uri.toString(), document);
  const counts = { errors: 0, warnings: 0, notes: 0 };
  const lines = locateProblems(text, analysis.diagnostics).map(({ diagnostic, range }) => {
    counts[diagnostic.severity === "error" ? "errors" : diagnostic.severity === "warning" ? "warnings" : "notes"]++;
    const { line, column } = lineColumn(text, range.offset);
    return `${vscode.workspace.asRelativePath(uri)}:${line}:${column}: ${diagnostic.severity} [${diagnostic.code}] ${diagnostic.message}`;
  });
  channel.appendLine(`Check ${vscode.workspace.asRelativePath(uri)}`);
  channel.appendLine(toTextTable(summarize(analysis, { order: settings.shapeOrder })));
  lines.forEach((line) => channel.appendLine(line));
  channel.appendLine(`${counts.errors} error(s), ${counts.warnings} warning(s), ${counts.notes} note(s)`);
  channel.appendLine("");
  channel.show(true);
  return { ...counts, params: analysis.totals.params, macs: analysis.totals.macs };
}
