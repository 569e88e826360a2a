/**
 * The seam between the graph designer and whoever mounts it (webview/main.tsx).
 *
 * The designer renders an analysis and sends the protocol's edit intents
 * (src/protocol: EditIntent); it never edits text itself. Requests answer with the host's
 * reply so the designer can select a created layer or show why nothing changed.
 */
import type { Analysis, JsonPath } from "../../src/engine/types";
import type { CheckedFixView, EditIntent, ParseErrorInfo, ViewSettings } from "../../src/protocol";

export type { CheckedFixView, EditIntent, ParseErrorInfo, ViewSettings };

/** The host's answer to an intent or a fix request (protocol `reply`, flattened). */
export type IntentReply = { ok: true; createdId?: string } | { ok: false; message: string };

export interface FixRequest {
  docVersion: number;
  diagnosticIndex: number;
  /** An index into the `checkFixes` answer for this diagnostic and version. */
  fixIndex: number;
}

/** protocol `checkFixes`, flattened: the fixes that add no error, or why there are none. */
export type FixesReply = { ok: true; fixes: CheckedFixView[] } | { ok: false; message: string };

/** What the designer persists between webview reloads (never written to the file). */
export interface DesignerViewState {
  viewport?: { x: number; y: number; zoom: number };
  /** The canvas size `viewport` was saved at. */
  viewportSize?: { width: number; height: number };
  selectedIds?: string[];
  inspectorWidth?: number;
  tableHeight?: number;
  /** Groups of dotted ids folded into blocks (useFolding.ts). */
  folded?: string[];
}

export interface DesignerPort {
  /** protocol `editIntent`; resolves with the reply. */
  sendIntent(intent: EditIntent): Promise<IntentReply>;
  /** protocol `checkFixes`: the diagnostic's fixes that keep the network free of new errors. */
  checkFixes(request: Omit<FixRequest, "fixIndex">): Promise<FixesReply>;
  /** protocol `requestFix`; resolves with the reply. */
  requestFix(request: FixRequest): Promise<IntentReply>;
  /**
   * protocol `selectLayer` (null: nothing selected). `fromInput`: called in the input event's
   * handler, before the designer re-renders, so the preview can start at once.
   */
  selectLayer(id: string | null, fromInput?: boolean): void;
  /** protocol `revealInText`. */
  revealInText(path: JsonPath): void;
  /** protocol `showInText`: select the path in an open text editor, without opening or focusing one. */
  showInText(path: JsonPath): void;
  /** Put text on the clipboard (navigator.clipboard in the webview works in VS Code). */
  copy(text: string): void;
  /** Persist view state (vscode.setState, namespaced by the caller); called debounced. */
  saveViewState(state: DesignerViewState): void;
}

/** A raw layer object as written in the file (unknown keys kept). */
export type RawLayer = Record<string, unknown>;

/** Everything the designer renders; pass a new object on every document or settings change. */
export interface DesignerProps {
  /** protocol DocumentState.docVersion. */
  docVersion: number;
  /** protocol DocumentState.analysis: the last analysis of valid JSON (null: never valid yet). */
  analysis: Analysis | null;
  /** protocol DocumentState.parseError: set while the text is not valid JSON. */
  parseError: ParseErrorInfo | null;
  /**
   * The parsed spec object the analysis came from (comments stripped), for the inspector
   * fields: it tells what the user wrote from what is a default. Null/absent: the inspector
   * shows only defaults and resolved values as placeholders.
   */
  spec?: Record<string, unknown> | null;
  settings: ViewSettings;
  /** Host-driven selection (e.g. the text cursor is inside this layer); undefined: no opinion. */
  selectedId?: string | null;
  /** "Add Layer…" chose this type: insert it after the selection (a new `serial` each time). */
  addLayerRequest?: { layerType: string; serial: number };
}

/** The spec's `layers` array as raw objects (non-objects become empty objects). */
export function rawLayersOf(spec: Record<string, unknown> | null | undefined): RawLayer[] {
  const layers = spec?.layers;
  if (!Array.isArray(layers)) return [];
  return layers.map((layer) => (layer !== null && typeof layer === "object" && !Array.isArray(layer) ? (layer as RawLayer) : {}));
}
