/**
 * cnnDesigner.exportJson / exportTable / copyTableMarkdown / exportPytorch.
 *
 * Arguments (all optional; without them the active *.cnn.json and dialogs are used):
 *   exportJson(source?, target?, { computed?: boolean }?)
 *   exportTable(source?, format? "markdown" | "csv" | "text", target?)
 *   copyTableMarkdown(source?)            → the Markdown text
 *   exportPytorch(source?, target?)
 * Each export returns the Uri it wrote (undefined when cancelled). With a target argument
 * nothing is asked and nothing is opened (automation); otherwise the written file is opened.
 * Exports overwrite an existing target (the save dialog has already confirmed it). Specs with
 * errors are refused with the errors in the message (JSON and PyTorch; tables show "?").
 * cnnDesigner.exportDiagram is in ./exportDiagram.ts (the designer's webview draws it).
 */
import * as vscode from "vscode";
import { analyze } from "../engine";
import { exportPytorch, exportSpecJson } from "../engine/export";
import { pythonIdentifier } from "../engine/export/pytorchNames";
import { summarize, toCsv, toMarkdown, toTextTable } from "../engine/summary";
import { toUri } from "./commands";
import { besideSource, saveTarget, specBaseName, uriArgument, writeTextFile } from "./exportTargets";
import { registerFailableCommand } from "./failableCommand";
import type { Logger } from "./hostServices";
import type { Settings } from "./settings";
import { requireTrustToWrite } from "./workspaceTrust";

export type TableFormat = "markdown" | "csv" | "text";

const TABLE_FORMATS: Record<TableFormat, { label: string; detail: string; extension: string; filter: string }> = {
  markdown: { label: "Markdown", detail: "A GitHub-flavoured table with the totals below it (.md)", extension: "md", filter: "Markdown" },
  csv: { label: "CSV", detail: "One record per layer with raw numbers, for spreadsheets (.csv)", extension: "csv", filter: "CSV" },
  text: { label: "Plain text", detail: "Aligned columns like torchinfo's summary (.txt)", extension: "txt", filter: "Text" },
};

interface Source {
  uri: vscode.Uri;
  text: string;
}

async function readSource(target: unknown): Promise<Source> {
  const uri = toUri(target);
  const document = await vscode.workspace.openTextDocument(uri);
  return { uri, text: document.getText() };
}

async function finish(written: vscode.Uri, interactive: boolean, open: (uri: vscode.Uri) => Thenable<unknown>): Promise<vscode.Uri> {
  if (interactive) await open(written);
  return written;
}

async function askComputed(): Promise<boolean | undefined> {
  const items = [
    { label: "Spec only", detail: "Every default written out, every layer with an id", computed: false },
    { label: "Spec with computed shapes", detail: 'Adds a "computed" key (shapes, parameters, MACs) that re-import ignores with one warning', computed: true },
  ];
  return (await vscode.window.showQuickPick(items, { title: "Export layer spec as JSON" }))?.computed;
}

export async function exportJson(
  sourceArgument?: unknown, targetArgument?: unknown, options?: { computed?: boolean },
): Promise<vscode.Uri | undefined> {
  requireTrustToWrite("Export Layer Spec as JSON");
  const source = await readSource(sourceArgument);
  const interactive = uriArgument(targetArgument) === undefined;
  const computed = options?.computed ?? (interactive ? await askComputed() : false);
  if (computed === undefined) return undefined;
  const result = exportSpecJson(source.text, { computed });
  if (!result.ok) throw new Error(result.message);
  const defaultUri = besideSource(source.uri, `${specBaseName(source.uri)}.normalized.cnn.json`);
  const target = await saveTarget(targetArgument, defaultUri, { "CNN spec": ["cnn.json", "json"] }, "Export layer spec as JSON");
  if (!target) return undefined;
  await writeTextFile(target, result.text);
  return finish(target, interactive, (uri) => vscode.commands.executeCommand("vscode.open", uri));
}

function isTableFormat(value: unknown): value is TableFormat {
  return typeof value === "string" && value in TABLE_FORMATS;
}

async function askTableFormat(): Promise<TableFormat | undefined> {
  const items = (Object.keys(TABLE_FORMATS) as TableFormat[]).map((format) => ({ ...TABLE_FORMATS[format], format }));
  return (await vscode.window.showQuickPick(items, { title: "Export shape table as" }))?.format;
}

function renderTable(text: string, format: TableFormat, settings: Settings): string {
  const analysis = analyze(text, { quietReadNotes: !settings.readNotes });
  if (analysis.parseFailed) throw new Error("Cannot export the shape table: the file is not valid JSON.");
  const summary = summarize(analysis, { order: settings.shapeOrder });
  return format === "markdown" ? toMarkdown(summary) : format === "csv" ? toCsv(summary) : toTextTable(summary);
}

export async function exportTable(
  settings: Settings, sourceArgument?: unknown, formatArgument?: unknown, targetArgument?: unknown,
): Promise<vscode.Uri | undefined> {
  requireTrustToWrite("Export Shape Table");
  const source = await readSource(sourceArgument);
  const format = isTableFormat(formatArgument) ? formatArgument : await askTableFormat();
  if (!format) return undefined;
  const table = renderTable(source.text, format, settings);
  const { extension, filter } = TABLE_FORMATS[format];
  const defaultUri = besideSource(source.uri, `${specBaseName(source.uri)}.${extension}`);
  const target = await saveTarget(targetArgument, defaultUri, { [filter]: [extension] }, "Export shape table");
  if (!target) return undefined;
  await writeTextFile(target, table);
  return finish(target, uriArgument(targetArgument) === undefined, (uri) => vscode.window.showTextDocument(uri));
}

export async function copyTableMarkdown(settings: Settings, sourceArgument?: unknown): Promise<string> {
  const source = await readSource(sourceArgument);
  const table = renderTable(source.text, "markdown", settings);
  await vscode.env.clipboard.writeText(table);
  void vscode.window.showInformationMessage(`CNN Designer: copied the shape table of ${specBaseName(source.uri)} as Markdown.`);
  return table;
}

/** "U-Net small.cnn.json" → "u_net_small.py": a file Python can import. */
function pythonFileName(source: vscode.Uri): string {
  return `${pythonIdentifier(specBaseName(source).toLowerCase(), "network")}.py`;
}

export async function exportPytorchFile(sourceArgument?: unknown, targetArgument?: unknown): Promise<vscode.Uri | undefined> {
  requireTrustToWrite("Export as PyTorch");
  const source = await readSource(sourceArgument);
  const sourceName = source.uri.path.slice(source.uri.path.lastIndexOf("/") + 1);
  const result = exportPytorch(source.text, { sourceName });
  if (!result.ok) throw new Error(result.message);
  const target = await saveTarget(targetArgument, besideSource(source.uri, pythonFileName(source.uri)), { Python: ["py"] }, "Export as PyTorch");
  if (!target) return undefined;
  await writeTextFile(target, result.text);
  return finish(target, uriArgument(targetArgument) === undefined, (uri) => vscode.window.showTextDocument(uri));
}

export function registerExportCommands(log: Logger, settings: () => Settings): vscode.Disposable[] {
  return [
    registerFailableCommand("cnnDesigner.exportJson", exportJson, log),
    registerFailableCommand("cnnDesigner.exportTable", (source?: unknown, format?: unknown, target?: unknown) => exportTable(settings(), source, format, target), log),
    registerFailableCommand("cnnDesigner.copyTableMarkdown", (source?: unknown) => copyTableMarkdown(settings(), source), log),
    registerFailableCommand("cnnDesigner.exportPytorch", exportPytorchFile, log),
  ];
}
