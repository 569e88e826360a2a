/** convtranspose2d: torch.nn.ConvTranspose2d geometry, parameters and checks (PyTorch 1.13). */
import { describeValue, setFieldFix, type LayerContext } from "../context";
import { type Pair, pairText, pairValue, readPair } from "../fields";
import { convTransposeOutputSize } from "../geometry";
import { isOne, isZero, plain, pythonCall, pythonPair } from "../export/pythonCall";
import type { NodeInfo, ResolvedConvTranspose } from "../types";
import { ACTIVATION_FIELD, BIAS_FIELD, CONV_STRIDE_FIELD, dilationField, filtersField, GROUPS_FIELD, kernelField, SPATIAL_DOC, WEIGHTS_FIELD } from "./commonFields";
import { activationField } from "./activation";
import { checkInputGroups, convLabel, convWeightLines, readConvFields, type ConvFields } from "./convCommon";
import { requireSpatial, type LayerOutcome } from "./handler";
import type { LayerType } from "./layerType";
import { AXES, countFormula, type Factor, perGroupFactor, sizeOf } from "./text";

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
  const largest: Pair = [0, 1].map(
    (axis) => Math.min(outputPadding[axis], Math.max(fields.stride[axis], fields.dilation[axis]) - 1),
  ) as Pair;
  ctx.error("output-padding-too-large", `\`outputPadding\` ${describeValue(pairValue(outputPadding))} must be smaller than the stride ${describeValue(pairValue(fields.stride))} or the dilation ${describeValue(pairValue(fields.dilation))}; use outputPadding ${describeValue(pairValue(largest))}.`, {
    field: "outputPadding",
    fixes: [setFieldFix(ctx.index, "outputPadding", pairValue(largest), `Set outputPadding to ${describeValue(pairValue(largest))}`, true)],
  });
  return false;
}

function inferTranspose(
  ctx: LayerContext, input: readonly number[], fields: ConvFields, padding: Pair, outputPadding: Pair,
): LayerOutcome | undefined {
  if (!requireSpatial(ctx, input) || !checkInputGroups(ctx, input[0], fields)) return undefined;
  const [inChannels, height, width] = input;
  const output: Pair = [0, 1].map((axis) => convTransposeOutputSize(
    [height, width][axis], fields.kernel[axis], fields.stride[axis], padding[axis], outputPadding[axis], fields.dilation[axis],
  )) as Pair;
  if (output[0] < 1 || output[1] < 1) {
    const largestPadding: Pair = [0, 1].map((axis) => Math.min(
      padding[axis],
      Math.floor(((([height, width][axis] - 1) * fields.stride[axis]) + fields.dilation[axis] * (fields.kernel[axis] - 1) +
        outputPadding[axis]) / 2),
    )) as Pair;
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

function explainTranspose(node: NodeInfo, layer: ResolvedConvTranspose): string[] {
  const lines = AXES.map((axis) => {
    const [input, output] = sizeOf(node, axis.index);
    const index = axis.index;
    return `${axis.name}: (${input}−1)·${layer.stride[index]} − 2·${layer.padding[index]} + ${layer.dilation[index]}·(${layer.kernel[index]}−1) + ${layer.outputPadding[index]} + 1 = ${output}`;
  });
  const weights: Factor[] = [
    { words: "in channels", value: String(layer.inChannels) }, perGroupFactor("filters", layer.filters, layer.groups),
    { words: "kernel height", value: String(layer.kernel[0]) }, { words: "kernel width", value: String(layer.kernel[1]) },
  ];
  const inputSize: Factor[] = [
    { words: "input height", value: String(node.inputShapes[0]?.[1]) }, { words: "input width", value: String(node.inputShapes[0]?.[2]) },
  ];
  lines.push(countFormula("Parameters", weights, node.params, layer.bias ? layer.filters : undefined));
  lines.push(countFormula("MACs", [...inputSize, ...weights], node.macs));
  return lines;
}

function analyzeTranspose(ctx: LayerContext, inputs: readonly number[][] | null): LayerOutcome | undefined {
    const fields = readConvFields(ctx);
    const padding = readTransposePadding(ctx);
    const outputPadding = readPair(ctx, "outputPadding", 0, { fallback: [0, 0] });
    if (fields && outputPadding) checkOutputPadding(ctx, outputPadding, fields);
    if (!fields || !padding || !outputPadding || !inputs || ctx.failed) return undefined;
    return inferTranspose(ctx, inputs[0], fields, padding, outputPadding);
}

export const CONV_TRANSPOSE2D: LayerType<ResolvedConvTranspose> = {
  type: "convtranspose2d",
  summary: "2-D transposed convolution, for upsampling (torch.nn.ConvTranspose2d)",
  shapeRule: "`[filters, H', W']`, `H' = (H−1)s − 2p + d(k−1) + outputPadding + 1`",
  paletteGroup: "Convolution",
  category: "conv",
  idStem: "up",
  fields: [
    filtersField("one kernel per filter"), kernelField("transposed convolution"), CONV_STRIDE_FIELD,
    {
      name: "padding", kind: "spatial", default: 0, allowZero: true,
      doc: `Implicit zero padding removed from each side of the output (PyTorch's \`padding\`). ${SPATIAL_DOC} Output \`H' = (H−1)s − 2p + d(k−1) + outputPadding + 1\`.`,
    },
    {
      name: "outputPadding", kind: "spatial", default: 0, allowZero: true,
      doc: `Extra rows/columns added to one side of the output, to pick among the sizes a strided convolution maps to the same input size; smaller than stride or dilation. ${SPATIAL_DOC}`,
    },
    dilationField("kernel"), GROUPS_FIELD, BIAS_FIELD, ACTIVATION_FIELD, WEIGHTS_FIELD,
  ],
  newLayer: { filters: 16, kernel: 2, stride: 2 },
  analyze: (ctx, inputs) => analyzeTranspose(ctx, inputs) as LayerOutcome<ResolvedConvTranspose> | undefined,
  explain: explainTranspose,
  describe: (layer) => convLabel("convT", layer),
  pytorch: (layer) => plain(pythonCall("nn.ConvTranspose2d", [String(layer.inChannels), String(layer.filters)], {
    kernel_size: pythonPair(layer.kernel),
    stride: isOne(layer.stride) ? undefined : pythonPair(layer.stride),
    padding: isZero(layer.padding) ? undefined : pythonPair(layer.padding),
    output_padding: isZero(layer.outputPadding) ? undefined : pythonPair(layer.outputPadding),
    groups: layer.groups === 1 ? undefined : String(layer.groups),
    bias: layer.bias ? undefined : "False",
    dilation: isOne(layer.dilation) ? undefined : pythonPair(layer.dilation),
  })),
  pytorchWeights: convWeightLines,
  exportFields: (layer, raw) => ({
    filters: layer.filters, kernel: pairValue(layer.kernel), stride: pairValue(layer.stride), padding: pairValue(layer.padding),
    outputPadding: pairValue(layer.outputPadding), dilation: pairValue(layer.dilation), groups: layer.groups, bias: layer.bias,
    ...activationField(layer.activation), weights: raw.weights ?? "kaiming",
  }),
};
