/**
 * Restricted Mode (package.json `capabilities.untrustedWorkspaces`: limited). In an untrusted
 * workspace the analysis, Problems, language features and the designer (which edits the open
 * document like any text editor) work; the preview reads no workspace image (preview/imageCatalog.ts)
 * and the exports write no file. Copying the shape table to the clipboard still works.
 */
import * as vscode from "vscode";

/** The message for an export refused in Restricted Mode (also what package.json's description says). */
export function untrustedExportMessage(what: string): string {
  return `${what} writes a file, which CNN Designer does only in a trusted workspace. Trust this folder to export (Workspaces: Manage Workspace Trust); the designer, Problems and Copy Shape Table as Markdown work in Restricted Mode.`;
}

/** Throws (the command's error boundary shows it) when the workspace is not trusted. */
export function requireTrustToWrite(what: string): void {
  if (!vscode.workspace.isTrusted) throw new Error(untrustedExportMessage(what));
}
