/**
 * The values the designer actually sends in edit intents, and nothing more: the inspector's
 * fields (declared by each layer type, src/engine/layers; the inspector shows the same), the palette's new
 * layers, the merge / insert-on-edge / connect gestures and the network input shape
 * (webview/graph/intents.ts), the preview's flipKernel button. Each check returns why a value is
 * refused, or undefined when it is one the designer sends.
 */
import { ID_PATTERN, NETWORK_INPUT } from "../engine/edit/layerIndex";
import { ACTIVATION_TYPES } from "../engine/layers/activation";
import type { FieldDeclaration } from "../engine/layers/layerType";
import { LAYER_TYPE_LIST } from "../engine/layers/registry";
import { WEIGHT_INITIALISERS } from "../engine/weights";

/** Longest id the designer sends (ids come from the file; the format has no limit, 200 is plenty). */
export const MAX_ID_LENGTH = 200;
/** The most ids in one `inputs` list. */
export const MAX_INPUTS = 1000;
/** A duplicated layer carries the file's own keys (custom kernels included): at most this much JSON text. */
export const MAX_COPIED_FIELDS_CHARACTERS = 256 * 1024;
/** Layer indices in paths: far above any real network, far below anything that costs memory. */
export const MAX_LAYER_INDEX = 1_000_000;

export { ACTIVATION_TYPES };
export const WEIGHT_PRESETS = WEIGHT_INITIALISERS;

type FieldKind = "count" | "number" | "boolean" | "spatial" | "spatialOrZero" | "padding" | "activation" | "weights" | "inputs" | "choice" | "scale";

/** The shape of values a declared field takes in the designer. */
function kindOf(field: FieldDeclaration): FieldKind {
  switch (field.kind) {
    case "int": return "count";
    case "number": return "number";
    case "bool": return "boolean";
    case "spatial": return field.allowZero ? "spatialOrZero" : "spatial";
    case "convPadding": return "padding";
    default: return field.kind;
  }
}

/** The wider of two kinds a field name has in different types (padding: conv's or a pool's). */
function wider(first: FieldKind | undefined, second: FieldKind): FieldKind {
  if (first === undefined || first === second) return second;
  const order: FieldKind[] = ["spatial", "spatialOrZero", "padding"];
  if (order.includes(first) && order.includes(second)) return order[Math.max(order.indexOf(first), order.indexOf(second))];
  throw new Error(`field kinds ${first} and ${second} share a name`);
}

/**
 * Every layer field the inspector edits (id goes through renameLayer), with the shape of its values: from the layer types' declarations.
 */
export const DESIGNER_FIELDS: Readonly<Record<string, FieldKind>> = (() => {
  const fields: Record<string, FieldKind> = {};
  for (const layerType of LAYER_TYPE_LIST) {
    for (const field of layerType.fields) fields[field.name] = wider(fields[field.name], kindOf(field));
  }
  fields.inputs = "inputs";
  return fields;
})();

/** Every value a "choice" field of any type offers. */
const CHOICES: ReadonlySet<string> = new Set(
  LAYER_TYPE_LIST.flatMap((layerType) => layerType.fields.flatMap((field) => field.choices ?? [])),
);

function positiveNumber(value: unknown): boolean {
  return typeof value === "number" && Number.isFinite(value) && value > 0;
}

function positiveScale(value: unknown): boolean {
  return positiveNumber(value) || (Array.isArray(value) && value.length === 2 && positiveNumber(value[0]) && positiveNumber(value[1]));
}

function isWhole(value: unknown, minimum: number): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= minimum;
}

function spatial(value: unknown, minimum: number): boolean {
  return isWhole(value, minimum) ||
    (Array.isArray(value) && value.length === 2 && isWhole(value[0], minimum) && isWhole(value[1], minimum));
}

/** A layer id as the designer names it (whatever the file wrote, bounded). */
export function layerIdProblem(value: unknown): string | undefined {
  if (typeof value !== "string" || value === "") return "must be a layer id (a non-empty string)";
  return value.length > MAX_ID_LENGTH ? `is longer than ${MAX_ID_LENGTH} characters` : undefined;
}

