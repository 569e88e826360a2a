/** HostServices backed by VS Code: one WorkspaceEdit per intent, text reveal and selection mirroring. */
import * as vscode from "vscode";
import type { TextEdit } from "../engine/edit";
import type { JsonPath } from "../engine/types";
import type { AnalysisStore } from "./documentAnalysis";
import type { DocumentHandle, HostServices, Logger } from "./hostServices";
import { locatePath } from "./problemRanges";

/** A vscode.TextDocument seen as a DocumentHandle. */
export function toHandle(document: vscode.TextDocument): DocumentHandle {
  return {
    key: document.uri.toString(),
    fileName: document.uri.path.split("/").pop() ?? document.uri.path,
    get version() {
      return document.version;
    },
    getText: () => document.getText(),
  };
}

export function findTextDocument(key: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === key);
}

/** Offset edits → one WorkspaceEdit on the document. */
export function toWorkspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const workspaceEdit = new vscode.WorkspaceEdit();
  for (const edit of edits) {
    const range = new vscode.Range(document.positionAt(edit.offset), document.positionAt(edit.offset + edit.length));
    workspaceEdit.replace(document.uri, range, edit.content);
  }
  return workspaceEdit;
}

export function createHostServices(log: Logger, store: AnalysisStore): HostServices {
  return {
    log,
    async applyEdits(handle: DocumentHandle, edits: readonly TextEdit[]): Promise<boolean> {
      const document = findTextDocument(handle.key);
      if (!document) return false;
      return vscode.workspace.applyEdit(toWorkspaceEdit(document, edits));
    },
    async revealInText(handle: DocumentHandle, path: JsonPath): Promise<void> {
      const document = findTextDocument(handle.key);
      if (!document) return;
      const range = rangeOfPath(document, path);
      const visible = vscode.window.visibleTextEditors.find((editor) => editor.document === document);
      await vscode.window.showTextDocument(document, {
        viewColumn: visible?.viewColumn ?? vscode.ViewColumn.Beside,
        selection: range,
        preserveFocus: false,
      });
    },
    showInOpenText(handle: DocumentHandle, path: JsonPath): void {
      const document = findTextDocument(handle.key);
      if (!document) return;
      const range = rangeOfPath(document, path);
      for (const editor of vscode.window.visibleTextEditors) {
        if (editor.document !== document) continue;
        editor.selection = new vscode.Selection(range.start, range.end);
        editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      }
    },
    selectInText(handle: DocumentHandle, layerId: string | null): void {
      const document = findTextDocument(handle.key);
      if (!document || layerId === null) return;
      const layer = store.get(handle.key, document).layers.byId.get(layerId);
      if (!layer) return;
      const range = rangeOfPath(document, ["layers", layer.index]);
      for (const editor of vscode.window.visibleTextEditors) {
        if (editor.document !== document) continue;
        editor.selection = new vscode.Selection(range.start, range.start);
        editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      }
    },
  };
}

function rangeOfPath(document: vscode.TextDocument, path: JsonPath): vscode.Range {
  const { offset, length } = locatePath(document.getText(), path);
  return new vscode.Range(document.positionAt(offset), document.positionAt(offset + length));
}

/** A Logger writing to the "CNN Designer" output channel. */
export function channelLogger(channel: vscode.OutputChannel): Logger {
  const stamp = (): string => new Date().toISOString().slice(11, 23);
  return {
    info: (message) => channel.appendLine(`[${stamp()}] ${message}`),
    warn: (message) => channel.appendLine(`[${stamp()}] warning: ${message}`),
    error: (message) => channel.appendLine(`[${stamp()}] error: ${message}`),
  };
}
