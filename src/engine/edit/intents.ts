/**
 * Edit intents: what the designer (or a quick fix) asks for, turned into minimal text edits
 * against the current document. Pure: text in, edits out; refusals are data.
 */
import type { SpecEdit } from "../types";
import type { JsonValue } from "./jsonLayout";
import { addLayer, connect, disconnect, moveLayer, removeLayer, renameLayer, setField } from "./layerOperations";
import { IntentError, type EditErrorCode } from "./intentError";
import { parseText, PathError, lineColumn, specEditToTextEdits, type ParsedText } from "./paths";
import { parsedOf, rememberParse, removeEveryCopy } from "./sessionParse";
import { EditSession, type TextEdit } from "./textEdit";

export type { EditErrorCode } from "./intentError";

/** A layer to create. Without `id` it gets a fresh one (`conv2`, `pool1`, …). */
export interface NewLayer {
  type: string;
  id?: string;
  /** Further keys, written after `id` and `type`. */
  fields?: Record<string, JsonValue>;
}

export type EditIntent =
  /** Append a layer at the end of `layers`. */
  | { kind: "addLayer"; layer: NewLayer }
  /** Insert a layer right after `afterId` (null: first); it reads that layer's output. */
  | { kind: "insertLayer"; afterId: string | null; layer: NewLayer }
  /** Remove a layer; layers that read it read its inputs instead. */
  | { kind: "removeLayer"; id: string }
  /** Set, replace or (value omitted) remove one key of a layer; `id` is changed by renameLayer. */
  | { kind: "setField"; id: string; key: string; value?: JsonValue }
  /** Add `from` to the inputs of `to` (written out when they were implicit). */
  | { kind: "connect"; from: string; to: string }
  /** Remove `from` from the inputs of `to` (a layer keeps at least one input). */
  | { kind: "disconnect"; from: string; to: string }
  /** Rename a layer and every `inputs` entry naming it. */
  | { kind: "renameLayer"; id: string; newId: string }
  /** Move a layer to position `toIndex` of `layers` (refused if it would precede an input). */
  | { kind: "moveLayer"; id: string; toIndex: number }
  /** Apply the engine's edits by JSON path (its suggested fixes). */
  | { kind: "applySpecEdits"; edits: SpecEdit[] };

export interface EditError {
  code: EditErrorCode;
  message: string;
}

export type IntentResult =
  | { ok: true; edits: TextEdit[]; text: string; createdId?: string }
  | { ok: false; error: EditError };

/**
 * The minimal edits (against `text`) that carry out `intent`, or why it was refused. One parse
 * of the text serves the whole intent (a field edit costs one pass over a 600 KB line, not one
 * per step); only applySpecEdits re-parses between its edits, which address the edited text.
 * `parsed` is a parse of `text` the caller already has (the host's analysis cache).
 */
export function applyIntent(text: string, intent: EditIntent, parsed: ParsedText = parseText(text)): IntentResult {
  if (parsed.text !== text) throw new Error("applyIntent: the given parse belongs to another text");
  if (parsed.errors.length > 0) {
    const { line, column } = lineColumn(text, parsed.errors[0].offset);
    return refuse("parse-error", `The document is not valid JSON (line ${line}, column ${column}); fix it in the text editor first.`);
  }
  const session = new EditSession(text);
  rememberParse(session, parsed);
  try {
    const createdId = run(session, intent);
    return { ok: true, edits: session.edits(), text: session.text, createdId };
  } catch (error) {
    if (error instanceof IntentError) return refuse(error.code, error.message);
    if (error instanceof PathError) return refuse("invalid-path", error.message);
    throw error;
  }
}

function run(session: EditSession, intent: EditIntent): string | undefined {
  switch (intent.kind) {
    case "addLayer":
      return addLayer(session, intent.layer, undefined);
    case "insertLayer":
      return addLayer(session, intent.layer, { afterId: intent.afterId });
    case "removeLayer":
      return void removeLayer(session, intent.id);
    case "setField":
      return void setField(session, intent.id, intent.key, intent.value);
    case "connect":
      return void connect(session, intent.from, intent.to);
    case "disconnect":
      return void disconnect(session, intent.from, intent.to);
    case "renameLayer":
      return void renameLayer(session, intent.id, intent.newId);
    case "moveLayer":
      return void moveLayer(session, intent.id, intent.toIndex);
    case "applySpecEdits":
      for (const edit of intent.edits) {
        if (edit.kind === "remove") removeEveryCopy(session, edit.path);
        else session.apply(specEditToTextEdits(parsedOf(session), edit));
      }
      return undefined;
    default: {
      const unknown: never = intent;
      throw new Error(`Unknown intent ${JSON.stringify(unknown)}`);
    }
  }
}

function refuse(code: EditErrorCode, message: string): IntentResult {
  return { ok: false, error: { code, message } };
}
