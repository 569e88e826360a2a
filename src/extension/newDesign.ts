/**
 * cnnDesigner.newDesign: pick an empty design or a template (media/templates/*.cnn.json; the
 * name from the file, parameters and input shape from the engine), choose where to save it
 * (default: the workspace folder, `<template>.cnn.json`), write the template's text unchanged
 * and open it in the designer.
 *
 *   newDesign(template?: "empty" | "lenet5" | "lenet5.cnn.json" | …, target?: Uri | path) → the Uri written
 *
 * With a target argument no dialog is shown, and an existing file is never overwritten (the
 * command fails instead); the save dialog asks before replacing a file.
 */
import * as vscode from "vscode";
import { analyze, formatCount, formatShape } from "../engine";
import { CnnEditorProvider } from "./cnnEditorProvider";
import { fileExists, uriArgument, writeTextFile } from "./exportTargets";

export interface TemplateInfo {
  /** The file name, e.g. "lenet5.cnn.json". */
  fileName: string;
  text: string;
  /** The spec's `name`, else the file's base name. */
  name: string;
  /** e.g. "61,706 params · input 1×32×32". */
  detail: string;
}

const TEMPLATE_SUFFIX = ".cnn.json";

/** The first choice of New design: an input and no layers, to build from the palette. */
export const EMPTY_DESIGN_TEXT = `{
  "version": 1,
  "name": "Untitled",
  "input": [3, 32, 32],
  "layers": []
}
`;

const EMPTY_DESIGN: TemplateInfo = {
  fileName: `empty${TEMPLATE_SUFFIX}`, text: EMPTY_DESIGN_TEXT, name: "Empty design",
  detail: "no layers · input 3×32×32 (edit it in the inspector); add layers from the palette",
};

export function templatesFolder(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, "media", "templates");
}

export async function listTemplates(extensionUri: vscode.Uri): Promise<TemplateInfo[]> {
  const folder = templatesFolder(extensionUri);
  const entries = await vscode.workspace.fs.readDirectory(folder);
  const files = entries
    .filter(([fileName, kind]) => kind === vscode.FileType.File && fileName.endsWith(TEMPLATE_SUFFIX))
    .map(([fileName]) => fileName)
    .sort();
  const templates = await Promise.all(files.map(async (fileName) => {
    const uri = vscode.Uri.joinPath(folder, fileName);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const analysis = analyze(text);
    const name = analysis.name ?? fileName.slice(0, -TEMPLATE_SUFFIX.length);
    return { fileName, text, name, detail: `${formatCount(analysis.totals.params)} params · input ${formatShape(analysis.input)}` };
  }));
  return [EMPTY_DESIGN, ...templates];
}

function findTemplate(templates: readonly TemplateInfo[], wanted: string): TemplateInfo {
  const fileName = wanted.endsWith(TEMPLATE_SUFFIX) ? wanted : `${wanted}${TEMPLATE_SUFFIX}`;
  const found = templates.find((template) => template.fileName === fileName || template.name === wanted);
  if (!found) throw new Error(`No template "${wanted}"; the templates are ${templates.map((template) => template.fileName.slice(0, -TEMPLATE_SUFFIX.length)).join(", ")}.`);
  return found;
}

async function pickTemplate(templates: readonly TemplateInfo[]): Promise<TemplateInfo | undefined> {
  const items = templates.map((template) => ({ label: template.name, description: template.fileName, detail: template.detail, template }));
  return (await vscode.window.showQuickPick(items, { title: "New CNN design from a template", matchOnDescription: true, matchOnDetail: true }))?.template;
}

function defaultFolder(): vscode.Uri | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
  return folder?.uri;
}

export async function newDesign(
  extensionUri: vscode.Uri, templateArgument?: unknown, targetArgument?: unknown,
): Promise<vscode.Uri | undefined> {
  const templates = await listTemplates(extensionUri);
  const template = typeof templateArgument === "string" ? findTemplate(templates, templateArgument) : await pickTemplate(templates);
  if (!template) return undefined;
  const given = uriArgument(targetArgument);
  if (given && (await fileExists(given))) throw new Error(`${vscode.workspace.asRelativePath(given)} already exists; choose another file name.`);
  const folder = defaultFolder();
  const defaultUri = folder ? vscode.Uri.joinPath(folder, template.fileName) : undefined;
  const target = given ?? (await vscode.window.showSaveDialog({ defaultUri, filters: { "CNN spec": ["cnn.json"] }, title: "Save the new design", saveLabel: "Create" }));
  if (!target) return undefined;
  await writeTextFile(target, template.text);
  await vscode.commands.executeCommand("vscode.openWith", target, CnnEditorProvider.viewType);
  return target;
}
