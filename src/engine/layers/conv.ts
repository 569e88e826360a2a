/** conv2d: torch.nn.Conv2d geometry, parameters and checks (PyTorch 1.13). */
import { describeValue, setFieldFix, type LayerContext } from "../context";
import { type Pair, pairText, pairValue, readBoolean, readPair } from "../fields";
import { convOutputSize, effectiveKernelSize, samePadding } from "../geometry";
import { isOne, isZero, plain, pythonCall, pythonPair } from "../export/pythonCall";
import type { NodeInfo, Padding4, ResolvedConv, SuggestedFix } from "../types";
import { ACTIVATION_FIELD, BIAS_FIELD, CONV_STRIDE_FIELD, dilationField, filtersField, GROUPS_FIELD, kernelField, WEIGHTS_FIELD } from "./commonFields";
import { activationField } from "./activation";
import { checkInputGroups, convLabel, convWeightLines, kernelText, readConvFields, type ConvFields } from "./convCommon";
import type { LayerOutcome } from "./handler";
import { requireSpatial } from "./handler";
import type { LayerType } from "./layerType";
import { AXES, countFormula, type Factor, paddingTerm, perGroupFactor, sizeOf, unreadLines } from "./text";
import { CHECK_UNREAD_FIELD, checkUnreadExport, reportUnread } from "./window";

type PaddingSpec = { mode: "same" | "valid" | "explicit"; pair: Pair };

function readConvPadding(ctx: LayerContext): PaddingSpec | undefined {
  const value = ctx.get("padding");
  if (value === "same" || value === "valid") return { mode: value, pair: [0, 0] };
  if (typeof value === "string") {
    const lower = value.toLowerCase();
    const fixes = lower === "same" || lower === "valid" ? [setFieldFix(ctx.index, "padding", lower, `Use "${lower}"`, true)] : undefined;
    ctx.error("invalid-value", `\`padding\` must be a whole number, [height, width], "same" or "valid", got ${describeValue(value)}.`, { field: "padding", fixes });
    return undefined;
  }
  const pair = readPair(ctx, "padding", 0, { fallback: [0, 0] });
  return pair ? { mode: "explicit", pair } : undefined;
}

function checkSameStride(ctx: LayerContext, padding: PaddingSpec, fields: ConvFields): void {
  if (padding.mode !== "same" || (fields.stride[0] === 1 && fields.stride[1] === 1)) return;
  const explicit: Pair = [samePadding(fields.kernel[0], fields.dilation[0])[0], samePadding(fields.kernel[1], fields.dilation[1])[0]];
  const fixes: SuggestedFix[] = [
    setFieldFix(ctx.index, "padding", pairValue(explicit), `Set padding to ${describeValue(pairValue(explicit))} (the usual padding for a strided ${pairText(fields.kernel)} conv)`, true),
    setFieldFix(ctx.index, "stride", 1, "Set stride to 1"),
  ];
  ctx.error("same-padding-with-stride", `padding "same" needs stride 1 but stride is ${describeValue(pairValue(fields.stride))} (PyTorch: "padding='same' is not supported for strided convolutions"); use padding ${describeValue(pairValue(explicit))} or stride 1.`, { field: "padding", fixes });
}

function resolvePadding(padding: PaddingSpec, fields: ConvFields): Padding4 {
  if (padding.mode !== "same") return [padding.pair[0], padding.pair[0], padding.pair[1], padding.pair[1]];
  const [top, bottom] = samePadding(fields.kernel[0], fields.dilation[0]);
  const [left, right] = samePadding(fields.kernel[1], fields.dilation[1]);
  return [top, bottom, left, right];
}

function reportKernelTooLarge(
  ctx: LayerContext, input: Pair, padded: Pair, effectiveKernel: Pair, fields: ConvFields, padding: PaddingSpec,
): void {
  const needed: Pair = [0, 1].map((axis) => Math.max(padding.pair[axis], Math.ceil((effectiveKernel[axis] - input[axis]) / 2))) as Pair;
  const largestKernel: Pair = [0, 1].map(
    (axis) => Math.min(fields.kernel[axis], Math.floor((padded[axis] - 1) / fields.dilation[axis]) + 1),
  ) as Pair;
  const fixes: SuggestedFix[] = [
    setFieldFix(ctx.index, "padding", pairValue(needed), `Set padding to ${describeValue(pairValue(needed))}`, true),
    setFieldFix(ctx.index, "kernel", pairValue(largestKernel), `Set kernel to ${describeValue(pairValue(largestKernel))}`),
  ];
  if (fields.stride[0] === 1 && fields.stride[1] === 1) fixes.push(setFieldFix(ctx.index, "padding", "same", `Set padding to "same" (keeps ${pairText(input)})`));
  ctx.error("kernel-exceeds-input", `the ${kernelText(fields.kernel, effectiveKernel)} is larger than the padded input ${pairText(padded)}; use padding ≥ ${describeValue(pairValue(needed))} or a kernel ≤ ${describeValue(pairValue(largestKernel))}.`, {
    field: "kernel",
    fixes,
    related: ctx.relatedProducers(`produces ${pairText(input)}`),
  });
}

