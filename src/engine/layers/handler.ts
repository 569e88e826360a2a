/** The analysis side of a layer type: its outcome, the receptive-field rule and the dispatch view (registry.ts). */
import type { LayerContext } from "../context";
import type { Pair } from "../fields";
import type { ResolvedLayer } from "../types";

/** How a layer transforms the receptive field. */
export type FieldRule =
  | { kind: "same" }
  | { kind: "window"; effectiveKernel: Pair; stride: Pair; padBefore: Pair }
  | { kind: "whole" }
  | { kind: "unknown" }
  | { kind: "union" };

export interface LayerOutcome<R = ResolvedLayer> {
  layer: R;
  outputShape: number[];
  params: number;
  macs: number;
  field: FieldRule;
}

/** What every handler may consult about the whole network. */
export interface NetworkEnvironment {
  /** Every explicit id in the file (for generating fresh ids in fixes). */
  ids: ReadonlySet<string>;
}

/** What analyze.ts dispatches on, derived from a layer type's declaration (registry.ts). */
export interface LayerHandler {
  /** Keys this type reads besides `id`, `type` and `inputs` (others are unknown-key warnings). */
  fields: readonly string[];
  /** Merges need `inputs` with 2 or more entries; other layers take exactly one input. */
  merge?: boolean;
  /**
   * Reads and validates the fields (always, so field errors show even without a shape), then,
   * when every input shape is known, checks the geometry and returns the outcome.
   */
  analyze(ctx: LayerContext, inputs: readonly number[][] | null, environment: NetworkEnvironment): LayerOutcome | undefined;
}

/** Shared check: 2-D layers need a [C,H,W] input. */
export function requireSpatial(ctx: LayerContext, shape: readonly number[]): shape is [number, number, number] {
  if (shape.length === 3) return true;
  ctx.error("spatial-layer-on-flat-input", `${ctx.type} needs a [C, H, W] input but gets the flat [${shape.join(", ")}] ${ctx.fromText()}; move it before the flatten (PyTorch refuses a 2-D layer on a flat tensor).`, {
    related: ctx.relatedProducers("produces the flat output"),
  });
  return false;
}
