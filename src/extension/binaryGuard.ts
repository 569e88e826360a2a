/**
 * Tells the user why a *.cnn.json tab shows VS Code's generic "could not be opened" error when
 * the file is binary (see binaryText.ts): watches designer tabs as they open and, when VS Code
 * has not opened the file as a text document, reads its head. One message per file until its
 * tab closes.
 */
import * as vscode from "vscode";
import { binaryFileMessage, firstZeroByte } from "./binaryText";
import type { Logger } from "./hostServices";

/** Files above this size are not read just for the check (VS Code opens them lazily anyway). */
const MAX_CHECKED_BYTES = 64 * 1024 * 1024;

/** How long VS Code gets to open the file as a text document before its bytes are read. */
const TEXT_OPEN_GRACE_MILLIS = 500;

function openAsText(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.workspace.textDocuments.some((document) => document.uri.toString() === key);
}

/** A file VS Code opened as text is not binary: only the others are read (workspace.fs reads whole files). */
async function zeroByteOffset(uri: vscode.Uri): Promise<number> {
  if (openAsText(uri)) return -1;
  await new Promise((resolve) => setTimeout(resolve, TEXT_OPEN_GRACE_MILLIS));
  if (openAsText(uri)) return -1;
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size === 0 || stat.size > MAX_CHECKED_BYTES) return -1;
  return firstZeroByte(await vscode.workspace.fs.readFile(uri));
}

export function registerBinaryGuard(viewType: string, log: Logger): vscode.Disposable {
  const warned = new Set<string>();
  const check = async (uri: vscode.Uri): Promise<void> => {
    const key = uri.toString();
    if (warned.has(key)) return;
    warned.add(key);
    try {
      const offset = await zeroByteOffset(uri);
      if (offset < 0) return void warned.delete(key);
      const message = binaryFileMessage(uri.path.slice(uri.path.lastIndexOf("/") + 1), offset);
      log.warn(message);
      void vscode.window.showErrorMessage(message);
    } catch (error) {
      warned.delete(key);
      log.warn(`Could not read ${key} to check whether it is binary: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const designerUri = (tab: vscode.Tab): vscode.Uri | undefined =>
    tab.input instanceof vscode.TabInputCustom && tab.input.viewType === viewType ? tab.input.uri : undefined;
  return vscode.window.tabGroups.onDidChangeTabs((event) => {
    for (const tab of event.opened) {
      const uri = designerUri(tab);
      if (uri) void check(uri);
    }
    for (const tab of event.closed) {
      const uri = designerUri(tab);
      if (uri) warned.delete(uri.toString());
    }
  });
}