function inferConv(
  ctx: LayerContext, input: readonly number[], fields: ConvFields, padding: PaddingSpec, flipKernel: boolean,
): LayerOutcome | undefined {
  if (!requireSpatial(ctx, input) || !checkInputGroups(ctx, input[0], fields)) return undefined;
  const [inChannels, height, width] = input;
  const pad = resolvePadding(padding, fields);
  const effectiveKernel: Pair = [
    effectiveKernelSize(fields.kernel[0], fields.dilation[0]), effectiveKernelSize(fields.kernel[1], fields.dilation[1]),
  ];
  const padded: Pair = [height + pad[0] + pad[1], width + pad[2] + pad[3]];
  if (padded[0] < effectiveKernel[0] || padded[1] < effectiveKernel[1]) {
    reportKernelTooLarge(ctx, [height, width], padded, effectiveKernel, fields, padding);
    return undefined;
  }
  const output: Pair = [
    convOutputSize(height, fields.kernel[0], fields.stride[0], pad[0], pad[1], fields.dilation[0]),
    convOutputSize(width, fields.kernel[1], fields.stride[1], pad[2], pad[3], fields.dilation[1]),
  ];
  const geometry = {
    input: [height, width] as Pair, kernel: fields.kernel, stride: fields.stride, dilation: fields.dilation,
    padBefore: [pad[0], pad[2]] as Pair, padAfter: [pad[1], pad[3]] as Pair, output,
  };
  reportUnread(ctx, geometry, {
    paddingAdjustable: padding.mode !== "same",
    outputFor: (axis, stride, symmetric) => convOutputSize(
      geometry.input[axis], fields.kernel[axis], stride, symmetric, symmetric, fields.dilation[axis],
    ),
  });
  if (padding.mode === "same" && (pad[0] !== pad[1] || pad[2] !== pad[3])) {
    ctx.info("same-padding-asymmetric", `padding "same" with the ${pairText(fields.kernel)} kernel pads unevenly: ${pad[0]} top, ${pad[1]} bottom, ${pad[2]} left, ${pad[3]} right (the extra pixel goes bottom/right, as in PyTorch).`, { field: "padding" });
  }
  const weightsPerFilter = (inChannels / fields.groups) * fields.kernel[0] * fields.kernel[1];
  const layer: ResolvedConv = {
    type: "conv2d", inChannels, filters: fields.filters, kernel: fields.kernel, stride: fields.stride, padding: pad, paddingMode: padding.mode,
    dilation: fields.dilation, groups: fields.groups, bias: fields.bias, weights: fields.weights, flipKernel,
  };
  if (fields.activation) layer.activation = fields.activation;
  return {
    layer,
    outputShape: [fields.filters, output[0], output[1]],
    params: fields.filters * weightsPerFilter + (fields.bias ? fields.filters : 0),
    macs: output[0] * output[1] * fields.filters * weightsPerFilter,
    field: { kind: "window", effectiveKernel, stride: fields.stride, padBefore: [pad[0], pad[2]] },
  };
}

function explainConv(node: NodeInfo, layer: ResolvedConv): string[] {
  const lines: string[] = [];
  for (const axis of AXES) {
    const [input, output] = sizeOf(node, axis.index);
    const [before, after] = axis.index === 0 ? [layer.padding[0], layer.padding[1]] : [layer.padding[2], layer.padding[3]];
    lines.push(`${axis.name}: ⌊(${input} + ${paddingTerm(before, after)} − ${layer.dilation[axis.index]}·(${layer.kernel[axis.index]}−1) − 1)/${layer.stride[axis.index]}⌋ + 1 = ${output}`);
  }
  const weights: Factor[] = [
    { words: "filters", value: String(layer.filters) }, perGroupFactor("in channels", layer.inChannels, layer.groups),
    { words: "kernel height", value: String(layer.kernel[0]) }, { words: "kernel width", value: String(layer.kernel[1]) },
  ];
  const outputSize: Factor[] = [
    { words: "output height", value: String(node.outputShape?.[1]) }, { words: "output width", value: String(node.outputShape?.[2]) },
  ];
  lines.push(countFormula("Parameters", weights, node.params, layer.bias ? layer.filters : undefined));
  lines.push(countFormula("MACs", [...outputSize, ...weights], node.macs));
  lines.push(...keepSizeLines(layer));
  lines.push(...unreadLines(
    node, layer.kernel, layer.stride, layer.dilation, [layer.padding[0], layer.padding[2]], [layer.padding[1], layer.padding[3]],
  ));
  return lines;
}

