/**
 * Where the export and new-design commands read and write. Every command takes its target as an
 * optional argument (a Uri or a path string) so that tests and automation skip the dialogs; menu
 * invocations pass other things (the explorer's selection array, the editor's group context),
 * which are ignored. Without a target a save dialog asks (it confirms overwriting).
 */
import * as vscode from "vscode";

/** A Uri or path string, else undefined (so menu context objects fall through to dialogs). */
export function uriArgument(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === "string" && value !== "") return value.includes("://") ? vscode.Uri.parse(value) : vscode.Uri.file(value);
  return undefined;
}

/** "…/lenet5.cnn.json" → "lenet5". */
export function specBaseName(uri: vscode.Uri): string {
  const file = uri.path.slice(uri.path.lastIndexOf("/") + 1);
  return file.replace(/\.cnn\.json$/i, "").replace(/\.json$/i, "") || "network";
}

/** A sibling of `source` named `fileName`. */
export function besideSource(source: vscode.Uri, fileName: string): vscode.Uri {
  return vscode.Uri.joinPath(source, "..", fileName);
}

/** The given target, else the save dialog's choice; undefined when the user cancels. */
export async function saveTarget(
  given: unknown, defaultUri: vscode.Uri, filters: Record<string, string[]>, title: string,
): Promise<vscode.Uri | undefined> {
  return uriArgument(given) ?? (await vscode.window.showSaveDialog({ defaultUri, filters, title, saveLabel: "Save" }));
}

export async function writeTextFile(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

export async function fileExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
