/** The top-level keys: version, name, input, seed, layers (+ unknown-key warnings). */
import { describeValue, report, type PendingDiagnostic } from "./context";
import { isInexactInteger, tooLargeText } from "./exactRange";
import { isInteger } from "./fields";
import { forEachUnknownKey } from "./unknownKeys";

export const TOP_LEVEL_KEYS = ["version", "name", "input", "seed", "layers"] as const;

export interface TopLevel {
  input: number[] | null;
  name?: string;
  seed: number;
  layers: readonly unknown[];
}

const EXAMPLE = `{ "version": 1, "input": [1, 28, 28], "layers": [...] }`;

function readInput(spec: Record<string, unknown>, sink: PendingDiagnostic[]): number[] | null {
  if (!("input" in spec)) {
    report(sink, "error", "missing-field", `The spec needs "input": the shape of one sample as [channels, height, width], e.g. "input": [3, 224, 224].`, []);
    return null;
  }
  const value = spec.input;
  const huge = Array.isArray(value) && value.length === 3 ? value.findIndex(isInexactInteger) : -1;
  if (huge >= 0) {
    report(sink, "error", "value-too-large", tooLargeText("input", (value as number[])[huge]), ["input", huge]);
    return null;
  }
  if (!Array.isArray(value) || value.length !== 3 || !value.every(isInteger)) {
    report(sink, "error", "invalid-input-shape", `"input" must be [channels, height, width] with 3 whole numbers, got ${describeValue(value)}.`, ["input"]);
    return null;
  }
  const bad = value.findIndex((size) => size < 1);
  if (bad >= 0) {
    report(sink, "error", "non-positive-value", `"input" sizes must be ≥ 1, got ${describeValue(value)}.`, ["input", bad]);
    return null;
  }
  return [...value];
}

function readSeed(spec: Record<string, unknown>, sink: PendingDiagnostic[]): number {
  if (!("seed" in spec)) return 0;
  if (isInteger(spec.seed)) return spec.seed;
  report(sink, "error", "wrong-type", `"seed" must be a whole number (it seeds the preview weights), got ${describeValue(spec.seed)}; using 0.`, ["seed"]);
  return 0;
}

function readLayers(spec: Record<string, unknown>, sink: PendingDiagnostic[]): readonly unknown[] {
  if (!("layers" in spec)) {
    report(sink, "error", "missing-field", `The spec needs "layers": a list of layer objects, e.g. "layers": [{ "type": "conv2d", "filters": 16, "kernel": 3 }].`, []);
    return [];
  }
  if (Array.isArray(spec.layers)) return spec.layers;
  report(sink, "error", "wrong-type", `"layers" must be a list of layer objects, got ${describeValue(spec.layers)}.`, ["layers"]);
  return [];
}

function checkKeys(spec: Record<string, unknown>, sink: PendingDiagnostic[]): void {
  if ("version" in spec && spec.version !== 1) {
    report(sink, "error", "unsupported-version", `"version" must be 1 (the only version this extension reads), got ${describeValue(spec.version)}.`, ["version"]);
  }
  if ("name" in spec && typeof spec.name !== "string") report(sink, "warning", "wrong-type", `"name" should be a string, got ${describeValue(spec.name)}; it is ignored.`, ["name"]);
  forEachUnknownKey(spec, TOP_LEVEL_KEYS, (key, closest) => {
    const hint = closest && !(closest in spec) ? ` Did you mean "${closest}"?` : "";
    report(sink, "warning", "unknown-key", `Unknown top-level key "${key}"; it is kept but ignored.${hint}`, [key], { target: "key" });
  });
}

/** Reads the top level; null when the spec is not an object at all (reported). */
export function readTopLevel(spec: unknown, sink: PendingDiagnostic[]): TopLevel | null {
  if (typeof spec !== "object" || spec === null || Array.isArray(spec)) {
    report(sink, "error", "spec-not-object", `A network spec is an object like ${EXAMPLE}, got ${describeValue(spec)}.`, []);
    return null;
  }
  const record = spec as Record<string, unknown>;
  checkKeys(record, sink);
  const name = typeof record.name === "string" ? record.name : undefined;
  const topLevel: TopLevel = { input: readInput(record, sink), seed: readSeed(record, sink), layers: readLayers(record, sink) };
  if (name !== undefined) topLevel.name = name;
  return topLevel;
}
