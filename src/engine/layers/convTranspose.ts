/** convtranspose2d: torch.nn.ConvTranspose2d geometry, parameters and checks (PyTorch 1.13). */
import { describeValue, setFieldFix, type LayerContext } from "../context";
import { type Pair, pairText, pairValue, readPair } from "../fields";
import { convTransposeOutputSize } from "../geometry";
import type { ResolvedConvTranspose } from "../types";
import { checkInputGroups, readConvFields, type ConvFields } from "./convCommon";
import { requireSpatial, type LayerHandler, type LayerOutcome } from "./handler";

function readTransposePadding(ctx: LayerContext): Pair | undefined {
  const value = ctx.get("padding");
  if (typeof value === "string") {
    ctx.error("invalid-value", `\`padding\` of a transposed convolution must be a whole number or [height, width], got ${describeValue(value)} (PyTorch's ConvTranspose2d has no "same"/"valid").`, { field: "padding" });
    return undefined;
  }
  return readPair(ctx, "padding", 0, { fallback: [0, 0] });
}

/** PyTorch: "output padding must be smaller than either stride or dilation". */
function checkOutputPadding(ctx: LayerContext, outputPadding: Pair, fields: ConvFields): boolean {
  const bad = [0, 1].some((axis) => outputPadding[axis] >= fields.stride[axis] && outputPadding[axis] >= fields.dilation[axis]);
  if (!bad) return true;
  const largest: Pair = [0, 1].map((axis) => Math.min(outputPadding[axis], Math.max(fields.stride[axis], fields.dilation[axis]) - 1)) as Pair;
  ctx.error("output-padding-too-large", `\`outputPadding\` ${describeValue(pairValue(outputPadding))} must be smaller than the stride ${describeValue(pairValue(fields.stride))} or the dilation ${describeValue(pairValue(fields.dilation))}; use outputPadding ${describeValue(pairValue(largest))}.`, {
    field: "outputPadding",
    fixes: [setFieldFix(ctx.index, "outputPadding", pairValue(largest), `Set outputPadding to ${describeValue(pairValue(largest))}`, true)],
  });
  return false;
}

function inferTranspose(ctx: LayerContext, input: readonly number[], fields: ConvFields, padding: Pair, outputPadding: Pair): LayerOutcome | undefined {
  if (!requireSpatial(ctx, input) || !checkInputGroups(ctx, input[0], fields)) return undefined;
  const [inChannels, height, width] = input;
  const output: Pair = [0, 1].map((axis) => convTransposeOutputSize([height, width][axis], fields.kernel[axis], fields.stride[axis], padding[axis], outputPadding[axis], fields.dilation[axis])) as Pair;
  if (output[0] < 1 || output[1] < 1) {
    const largestPadding: Pair = [0, 1].map((axis) => Math.min(padding[axis], Math.floor(((([height, width][axis] - 1) * fields.stride[axis]) + fields.dilation[axis] * (fields.kernel[axis] - 1) + outputPadding[axis]) / 2))) as Pair;
    ctx.error("output-size-too-small", `the output would be ${pairText(output)} for the ${pairText([height, width])} input: (H−1)·stride − 2·padding + dilation·(kernel−1) + outputPadding + 1 must be ≥ 1; use padding ≤ ${describeValue(pairValue(largestPadding))}.`, {
      field: "padding",
      fixes: [setFieldFix(ctx.index, "padding", pairValue(largestPadding), `Set padding to ${describeValue(pairValue(largestPadding))}`, true)],
      related: ctx.relatedProducers(`produces ${pairText([height, width])}`),
    });
    return undefined;
  }
  const weightsPerInput = (fields.filters / fields.groups) * fields.kernel[0] * fields.kernel[1];
  const layer: ResolvedConvTranspose = {
    type: "convtranspose2d", inChannels, filters: fields.filters, kernel: fields.kernel, stride: fields.stride, padding, outputPadding,
    dilation: fields.dilation, groups: fields.groups, bias: fields.bias, weights: fields.weights,
  };
  if (fields.activation) layer.activation = fields.activation;
  return {
    layer,
    outputShape: [fields.filters, output[0], output[1]],
    params: inChannels * weightsPerInput + (fields.bias ? fields.filters : 0),
    macs: height * width * inChannels * weightsPerInput,
    field: { kind: "unknown" },
  };
}

export const CONV_TRANSPOSE_HANDLER: LayerHandler = {
  fields: ["filters", "kernel", "stride", "padding", "outputPadding", "dilation", "groups", "bias", "activation", "weights"],
  analyze(ctx, inputs) {
    const fields = readConvFields(ctx);
    const padding = readTransposePadding(ctx);
    const outputPadding = readPair(ctx, "outputPadding", 0, { fallback: [0, 0] });
    if (fields && outputPadding) checkOutputPadding(ctx, outputPadding, fields);
    if (!fields || !padding || !outputPadding || !inputs || ctx.failed) return undefined;
    return inferTranspose(ctx, inputs[0], fields, padding, outputPadding);
  },
};
