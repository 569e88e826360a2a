/**
 * One designer panel: the ready handshake, validation of every message, and dispatch of
 * intents to the edit engine. Refusals go back as error replies; nothing unvalidated is acted on.
 */
import { applyIntent, type EditIntent } from "../engine/edit";
import type { CheckedFix } from "../engine/fixCheck";
import { checkedFixesOf } from "./checkedFixes";
import {
  exportIdOf, isPreviewViewToHost, requestIdOf, validateViewToHost, type DiagramFormat, type DocumentState, type HostToView,
  type PreviewHostToView, type PreviewViewToHost, type ReplyError, type ViewSettings, type ViewToHost,
} from "../protocol";
import { DiagramRequests } from "./diagramRequests";
import { toDocumentState } from "./documentAnalysis";
import type { DocumentSync } from "./documentSync";

/** How many posted messages a session remembers (for the extension-host tests). */
const POSTED_HISTORY = 50;

/** The panel's feature-map preview (src/extension/preview/panelPreview.ts). */
export interface PanelPreviewHandler {
  handle(message: PreviewViewToHost): Promise<void>;
  onDocumentChanged(): void;
  stop(): void;
}

export type PanelPreviewFactory = (post: (message: PreviewHostToView) => void) => PanelPreviewHandler;

export class PanelSession {
  private ready = false;
  /** The latest messages posted to the view, oldest first. */
  readonly posted: HostToView[] = [];
  private readonly preview: PanelPreviewHandler | undefined;
  private readonly diagrams = new DiagramRequests((message) => this.post(message));

