/** add and concat: merges of 2 or more earlier layers named in `inputs`. */
import type { LayerContext } from "../context";
import type { ResolvedMerge } from "../types";
import { mergeInputsField } from "./commonFields";
import type { LayerType } from "./layerType";

function shapeText(shape: readonly number[]): string {
  return shape.length === 3 ? `${shape[0]}×${shape[1]}×${shape[2]}` : `[${shape.join(", ")}]`;
}

function listShapes(ctx: LayerContext, inputs: readonly number[][]): string {
  return inputs.map((shape, index) => `${ctx.producers[index]?.id ?? "?"} ${shapeText(shape)}`).join(", ");
}

function mismatch(ctx: LayerContext, inputs: readonly number[][], rule: string): undefined {
  ctx.error("merge-shape-mismatch", `${ctx.type} needs ${rule} but gets ${listShapes(ctx, inputs)}; change the branches so they agree (e.g. a 1×1 conv or a pool on one of them).`, {
    field: "inputs",
    related: ctx.producers.filter((producer) => producer.id !== "input").map((producer, index) => ({ path: producer.path, message: `${producer.id} produces ${shapeText(inputs[index] ?? [])}` })),
  });
  return undefined;
}

export const ADD: LayerType<ResolvedMerge & { type: "add" }> = {
  type: "add",
  summary: "element-wise sum of 2 or more inputs of the same shape (residual connections)",
  shapeRule: "the common shape",
  paletteGroup: "Merge",
  category: "merge",
  idStem: "add",
  fields: [mergeInputsField("add element-wise (all the same shape)")],
  merge: true,
  newLayer: {},
  analyze(ctx, inputs) {
    if (!inputs || ctx.failed) return undefined;
    const first = inputs[0];
    const same = inputs.every((shape) => shape.length === first.length && shape.every((size, axis) => size === first[axis]));
    if (!same) return mismatch(ctx, inputs, "inputs of the same shape");
    return { layer: { type: "add" }, outputShape: [...first], params: 0, macs: 0, field: { kind: "union" } };
  },
  explain: (node) => [`Element-wise sum of ${node.inputShapes.length} inputs of the same shape`],
  describe: () => "add",
  pytorch: () => ({ expression: "Add()", helpers: ["Add"] }),
  exportFields: () => ({}),
};

export const CONCAT: LayerType<ResolvedMerge & { type: "concat" }> = {
  type: "concat",
  summary: "concatenation along channels of 2 or more inputs with the same H and W (skip connections)",
  shapeRule: "`[C₁ + C₂ + …, H, W]`",
  paletteGroup: "Merge",
  category: "merge",
  idStem: "cat",
  fields: [mergeInputsField("concatenate along channels (same height and width)")],
  merge: true,
  newLayer: {},
  analyze(ctx, inputs) {
    if (!inputs || ctx.failed) return undefined;
    const first = inputs[0];
    if (!inputs.every((shape) => shape.length === first.length)) return mismatch(ctx, inputs, "inputs that are all [C, H, W] or all flat");
    const total = inputs.reduce((sum, shape) => sum + shape[0], 0);
    if (first.length === 1) return { layer: { type: "concat" }, outputShape: [total], params: 0, macs: 0, field: { kind: "union" } };
    if (!inputs.every((shape) => shape[1] === first[1] && shape[2] === first[2])) return mismatch(ctx, inputs, "inputs with the same height and width (channels are stacked)");
    return { layer: { type: "concat" }, outputShape: [total, first[1], first[2]], params: 0, macs: 0, field: { kind: "union" } };
  },
  explain: (node) => [`Channels: ${node.inputShapes.map((shape) => shape[0]).join(" + ")} = ${node.outputShape?.[0]}`],
  describe: () => "concat",
  pytorch: () => ({ expression: "Concat()", helpers: ["Concat"] }),
  exportFields: () => ({}),
};
