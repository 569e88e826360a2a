/**
 * Typed field readers. Each reads one key of a layer, reports a diagnostic when the value is
 * missing or of the wrong kind, and returns undefined in that case (the layer is then marked
 * failed). A missing optional field gives its default.
 */
import { describeValue, type LayerContext } from "./context";
import { isInexactInteger, tooLargeText } from "./exactRange";

export type Pair = [number, number];

interface ReadOptions<T> {
  /** Required fields report `missing-field` on the layer object when absent. */
  required?: boolean;
  fallback?: T;
  /** What the field means, for the "missing" message (e.g. "the number of output channels"). */
  meaning?: string;
  example?: string;
}

function missing<T>(ctx: LayerContext, key: string, options: ReadOptions<T>): T | undefined {
  if (!options.required) return options.fallback;
  const meaning = options.meaning ? ` (${options.meaning})` : "";
  const example = options.example ? `, e.g. "${key}": ${options.example}` : "";
  ctx.error("missing-field", `${ctx.type} needs \`${key}\`${meaning}; add it${example}.`);
  return undefined;
}

export function isInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value);
}

/** A whole number ≥ minimum. */
export function readInteger(ctx: LayerContext, key: string, minimum: number, options: ReadOptions<number> = {}): number | undefined {
  if (!ctx.has(key)) return missing(ctx, key, options);
  const value = ctx.get(key);
  if (isInexactInteger(value)) {
    ctx.error("value-too-large", tooLargeText(key, value), { field: key });
    return undefined;
  }
  if (!isInteger(value)) {
    ctx.error("wrong-type", `\`${key}\` must be a whole number, got ${describeValue(value)}.`, { field: key, fixes: numberFixes(ctx, key, value) });
    return undefined;
  }
  if (value < minimum) {
    const code = minimum >= 1 ? "non-positive-value" : "negative-value";
    ctx.error(code, `\`${key}\` must be ≥ ${minimum}, got ${value}.`, { field: key });
    return undefined;
  }
  return value;
}

/** An integer or [height, width] of integers, each ≥ minimum. */
export function readPair(ctx: LayerContext, key: string, minimum: number, options: ReadOptions<Pair> = {}): Pair | undefined {
  if (!ctx.has(key)) return missing(ctx, key, options);
  const value = ctx.get(key);
  const pair = toPair(value);
  const huge = Array.isArray(value) && value.length === 2 ? value.findIndex(isInexactInteger) : isInexactInteger(value) ? 0 : -1;
  if (!pair && huge >= 0) {
    const field = Array.isArray(value) ? [key, huge] : key;
    ctx.error("value-too-large", tooLargeText(key, Array.isArray(value) ? (value[huge] as number) : (value as number)), { field });
    return undefined;
  }
  if (!pair) {
    ctx.error("wrong-type", `\`${key}\` must be a whole number or [height, width], got ${describeValue(value)}.`, { field: key, fixes: numberFixes(ctx, key, value) });
    return undefined;
  }
  const bad = pair.findIndex((entry) => entry < minimum);
  if (bad >= 0) {
    const code = minimum >= 1 ? "non-positive-value" : "negative-value";
    const field = Array.isArray(value) ? [key, bad] : key;
    ctx.error(code, `\`${key}\` must be ≥ ${minimum}, got ${describeValue(value)}.`, { field });
    return undefined;
  }
  return pair;
}

export function toPair(value: unknown): Pair | undefined {
  if (isInteger(value)) return [value, value];
  if (Array.isArray(value) && value.length === 2 && isInteger(value[0]) && isInteger(value[1])) return [value[0], value[1]];
  return undefined;
}

export function readBoolean(ctx: LayerContext, key: string, fallback: boolean): boolean | undefined {
  if (!ctx.has(key)) return fallback;
  const value = ctx.get(key);
  if (typeof value === "boolean") return value;
  const fixes = value === "true" || value === "false" ? [{ title: `Use ${value} (without quotes)`, preferred: true, edits: [{ kind: "set" as const, path: ctx.fieldPath(key), value: value === "true" }] }] : undefined;
  ctx.error("wrong-type", `\`${key}\` must be true or false, got ${describeValue(value)}.`, { field: key, fixes });
  return undefined;
}

/** A finite number within [minimum, maximum]. */
export function readNumber(
  ctx: LayerContext, key: string, fallback: number, range: { minimum?: number; maximum?: number; code?: string; hint?: string } = {},
): number | undefined {
  if (!ctx.has(key)) return fallback;
  const value = ctx.get(key);
  if (typeof value !== "number" || !Number.isFinite(value)) {
    ctx.error("wrong-type", `\`${key}\` must be a number, got ${describeValue(value)}.`, { field: key, fixes: numberFixes(ctx, key, value) });
    return undefined;
  }
  const tooLow = range.minimum !== undefined && value < range.minimum;
  const tooHigh = range.maximum !== undefined && value > range.maximum;
  if (tooLow || tooHigh) {
    ctx.error(range.code ?? "value-out-of-range", `\`${key}\` must be ${rangeText(range.minimum, range.maximum)}, got ${value}${range.hint ? `; ${range.hint}` : ""}.`, { field: key });
    return undefined;
  }
  return value;
}

function rangeText(minimum: number | undefined, maximum: number | undefined): string {
  if (minimum !== undefined && maximum !== undefined) return `between ${minimum} and ${maximum}`;
  return minimum !== undefined ? `≥ ${minimum}` : `≤ ${maximum}`;
}

/** "3" → 3 and ["3","5"] → [3,5] quick fixes for numbers written as strings. */
function numberFixes(ctx: LayerContext, key: string, value: unknown) {
  const parsed = typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  if (!Number.isFinite(parsed)) return undefined;
  return [{ title: `Use the number ${parsed}`, preferred: true, edits: [{ kind: "set" as const, path: ctx.fieldPath(key), value: parsed }] }];
}

/** "5×5" or "3×5" for a pair. */
export function pairText(pair: readonly number[]): string {
  return `${pair[0]}×${pair[1]}`;
}

/** A pair written back to the spec: a single number when both axes agree. */
export function pairValue(pair: readonly number[]): number | [number, number] {
  return pair[0] === pair[1] ? pair[0] : [pair[0], pair[1]];
}