function keepSizeLines(layer: ResolvedConv): string[] {
  if (layer.stride[0] !== 1 || layer.stride[1] !== 1) return [];
  const totals = [layer.dilation[0] * (layer.kernel[0] - 1), layer.dilation[1] * (layer.kernel[1] - 1)];
  if (totals.every((total) => total % 2 === 0)) {
    const padding = totals[0] === totals[1] ? `${totals[0] / 2}` : `[${totals[0] / 2}, ${totals[1] / 2}]`;
    return [`Padding that keeps the size: ${padding} (or "same")`];
  }
  return [`Padding that keeps the size: "same" (uneven: the extra pixel goes bottom/right)`];
}

function pytorchPadding(layer: ResolvedConv): string | undefined {
  if (layer.paddingMode !== "explicit") return JSON.stringify(layer.paddingMode);
  const pair: [number, number] = [layer.padding[0], layer.padding[2]];
  return isZero(pair) ? undefined : pythonPair(pair);
}

function analyzeConv(ctx: LayerContext, inputs: readonly number[][] | null): LayerOutcome | undefined {
    const fields = readConvFields(ctx);
    const padding = readConvPadding(ctx);
    const flipKernel = readBoolean(ctx, "flipKernel", false);
    if (fields && padding) checkSameStride(ctx, padding, fields);
    if (!fields || !padding || flipKernel === undefined || !inputs || ctx.failed) return undefined;
    return inferConv(ctx, inputs[0], fields, padding, flipKernel);
}

export const CONV2D: LayerType<ResolvedConv> = {
  type: "conv2d",
  summary: "2-D convolution (cross-correlation, as torch.nn.Conv2d)",
  shapeRule: "`[filters, H', W']`, `H' = ⌊(H + 2p − d(k−1) − 1)/s⌋ + 1`",
  paletteGroup: "Convolution",
  category: "conv",
  idStem: "conv",
  fields: [
    filtersField("one kernel per filter"), kernelField("convolution"), CONV_STRIDE_FIELD,
    {
      name: "padding", kind: "convPadding", default: 0, allowZero: true,
      doc: "Zeros added on each side: an integer, `[height, width]`, `\"same\"` (output size = input size; an odd total puts the extra pixel bottom/right, as PyTorch; stride 1 only) or `\"valid\"` (no padding). Output `H' = floor((H + 2p − d(k−1) − 1)/s) + 1`.",
    },
    dilationField("kernel"), GROUPS_FIELD, BIAS_FIELD, ACTIVATION_FIELD, WEIGHTS_FIELD,
    { name: "flipKernel", kind: "bool", default: false, hint: "True convolution (kernel rotated 180°).", doc: "Preview only: true convolution (kernel rotated 180°) instead of deep learning's cross-correlation." },
    CHECK_UNREAD_FIELD,
  ],
  newLayer: { filters: 16, kernel: 3, padding: 1 },
  snippet: { activation: "relu" },
  analyze: (ctx, inputs) => analyzeConv(ctx, inputs) as LayerOutcome<ResolvedConv> | undefined,
  explain: explainConv,
  describe: (layer) => convLabel("conv", layer),
  pytorch: (layer) => plain(pythonCall("nn.Conv2d", [String(layer.inChannels), String(layer.filters)], {
    kernel_size: pythonPair(layer.kernel),
    stride: isOne(layer.stride) ? undefined : pythonPair(layer.stride),
    padding: pytorchPadding(layer),
    dilation: isOne(layer.dilation) ? undefined : pythonPair(layer.dilation),
    groups: layer.groups === 1 ? undefined : String(layer.groups),
    bias: layer.bias ? undefined : "False",
  })),
  pytorchWeights: convWeightLines,
  exportFields: (layer, raw) => ({
    filters: layer.filters, kernel: pairValue(layer.kernel), stride: pairValue(layer.stride),
    padding: layer.paddingMode === "explicit" ? pairValue([layer.padding[0], layer.padding[2]]) : layer.paddingMode,
    dilation: pairValue(layer.dilation), groups: layer.groups, bias: layer.bias, ...activationField(layer.activation),
    weights: raw.weights ?? "kaiming", flipKernel: layer.flipKernel, ...checkUnreadExport(raw),
  }),
};
