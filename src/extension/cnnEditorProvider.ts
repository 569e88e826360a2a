/**
 * The designer: a CustomTextEditorProvider for *.cnn.json. The TextDocument is the model;
 * panels send intents, the host edits the text, and every panel on the document follows.
 */
import * as vscode from "vscode";
import type { HostToView, ViewSettings } from "../protocol";
import type { AnalysisStore } from "./documentAnalysis";
import { DocumentSync } from "./documentSync";
import type { HostServices } from "./hostServices";
import { PanelSession } from "./panelSession";
import type { PreviewHost } from "./preview/vscodePreviewHost";
import { toHandle } from "./vscodeHost";
import { createNonce, localResourceRoots, renderWebviewHtml } from "./webviewHtml";

export class CnnEditorProvider implements vscode.CustomTextEditorProvider {
  static readonly viewType = "cnnDesigner.graphEditor";

  private readonly syncs = new Map<string, DocumentSync>();
  /** The designer panel of each document and its session: at most one (see resolveCustomTextEditor). */
  private readonly openPanels = new Map<string, { panel: vscode.WebviewPanel; session: PanelSession }>();

  private constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: AnalysisStore,
    private readonly services: HostServices,
    private readonly settings: () => ViewSettings,
    private readonly previewHost?: PreviewHost,
  ) {}

  static register(
    context: vscode.ExtensionContext, store: AnalysisStore, services: HostServices, settings: () => ViewSettings, previewHost?: PreviewHost,
  ): { provider: CnnEditorProvider; disposable: vscode.Disposable } {
    const provider = new CnnEditorProvider(context.extensionUri, store, services, settings, previewHost);
    const disposable = vscode.Disposable.from(
      vscode.window.registerCustomEditorProvider(CnnEditorProvider.viewType, provider, {
        supportsMultipleEditorsPerDocument: true,
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length === 0) return;
        provider.syncs.get(event.document.uri.toString())?.onDocumentChanged();
      }),
      { dispose: () => provider.disposeAll() },
    );
    return { provider, disposable };
  }

  /**
   * One designer per document. VS Code opens another one for a Problems entry (it passes a
   * custom editor no range, so the new one could not go to the problem), for Open With and for
   * a split; then the new panel closes and the open designer is shown and focused instead.
   * The text beside it is what Open as Text is for.
   */
  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    const key = document.uri.toString();
    const existing = this.openPanels.get(key)?.panel;
    if (existing && existing !== panel) {
      setTimeout(() => {
        panel.dispose();
        existing.reveal(existing.viewColumn, false);
      }, 0);
      return;
    }
    let sync = this.syncs.get(key);
    if (!sync) {
      sync = new DocumentSync(toHandle(document), this.services, this.store);
      this.syncs.set(key, sync);
    }
    const documentSync = sync;
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: localResourceRoots(this.extensionUri, vscode.Uri.joinPath),
    };
    panel.webview.html = this.html(panel.webview);
    const post = (message: HostToView): void => {
      void panel.webview.postMessage(message);
    };
    const previewHost = this.previewHost;
    const session = new PanelSession(
      documentSync, post, this.settings, previewHost && ((postPreview) => previewHost.forPanel(documentSync, postPreview)),
    );
    documentSync.add(session);
    this.openPanels.set(key, { panel, session });
    const subscription = panel.webview.onDidReceiveMessage((message: unknown) => session.handle(message));
    panel.onDidDispose(() => {
      if (this.openPanels.get(key)?.panel === panel) this.openPanels.delete(key);
      subscription.dispose();
      session.dispose();
      if (documentSync.remove(session)) {
        documentSync.dispose();
        this.syncs.delete(key);
      }
    });
  }

  /** Tells every open panel about changed settings. */
  broadcastSettings(settings: ViewSettings): void {
    for (const sync of this.syncs.values()) for (const panel of sync.panelList) panel.postSettings(settings);
  }

  /** Asks the active designer to add a layer of this type after its selection; false when no designer is active. */
  addLayerToActive(layerType: string): boolean {
    const active = [...this.openPanels.values()].find((candidate) => candidate.panel.active);
    return active?.session.postAddLayer(layerType) ?? false;
  }

  /** Posts every open document's state again (its analysis options changed). */
  broadcastStates(): void {
    for (const sync of this.syncs.values()) sync.broadcast(true);
  }

  /** The panels open on a document (for the extension-host tests). */
  sessions(key: string): PanelSession[] {
    return this.syncs.get(key)?.panelList ?? [];
  }

  private html(webview: vscode.Webview): string {
    const asset = (name: string): string => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, "dist", name)).toString();
    return renderWebviewHtml({
      scriptUri: asset("webview.js"), styleUri: asset("webview.css"), layoutWorkerUri: asset("elk-worker.min.js"), cspSource: webview.cspSource, nonce: createNonce(),
    });
  }

  private disposeAll(): void {
    for (const sync of this.syncs.values()) sync.dispose();
    this.syncs.clear();
  }
}
