/**
 * What one layer type declares about itself, in its own module (src/engine/layers/*.ts): its
 * fields with their docs, defaults and limits; how it is analysed; how it is explained, labelled
 * and exported; where the designer shows it. registry.ts lists the types; everything else (the
 * analysis dispatch, the inspector, the palette, node colours, the exporters, the JSON schema and
 * the format docs) is driven or generated from that list.
 */
import type { Constructed, WeightLines } from "../export/pythonCall";
import type { NodeInfo } from "../types";
import type { LayerHandler, LayerOutcome } from "./handler";

/** A JSON value as written in a spec (defaults, new-layer values, snippets). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The colour family of a node (the canvas and the diagram export add "input" and "unknown"). */
export type LayerCategory = "conv" | "pool" | "norm" | "dense" | "merge" | "activation";

/** The designer palette's groups, in the order it shows them. */
export const PALETTE_GROUPS = ["Convolution", "Pooling & resampling", "Normalize & regularize", "Dense", "Activation", "Merge"] as const;
export type PaletteGroup = (typeof PALETTE_GROUPS)[number];

/**
 * How a field's value is written: "int" a whole number, "number" any finite number, "bool",
 * "spatial" a whole number or [height, width], "convPadding" spatial, "same" or "valid",
 * "activation" an activation name, "weights" the preview weights, "inputs" a merge's 2 or more ids,
 * "choice" one of the field's `choices`, "scale" a positive number or [height, width] of them.
 */
export type FieldKind = "int" | "number" | "bool" | "spatial" | "convPadding" | "activation" | "weights" | "inputs" | "choice" | "scale";

export interface FieldDeclaration {
  name: string;
  kind: FieldKind;
  required?: boolean;
  /** The value used when the key is absent, as JSON (the schema's `default`). */
  default?: JsonValue;
  /** The inspector's placeholder for an absent key when `default` does not say it ("= kernel", "none"). */
  defaultText?: string;
  /** Inclusive / exclusive bounds of an "int" or "number" (as in JSON Schema). */
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  /** The inspector refuses this value and above (stricter than the format; see dropout's rate). */
  inspectorMaximumExclusive?: number;
  /** The values of a "choice" field. */
  choices?: readonly string[];
  /** A "spatial" field that takes 0 (paddings); otherwise sizes are ≥ 1. */
  allowZero?: boolean;
  /** Markdown: what the field does (the schema hover, the docs; "Required." is added when required). */
  doc: string;
  /** A short tooltip for the inspector's label. */
  hint?: string;
}

export interface LayerType<R extends { type: string } = { type: string }> {
  type: R["type"];
  /** Markdown one-liner: what it computes and its torch.nn equivalent. */
  summary: string;
  /** Markdown: the output shape for an input [C, H, W] (the format table). */
  shapeRule: string;
  paletteGroup: PaletteGroup;
  category: LayerCategory;
  /** Stem of ids the editor gives new layers (`conv1`, `conv2`, …). */
  idStem: string;
  /** The keys it reads besides id, type and inputs (a merge declares its `inputs` too), inspector order. */
  fields: readonly FieldDeclaration[];
  /** Merges take 2 or more `inputs`; other layers exactly one. */
  merge?: boolean;
  /** Values a new layer starts with in the palette (besides id, type and inputs). */
  newLayer: Readonly<Record<string, JsonValue>>;
  /** Extra values of its completion snippet, after `newLayer`'s. */
  snippet?: Readonly<Record<string, JsonValue>>;
  analyze(...args: Parameters<LayerHandler["analyze"]>): LayerOutcome<R> | undefined;
  /** The arithmetic behind the node's numbers (explain.ts adds the output and the receptive field). */
  explain(node: NodeInfo, layer: R): string[];
  /** The operation in a few words (the summary table's label). */
  describe(layer: R): string;
  /** Its PyTorch module's constructor. */
  pytorch(layer: R): Constructed;
  /** Lines setting its preview weights in the export (none when it has none). */
  pytorchWeights?(layer: R, access: string): WeightLines;
  /** Its fields, normalised, for the JSON export (`raw` is what the file wrote). */
  exportFields(layer: R, raw: Readonly<Record<string, unknown>>): Record<string, unknown>;
}