/** An id the designer writes (new names, merge members it names): the format's id pattern. */
export function newIdProblem(value: unknown): string | undefined {
  const problem = layerIdProblem(value);
  if (problem) return problem;
  if (value === NETWORK_INPUT || !ID_PATTERN.test(value as string)) return "must be a valid new id (a letter or _, then letters, digits, _ . -; not input)";
  return undefined;
}

function inputsProblem(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_INPUTS) return `must be a list of 1 to ${MAX_INPUTS} layer ids`;
  for (const id of value) {
    const problem = layerIdProblem(id);
    if (problem) return `has an entry that ${problem}`;
  }
  return undefined;
}

const valueChecks: Record<FieldKind, (value: unknown) => string | undefined> = {
  count: (value) => (isWhole(value, 1) ? undefined : "must be a whole number ≥ 1"),
  number: (value) => (typeof value === "number" && Number.isFinite(value) ? undefined : "must be a finite number"),
  boolean: (value) => (typeof value === "boolean" ? undefined : "must be true or false"),
  spatial: (value) => (spatial(value, 1) ? undefined : "must be a whole number ≥ 1 or [height, width]"),
  spatialOrZero: (value) => (spatial(value, 0) ? undefined : "must be a whole number ≥ 0 or [height, width]"),
  padding: (value) => (value === "same" || value === "valid" || spatial(value, 0) ? undefined : `must be a whole number ≥ 0, [height, width], "same" or "valid"`),
  activation: (value) => ((ACTIVATION_TYPES as readonly unknown[]).includes(value) ? undefined : `must be one of ${ACTIVATION_TYPES.join(", ")}`),
  weights: (value) => ((WEIGHT_PRESETS as readonly unknown[]).includes(value) ? undefined : `must be one of ${WEIGHT_PRESETS.join(", ")}`),
  inputs: inputsProblem,
  choice: (value) => (CHOICES.has(value as string) ? undefined : "must be one of the field's choices"),
  scale: (value) => (positiveScale(value) ? undefined : "must be a number > 0 or [height, width] of them"),
};

/** A value for one of the inspector's fields (the key must be one of DESIGNER_FIELDS). */
export function fieldValueProblem(key: string, value: unknown): string | undefined {
  const kind = Object.hasOwn(DESIGNER_FIELDS, key) ? DESIGNER_FIELDS[key] : undefined;
  if (!kind) return `"${key.slice(0, 40)}" is not a field the designer edits`;
  const problem = valueChecks[kind](value);
  return problem ? `"${key}" ${problem}` : undefined;
}

/** The network input shape: [channels, height, width] of whole numbers ≥ 1. */
export function inputShapeProblem(value: unknown): string | undefined {
  return Array.isArray(value) && value.length === 3 && value.every((size) => isWhole(size, 1)) ? undefined : "the input shape must be [channels, height, width], whole numbers ≥ 1";
}

/**
 * JSON text length of `value` if it is JSON data (finite numbers, plain objects, arrays) of at most
 * `maxDepth` levels and `budget` characters, else -1. Stops as soon as the budget is spent.
 */
export function jsonSize(value: unknown, budget: number, maxDepth = 32): number {
  let used = 0;
  const visit = (item: unknown, depth: number): boolean => {
    if (depth > maxDepth || used > budget) return false;
    if (item === null || typeof item === "boolean") used += 5;
    else if (typeof item === "number") {
      if (!Number.isFinite(item)) return false;
      used += 24;
    } else if (typeof item === "string") used += item.length + 2;
    else if (Array.isArray(item)) {
      used += 2;
      for (const element of item) if (!visit(element, depth + 1)) return false;
    } else if (typeof item === "object" && Object.getPrototypeOf(item) === Object.prototype) {
      used += 2;
      for (const [key, element] of Object.entries(item)) {
        used += key.length + 3;
        if (!visit(element, depth + 1)) return false;
      }
    } else return false;
    return used <= budget;
  };
  return visit(value, 0) ? used : -1;
}
