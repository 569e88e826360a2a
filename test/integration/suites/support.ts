// Shared helpers of the extension-host suites: fixture URIs and polling.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";

export const extensionId = "cnn-designer.cnn-designer";
export const customEditorViewType = "cnnDesigner.graphEditor";

/** A file of the fixture workspace test/integration/workspace (the folder the tests open). */
export function fixtureUri(fileName: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, "the tests need the fixture workspace folder open");
  return vscode.Uri.joinPath(folder.uri, fileName);
}

/** Polls until probe returns a value other than undefined, or fails with what was awaited. */
export async function waitFor<T>(description: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
    await new Promise((resolveSleep) => setTimeout(resolveSleep, 100));
  }
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand("workbench.action.closeAllEditors");
}
