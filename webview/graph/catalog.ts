/**
 * The inspector's and the palette's view of the layer types: each type declares its fields,
 * defaults, limits, palette group and new-layer values in its own module (src/engine/layers,
 * listed in registry.ts); this file only shapes them for the UI. Pure data.
 */
import { ACTIVATION_TYPES } from "../../src/engine/layers/activation";
import { PALETTE_GROUPS, type FieldDeclaration, type FieldKind as DeclaredKind } from "../../src/engine/layers/layerType";
import { LAYER_TYPE_LIST, layerTypeOf } from "../../src/engine/layers/registry";
import { WEIGHT_INITIALISERS } from "../../src/engine/weights";

export type FieldKind =
  | DeclaredKind
  | "shape" // [C, H, W] of positive integers (the network input)
  | "id";

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  required?: boolean;
  /** Shown as the placeholder: the value used when the key is absent. */
  defaultText?: string;
  /** Inclusive lower bound for numbers / integers. */
  min?: number;
  /** Exclusive upper bound for numbers. */
  maxExclusive?: number;
  /** Zero allowed for spatial values (padding). */
  allowZero?: boolean;
  help?: string;
  /** The values of a "choice" field. */
  choices?: readonly string[];
}

export const activationTypes = ACTIVATION_TYPES;
export const weightPresets = WEIGHT_INITIALISERS;

const idField: FieldSpec = { name: "id", kind: "id", help: "Unique name; other layers refer to it in inputs." };
const inputsField: FieldSpec = { name: "inputs", kind: "inputs", defaultText: "previous layer", help: "Ids of earlier layers, or input." };

function placeholder(field: FieldDeclaration): string | undefined {
  if (field.defaultText !== undefined) return field.defaultText;
  return field.default === undefined ? undefined : String(field.default);
}

function specOf(field: FieldDeclaration): FieldSpec {
  const spec: FieldSpec = { name: field.name, kind: field.kind };
  if (field.required) spec.required = true;
  const text = placeholder(field);
  if (text !== undefined) spec.defaultText = text;
  const minimum = field.minimum ?? (field.exclusiveMinimum === 0 ? Number.MIN_VALUE : undefined);
  if (minimum !== undefined) spec.min = minimum;
  if (field.inspectorMaximumExclusive !== undefined) spec.maxExclusive = field.inspectorMaximumExclusive;
  if (field.allowZero) spec.allowZero = true;
  if (field.hint !== undefined) spec.help = field.hint;
  if (field.choices !== undefined) spec.choices = field.choices;
  return spec;
}

export const mergeTypes: ReadonlySet<string> = new Set(
  LAYER_TYPE_LIST.filter((layerType) => layerType.merge).map((layerType) => layerType.type),
);

export function isKnownType(type: string): boolean {
  return layerTypeOf(type) !== undefined;
}

/** The inspector's fields for a layer type, in its declared order after id and inputs (unknown types: id and inputs). */
export function fieldsOf(type: string): FieldSpec[] {
  const declared = (layerTypeOf(type)?.fields ?? []).map(specOf);
  const inputs = declared.find((field) => field.name === "inputs") ?? inputsField;
  return [idField, inputs, ...declared.filter((field) => field.name !== "inputs")];
}

export interface PaletteGroup {
  title: string;
  types: string[];
}

export const paletteGroups: PaletteGroup[] = PALETTE_GROUPS.map((title) => ({
  title,
  types: LAYER_TYPE_LIST.filter((layerType) => layerType.paletteGroup === title).map((layerType) => layerType.type),
}));

/** Values a new layer of this type starts with (besides id, type and inputs). */
export function newLayerFields(type: string): Record<string, unknown> {
  return { ...(layerTypeOf(type)?.newLayer ?? {}) };
}
