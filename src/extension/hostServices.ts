/** What the editor sessions need from VS Code, as an interface so they can be tested with fakes. */
import type { TextEdit } from "../engine/edit";
import type { JsonPath } from "../engine/types";
import type { VersionedText } from "./documentAnalysis";

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A text document as the sessions see it. */
export interface DocumentHandle extends VersionedText {
  /** Stable key (the URI string). */
  readonly key: string;
  /** The file name, for the view's title. */
  readonly fileName: string;
}

export interface HostServices {
  /** Applies the edits (relative to the current text) as one undoable WorkspaceEdit. */
  applyEdits(document: DocumentHandle, edits: readonly TextEdit[]): Promise<boolean>;
  /** Shows the JSON path in a text editor (beside the designer) and focuses it. */
  revealInText(document: DocumentHandle, path: JsonPath): Promise<void>;
  /** Mirrors a selection in visible text editors of the document, without taking focus. */
  selectInText(document: DocumentHandle, layerId: string | null): void;
  /** Selects the JSON path's range in visible text editors of the document (none opened, no focus taken). */
  showInOpenText(document: DocumentHandle, path: JsonPath): void;
  readonly log: Logger;
}
