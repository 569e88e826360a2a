/** flatten: torch.nn.Flatten, [C, H, W] → [C·H·W] (needed before linear). */
import { plain } from "../export/pythonCall";
import type { ResolvedFlatten } from "../types";
import type { LayerType } from "./layerType";
import { formatCount } from "./text";

export const FLATTEN: LayerType<ResolvedFlatten> = {
  type: "flatten",
  summary: "[C, H, W] → [C·H·W], needed before linear",
  shapeRule: "`[C·H·W]`",
  paletteGroup: "Dense",
  category: "dense",
  idStem: "flat",
  fields: [],
  newLayer: {},
  analyze(ctx, inputs) {
    if (!inputs || ctx.failed) return undefined;
    const features = inputs[0].reduce((product, size) => product * size, 1);
    return { layer: { type: "flatten" }, outputShape: [features], params: 0, macs: 0, field: { kind: "whole" } };
  },
  explain: (node) => [`Features: ${(node.inputShapes[0] ?? []).join("·")} = ${formatCount(node.outputShape?.[0] ?? 0)}`],
  describe: () => "flatten",
  pytorch: () => plain("nn.Flatten()"),
  exportFields: () => ({}),
};
