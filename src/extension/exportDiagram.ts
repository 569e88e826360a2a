/**
 * cnnDesigner.exportDiagram(source?, format? "svg" | "png", target?): the graph as the designer
 * lays it out. The layout (ELK) and the drawing happen in the designer's webview, so the command
 * shows the designer of the file (opening it beside the text editor when the file is open only
 * as text) and asks that panel for the diagram. Returns the Uri it wrote (undefined when
 * cancelled). With a target argument nothing is asked and no notification is shown (automation).
 */
import * as vscode from "vscode";
import { isDiagramFormat, type DiagramFormat } from "../protocol";
import { CnnEditorProvider } from "./cnnEditorProvider";
import { toUri } from "./commands";
import { besideSource, saveTarget, specBaseName, uriArgument } from "./exportTargets";
import type { PanelSession } from "./panelSession";
import { requireTrustToWrite } from "./workspaceTrust";

/** The designer panels of a document (CnnEditorProvider). */
export interface DesignerPanels {
  sessions(key: string): PanelSession[];
}

const DIAGRAM_FORMATS: Record<DiagramFormat, { label: string; detail: string; filter: string }> = {
  svg: { label: "SVG", detail: "A vector image in the current theme's colours: sharp at any zoom, editable (.svg)", filter: "SVG image" },
  png: { label: "PNG", detail: "A bitmap at twice the canvas's size, for slides and documents (.png)", filter: "PNG image" },
};

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

async function askFormat(): Promise<DiagramFormat | undefined> {
  const items = (Object.keys(DIAGRAM_FORMATS) as DiagramFormat[]).map((format) => ({ ...DIAGRAM_FORMATS[format], format }));
  return (await vscode.window.showQuickPick(items, { title: "Export diagram as" }))?.format;
}

function designerTab(uri: vscode.Uri): vscode.Tab | undefined {
  const isDesigner = (tab: vscode.Tab): boolean =>
    tab.input instanceof vscode.TabInputCustom && tab.input.viewType === CnnEditorProvider.viewType &&
    tab.input.uri.toString() === uri.toString();
  const active = vscode.window.tabGroups.activeTabGroup.tabs.find(isDesigner);
  return active ?? vscode.window.tabGroups.all.flatMap((group) => group.tabs).find(isDesigner);
}

/** Shows the file's designer (a hidden webview has no page to draw with) and returns its panels. */
async function showDesigner(panels: DesignerPanels, uri: vscode.Uri): Promise<PanelSession[]> {
  const viewColumn = designerTab(uri)?.group.viewColumn ?? vscode.ViewColumn.Beside;
  await vscode.commands.executeCommand("vscode.openWith", uri, CnnEditorProvider.viewType, { viewColumn, preserveFocus: true });
  const deadline = Date.now() + 10_000;
  for (;;) {
    const sessions = panels.sessions(uri.toString());
    if (sessions.length > 0) return sessions;
    if (Date.now() > deadline) throw new Error(`The designer of ${specBaseName(uri)} did not open.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The first panel's diagram (every panel draws the same graph; one may be hidden). */
async function requestDiagram(sessions: PanelSession[], format: DiagramFormat): Promise<string> {
  try {
    return await Promise.any(sessions.map((session) => session.requestDiagram(format)));
  } catch (error) {
    const first = error instanceof AggregateError ? error.errors[0] : error;
    throw first instanceof Error ? first : new Error(String(first));
  }
}

/** The file's bytes, checked to be what the format says. */
export function diagramBytes(format: DiagramFormat, data: string): Uint8Array {
  if (format === "svg") {
    if (!data.includes("<svg")) throw new Error("The designer's SVG has no <svg> element.");
    return new TextEncoder().encode(data);
  }
  const bytes = Uint8Array.from(Buffer.from(data, "base64"));
  if (!pngSignature.every((byte, index) => bytes[index] === byte)) throw new Error("The designer's PNG is not a PNG file.");
  return bytes;
}

async function announce(target: vscode.Uri, source: vscode.Uri): Promise<void> {
  const fileName = target.path.slice(target.path.lastIndexOf("/") + 1);
  const choice = await vscode.window.showInformationMessage(`CNN Designer: exported the diagram of ${specBaseName(source)} to ${fileName}.`, "Open");
  if (choice === "Open") await vscode.commands.executeCommand("vscode.open", target);
}

export async function exportDiagram(
  panels: DesignerPanels, sourceArgument?: unknown, formatArgument?: unknown, targetArgument?: unknown,
): Promise<vscode.Uri | undefined> {
  requireTrustToWrite("Export Diagram");
  const source = toUri(sourceArgument);
  const format = isDiagramFormat(formatArgument) ? formatArgument : await askFormat();
  if (!format) return undefined;
  const defaultUri = besideSource(source, `${specBaseName(source)}.${format}`);
  const target = await saveTarget(targetArgument, defaultUri, { [DIAGRAM_FORMATS[format].filter]: [format] }, "Export diagram");
  if (!target) return undefined;
  const sessions = await showDesigner(panels, source);
  const data = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `CNN Designer: drawing the diagram as ${format.toUpperCase()}…` },
    () => requestDiagram(sessions, format),
  );
  await vscode.workspace.fs.writeFile(target, diagramBytes(format, data));
  if (uriArgument(targetArgument) === undefined) void announce(target, source);
  return target;
}
