/** Why an edit intent was refused (data for the webview's reply and the user's message). */
export type EditErrorCode =
  | "parse-error"
  | "no-root"
  | "unknown-layer"
  | "invalid-id"
  | "duplicate-id"
  | "reserved-key"
  | "forward-reference"
  | "already-connected"
  | "not-connected"
  | "last-input"
  | "invalid-move"
  | "invalid-path"
  | "invalid-value"
  /** `layers` is a string, object, number…: the edit would overwrite it. */
  | "layers-not-array";

/** Thrown inside an intent and turned into a refusal at its boundary. */
export class IntentError extends Error {
  constructor(readonly code: EditErrorCode, message: string) {
    super(message);
  }
}
