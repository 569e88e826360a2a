/**
 * The messages between the extension host and the designer webview (both directions).
 * Declarations only; validation of what arrives is in ./validate.ts. Tags are string
 * literals so they read well in devtools and need no import to compare.
 */
import type { EditErrorCode, EditIntent } from "../engine/edit/intents";
import type { Analysis, JsonPath } from "../engine/types";
import type { DiagramHostToView, DiagramViewToHost } from "./diagram";
import type { PreviewHostToView, PreviewViewToHost } from "./preview";

export type { EditIntent, NewLayer, EditErrorCode } from "../engine/edit/intents";
export type { JsonValue } from "../engine/edit/jsonLayout";

/** Where the text stops being JSON (1-based line and column), for the designer's banner. */
export interface ParseErrorInfo {
  line: number;
  column: number;
  message: string;
}

/** Settings the view needs. */
export interface ViewSettings {
  shapeOrder: "CHW" | "HWC";
  layoutDirection: "TB" | "LR";
  /** `cnnDesigner.problems.readNotes`: the analysis keeps the read notes (the webview's predicted analysis must match). */
  readNotes?: boolean;
}

/** The state of the document the view shows. */
export interface DocumentState {
  /** TextDocument.version the analysis belongs to. */
  docVersion: number;
  /** The latest analysis of valid JSON: kept from the last good text while the text is broken. */
  analysis: Analysis | null;
  /** Set while the current text is not valid JSON (the analysis is then older than docVersion). */
  parseError: ParseErrorInfo | null;
  /** The parsed spec object that `analysis` belongs to (comments stripped): what the user wrote, for the inspector. */
  spec?: Record<string, unknown> | null;
}

export type ReplyErrorCode =
  | EditErrorCode
  /** The request named a document version that has changed since. */
  | "stale-version"
  /** The diagnostic or fix index does not exist in the current analysis. */
  | "no-such-fix"
  /** VS Code did not apply the workspace edit. */
  | "apply-failed"
  /** The message failed validation and was not acted on. */
  | "invalid-message"
  /** Anything unexpected on the host; details are in the output channel. */
  | "internal";

export interface ReplyError {
  code: ReplyErrorCode;
  message: string;
}

/** A fix the host checked: applying it adds no error; `consequences` says what else changes. */
export interface CheckedFixView {
  title: string;
  consequences: string;
  preferred: boolean;
}

// ---------------------------------------------------------------------------------------
// host → webview
// ---------------------------------------------------------------------------------------

export type HostToView =
  /** Answer to `ready`: the document state and the settings; the view may start sending. */
  | ({ type: "init"; fileName: string; settings: ViewSettings } & DocumentState)
  /** The document changed (typing, undo, our own edit, another panel): the new state. */
  | ({ type: "analysis" } & DocumentState)
  /** The user changed a cnnDesigner.* setting. */
  | { type: "settings"; settings: ViewSettings }
  /** "Add Layer…" (command palette or Ctrl+K Shift+A): insert a layer of this type after the selection. */
  | { type: "addLayer"; layerType: string }
  /** The outcome of an `editIntent`, `requestFix` or `checkFixes` (matched by requestId); `fixes` answers `checkFixes`. */
  | { type: "reply"; requestId: number; ok: true; createdId?: string; fixes?: CheckedFixView[] }
  | { type: "reply"; requestId: number; ok: false; error: ReplyError }
  /** Feature-map previews (./preview.ts). */
  | PreviewHostToView
  /** Diagram export (./diagram.ts). */
  | DiagramHostToView;

// ---------------------------------------------------------------------------------------
// webview → host
// ---------------------------------------------------------------------------------------

export type ViewToHost =
  /** The view's script runs and listens; the host answers with `init`. */
  | { type: "ready" }
  /** Change the document; replied to with `reply` (the new state arrives as `analysis`). */
  | { type: "editIntent"; requestId: number; intent: EditIntent }
  /**
   * The fixes of diagnostic `diagnosticIndex` at `docVersion` that leave no new error, each with
   * what else changes (engine/fixCheck.ts); replied to with `reply` carrying `fixes`.
   */
  | { type: "checkFixes"; requestId: number; docVersion: number; diagnosticIndex: number }
  /** Apply checked fix `fixIndex` (an index into the `checkFixes` answer) of that diagnostic at `docVersion`. */
  | { type: "requestFix"; requestId: number; docVersion: number; diagnosticIndex: number; fixIndex: number }
  /** The user selected a layer (null: nothing); the host mirrors it in a visible text editor. */
  | { type: "selectLayer"; layerId: string | null }
  /** Show this JSON path in the text editor (opened beside if needed) and focus it. */
  | { type: "revealInText"; path: JsonPath }
  /** Select this JSON path in the document's visible text editors, if any (none opened, focus kept). */
  | { type: "showInText"; path: JsonPath }
  /** Something failed inside the view; the host logs it to the output channel. */
  | { type: "reportError"; message: string }
  /** Feature-map previews (./preview.ts). */
  | PreviewViewToHost
  /** Diagram export (./diagram.ts). */
  | DiagramViewToHost;

export type ViewToHostType = ViewToHost["type"];
export type HostToViewType = HostToView["type"];
