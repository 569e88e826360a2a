/**
 * Instant feedback for field edits (issue 20): an inspector edit goes to the host as an intent,
 * which applies it to the text, re-analyses and posts the result back — a round trip of tens
 * of milliseconds to a few hundred. Meanwhile the webview applies the same field change to its
 * copy of the spec and analyses that itself (the engine is pure), so the table and the graph
 * show the result at once. The host's analysis replaces the prediction when it arrives; a
 * refused edit restores the last one (main.tsx). Only `setField` is predicted: adding or
 * removing layers changes the graph's structure and waits for the host.
 */
import { analyze, type Analysis } from "../src/engine";
import type { EditIntent } from "../src/protocol";

/** Above this many layers the webview does not predict (the host's analysis is the only one). */
export const predictionLayerCap = 5000;

export interface Prediction {
  spec: Record<string, unknown>;
  analysis: Analysis;
}

/** The spec and analysis the host will send after `intent`, or null when it cannot be predicted. */
export function predictEdit(spec: Record<string, unknown> | null, intent: EditIntent, readNotes: boolean): Prediction | null {
  if (intent.kind !== "setField" || !spec || !Array.isArray(spec.layers) || spec.layers.length > predictionLayerCap) return null;
  const matching = spec.layers.filter((layer) => isRecord(layer) && layer.id === intent.id);
  if (matching.length !== 1) return null;
  const edited = withField(matching[0] as Record<string, unknown>, intent.key, intent.value);
  const layers = spec.layers.map((layer) => (layer === matching[0] ? edited : layer));
  const next = { ...spec, layers };
  return { spec: next, analysis: analyze(next, { quietReadNotes: !readNotes }) };
}

function withField(layer: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const next = { ...layer };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