  constructor(
    private readonly sync: DocumentSync,
    private readonly postMessage: (message: HostToView) => void,
    private readonly settings: () => ViewSettings,
    previewFactory?: PanelPreviewFactory,
  ) {
    this.preview = previewFactory?.((message) => this.post(message));
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** Handles a raw message from the webview; resolves when it has been dealt with. */
  async handle(raw: unknown): Promise<void> {
    const validated = validateViewToHost(raw);
    if (!validated.ok) {
      this.sync.services.log.warn(`Refused a message from the designer: ${validated.reason}`);
      if (this.refusedDiagram(raw, validated.reason)) return;
      const requestId = requestIdOf(raw);
      if (requestId !== undefined) this.replyError(requestId, { code: "invalid-message", message: validated.reason });
      return;
    }
    try {
      await this.dispatch(validated.value);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.sync.services.log.error(`Designer message ${validated.value.type} failed: ${message}`);
      const requestId = requestIdOf(raw);
      if (requestId !== undefined) this.replyError(requestId, { code: "internal", message });
    }
  }

  private async dispatch(message: ViewToHost): Promise<void> {
    if (isPreviewViewToHost(message)) return this.preview?.handle(message);
    switch (message.type) {
      case "ready":
        return this.onReady();
      case "editIntent":
        return this.runIntent(message.requestId, message.intent);
      case "checkFixes":
        return this.answerFixes(message.requestId, message.docVersion, message.diagnosticIndex);
      case "requestFix":
        return this.runFix(message.requestId, message.docVersion, message.diagnosticIndex, message.fixIndex);
      case "selectLayer":
        return this.sync.services.selectInText(this.sync.document, message.layerId);
      case "revealInText":
        return this.sync.services.revealInText(this.sync.document, message.path);
      case "showInText":
        return this.sync.services.showInOpenText(this.sync.document, message.path);
      case "reportError":
        return this.sync.services.log.error(`Designer: ${message.message}`);
      case "diagramExport":
        return this.diagrams.answer(message);
      default: {
        const unknown: never = message;
        throw new Error(`Unhandled message ${JSON.stringify(unknown)}`);
      }
    }
  }

  private onReady(): void {
    this.ready = true;
    this.preview?.stop();
    const state = toDocumentState(this.sync.current());
    this.post({ type: "init", fileName: this.sync.document.fileName, settings: this.settings(), ...state });
    this.diagrams.repost();
  }

  /** The graph as this panel lays it out: SVG text or PNG base64; rejects with a message for the user. */
  requestDiagram(format: DiagramFormat): Promise<string> {
    return this.diagrams.request(format, this.ready);
  }

  /** A diagram answer that failed validation fails its export (the view's request ids are another space). */
  private refusedDiagram(raw: unknown, reason: string): boolean {
    if (typeof raw !== "object" || raw === null || (raw as { type?: unknown }).type !== "diagramExport") return false;
    const exportId = exportIdOf(raw as Record<string, unknown>);
    if (exportId !== undefined) this.diagrams.refuse(exportId, reason);
    return true;
  }

  private async runIntent(requestId: number, intent: EditIntent): Promise<void> {
    const current = this.sync.current();
    if (current.parseError) {
      const { line, column, message } = current.parseError;
      return this.replyError(requestId, { code: "parse-error", message: `The document is not valid JSON (line ${line}, column ${column}: ${message}); fix it in the text editor first.` });
    }
    const result = applyIntent(current.text, intent, current.parsed);
    if (!result.ok) {
      this.sync.services.log.info(`Designer edit ${intent.kind} refused (${result.error.code}): ${result.error.message}`);
      return this.replyError(requestId, result.error);
    }
    const applied = await this.sync.applyEdits(result.edits);
    if (!applied) {
      this.postState(toDocumentState(this.sync.current()));
      return this.replyError(requestId, { code: "apply-failed", message: "VS Code did not apply the edit (is the file read-only?)." });
    }
    this.post(result.createdId === undefined ? { type: "reply", requestId, ok: true } : { type: "reply", requestId, ok: true, createdId: result.createdId });
  }

  /** The checked fixes of a diagnostic of the analysis at `docVersion`, or why there are none. */
  private checkedFixes(requestId: number, docVersion: number, diagnosticIndex: number): CheckedFix[] | undefined {
    const current = this.sync.current();
    if (docVersion !== current.version) {
      this.replyError(requestId, { code: "stale-version", message: "The document changed since this fix was offered; try again." });
      return undefined;
    }
    const diagnostic = current.analysis.diagnostics[diagnosticIndex];
    if (!diagnostic || current.parseError) {
      this.replyError(requestId, { code: "no-such-fix", message: `No problem ${diagnosticIndex} to fix in this version.` });
      return undefined;
    }
    return checkedFixesOf(current, diagnostic);
  }

  private answerFixes(requestId: number, docVersion: number, diagnosticIndex: number): void {
    const checked = this.checkedFixes(requestId, docVersion, diagnosticIndex);
    if (!checked) return;
    const fixes = checked.map(({ fix, consequences }) => ({ title: fix.title, consequences, preferred: fix.preferred === true }));
    this.post({ type: "reply", requestId, ok: true, fixes });
  }

  private async runFix(requestId: number, docVersion: number, diagnosticIndex: number, fixIndex: number): Promise<void> {
    const checked = this.checkedFixes(requestId, docVersion, diagnosticIndex);
    if (!checked) return;
    const fix = checked[fixIndex]?.fix;
    if (!fix) return this.replyError(requestId, { code: "no-such-fix", message: `No fix ${fixIndex} for problem ${diagnosticIndex}.` });
    return this.runIntent(requestId, { kind: "applySpecEdits", edits: fix.edits });
  }

  /** Sends the document state (only once the view is ready; `init` carries it before that). */
  postState(state: DocumentState): void {
    if (this.ready) this.post({ type: "analysis", ...state });
    this.preview?.onDocumentChanged();
  }

  /** The panel closed. */
  dispose(): void {
    this.preview?.stop();
    this.diagrams.cancelAll();
  }

  postSettings(settings: ViewSettings): void {
    if (this.ready) this.post({ type: "settings", settings });
  }

  /** "Add Layer…": the view inserts a layer of this type after its selection; false before the view is ready. */
  postAddLayer(layerType: string): boolean {
    if (this.ready) this.post({ type: "addLayer", layerType });
    return this.ready;
  }

  private replyError(requestId: number, error: ReplyError): void {
    this.post({ type: "reply", requestId, ok: false, error });
  }

  private post(message: HostToView): void {
    this.posted.push(message);
    if (this.posted.length > POSTED_HISTORY) this.posted.shift();
    this.postMessage(message);
  }
}
