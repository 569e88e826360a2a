/**
 * Keeps every designer panel on one document in sync with its text. Our own edits are not
 * processed again as outside changes (drawio's guard), but their new analysis is still
 * posted once to every panel; outside changes (typing, undo, another tool) are debounced.
 */
import type { TextEdit } from "../engine/edit";
import { toDocumentState, type AnalysisStore, type DocumentAnalysis } from "./documentAnalysis";
import type { DocumentHandle, HostServices } from "./hostServices";
import type { PanelSession } from "./panelSession";

export const CHANGE_DEBOUNCE_MS = 60;

export class DocumentSync {
  private readonly panels = new Set<PanelSession>();
  private ownEdits = 0;
  /** Panels learn the state at creation time from `init`; broadcasts only carry later versions. */
  private lastSentVersion: number;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly document: DocumentHandle,
    readonly services: HostServices,
    private readonly store: AnalysisStore,
  ) {
    this.lastSentVersion = document.version;
  }

  current(): DocumentAnalysis {
    return this.store.get(this.document.key, this.document);
  }

  add(panel: PanelSession): void {
    this.panels.add(panel);
  }

  /** Removes a panel; true when none is left. */
  remove(panel: PanelSession): boolean {
    this.panels.delete(panel);
    return this.panels.size === 0;
  }

  get panelList(): PanelSession[] {
    return [...this.panels];
  }

  /** The document's text changed (any source). */
  onDocumentChanged(): void {
    if (this.ownEdits > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.broadcast();
    }, CHANGE_DEBOUNCE_MS);
  }

  /** Applies our own edits as one WorkspaceEdit, then posts the new state once. */
  async applyEdits(edits: readonly TextEdit[]): Promise<boolean> {
    this.ownEdits++;
    let applied: boolean;
    try {
      applied = edits.length === 0 ? true : await this.services.applyEdits(this.document, edits);
    } finally {
      this.ownEdits--;
    }
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.broadcast();
    return applied;
  }

  /** Posts the current state to every ready panel, once per document version. */
  broadcast(force = false): void {
    const result = this.current();
    if (!force && result.version === this.lastSentVersion) return;
    this.lastSentVersion = result.version;
    const state = toDocumentState(result);
    for (const panel of this.panels) panel.postState(state);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panels.clear();
  }
}
