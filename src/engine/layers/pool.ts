/** maxpool2d / minpool2d / avgpool2d: torch.nn.MaxPool2d / AvgPool2d (PyTorch 1.13). */
import { describeValue, setFieldFix, type LayerContext } from "../context";
import { type Pair, pairText, pairValue, readBoolean, readPair } from "../fields";
import { isOne, isZero, plain, pythonCall, pythonPair, samePair, type Constructed } from "../export/pythonCall";
import { ceilWindowDropped, effectiveKernelSize, poolOutputSize } from "../geometry";
import type { NodeInfo, ResolvedPool, SuggestedFix } from "../types";
import { CEIL_MODE_FIELD, dilationField, kernelField, SPATIAL_DOC } from "./commonFields";
import { kernelText } from "./convCommon";
import { requireSpatial, type LayerOutcome } from "./handler";
import type { FieldDeclaration, LayerType } from "./layerType";
import { AXES, dilationText, sizeOf, unreadLines, windowText } from "./text";
import { reportPaddingOnlyWindows } from "./paddingOnlyWindows";
import { CHECK_UNREAD_FIELD, checkUnreadExport, reportUnread } from "./window";

type PoolType = ResolvedPool["type"];

interface PoolFields {
  kernel: Pair;
  stride: Pair;
  padding: Pair;
  dilation: Pair;
  ceilMode: boolean;
  countIncludePad: boolean;
}

function readPoolPadding(ctx: LayerContext): Pair | undefined {
  const value = ctx.get("padding");
  if (typeof value === "string") {
    ctx.error("invalid-value", `\`padding\` of a pool must be a whole number or [height, width], got ${describeValue(value)} (PyTorch's pools have no "same"/"valid").`, { field: "padding" });
    return undefined;
  }
  return readPair(ctx, "padding", 0, { fallback: [0, 0] });
}

function readPoolFields(ctx: LayerContext, type: PoolType): PoolFields | undefined {
  const kernel = readPair(ctx, "kernel", 1, { required: true, meaning: "the window size", example: "2" });
  const stride = readPair(ctx, "stride", 1, { fallback: kernel });
  const padding = readPoolPadding(ctx);
  const dilation = type === "avgpool2d" ? ([1, 1] as Pair) : readPair(ctx, "dilation", 1, { fallback: [1, 1] });
  const ceilMode = readBoolean(ctx, "ceilMode", false);
  const countIncludePad = type === "avgpool2d" ? readBoolean(ctx, "countIncludePad", true) : true;
  if (!kernel || !stride || !padding || !dilation || ceilMode === undefined || countIncludePad === undefined) return undefined;
  return { kernel, stride, padding, dilation, ceilMode, countIncludePad };
}

/** PyTorch 1.13: "pad should be at most half of kernel size" — the UNDILATED kernel. */
function checkHalfKernel(ctx: LayerContext, fields: PoolFields): boolean {
  const limit: Pair = [Math.floor(fields.kernel[0] / 2), Math.floor(fields.kernel[1] / 2)];
  if (fields.padding[0] <= limit[0] && fields.padding[1] <= limit[1]) return true;
  const dilated = fields.dilation[0] > 1 || fields.dilation[1] > 1;
  const note = dilated ? " PyTorch 1.13 compares with the undilated kernel even when dilated (newer versions allow half the dilated kernel)." : "";
  ctx.error("pool-padding-too-large", `padding ${describeValue(pairValue(fields.padding))} is more than half the ${pairText(fields.kernel)} kernel (PyTorch: "pad should be at most half of kernel size"); use padding ≤ ${describeValue(pairValue(limit))}.${note}`, {
    field: "padding",
    fixes: [setFieldFix(ctx.index, "padding", pairValue(limit), `Set padding to ${describeValue(pairValue(limit))}`, true)],
  });
  return false;
}

function reportTooSmall(ctx: LayerContext, input: Pair, fields: PoolFields, effectiveKernel: Pair, output: Pair): void {
  const padded: Pair = [input[0] + 2 * fields.padding[0], input[1] + 2 * fields.padding[1]];
  const largestKernel: Pair = [0, 1].map(
    (axis) => Math.max(1, Math.min(fields.kernel[axis], Math.floor((padded[axis] - 1) / fields.dilation[axis]) + 1)),
  ) as Pair;
  const fixes: SuggestedFix[] = [setFieldFix(ctx.index, "kernel", pairValue(largestKernel), `Set kernel to ${describeValue(pairValue(largestKernel))}`, true)];
  const related = ctx.relatedProducers(`produces ${pairText(input)}`);
  if (padded[0] < effectiveKernel[0] || padded[1] < effectiveKernel[1]) {
    ctx.error("kernel-exceeds-input", `the ${kernelText(fields.kernel, effectiveKernel)} is larger than the padded input ${pairText(padded)}; use a kernel ≤ ${describeValue(pairValue(largestKernel))} or pool earlier.`, { field: "kernel", fixes, related });
  } else {
    ctx.error("output-size-too-small", `the output would be ${pairText(output)} for the ${pairText(input)} input; use a kernel ≤ ${describeValue(pairValue(largestKernel))}.`, { field: "kernel", fixes, related });
  }
}

function inferPool(ctx: LayerContext, type: PoolType, input: readonly number[], fields: PoolFields): LayerOutcome | undefined {
  if (!requireSpatial(ctx, input)) return undefined;
  const [channels, height, width] = input;
  const inputPair: Pair = [height, width];
  const effectiveKernel: Pair = [
    effectiveKernelSize(fields.kernel[0], fields.dilation[0]), effectiveKernelSize(fields.kernel[1], fields.dilation[1]),
  ];
  const outputFor = (axis: 0 | 1, stride: number, padding: number) => poolOutputSize(
    inputPair[axis], fields.kernel[axis], stride, padding, fields.dilation[axis], fields.ceilMode,
  );
  const output: Pair = [outputFor(0, fields.stride[0], fields.padding[0]), outputFor(1, fields.stride[1], fields.padding[1])];
  if (output[0] < 1 || output[1] < 1) {
    reportTooSmall(ctx, inputPair, fields, effectiveKernel, output);
    return undefined;
  }
  const maxPadding: Pair = [Math.floor(fields.kernel[0] / 2), Math.floor(fields.kernel[1] / 2)];
  reportUnread(ctx, {
    input: inputPair, kernel: fields.kernel, stride: fields.stride, dilation: fields.dilation, padBefore: fields.padding,
    padAfter: fields.padding, output,
  }, { paddingAdjustable: true, maxPadding, outputFor });
  if (type !== "avgpool2d") {
    const outputForDilation = (axis: 0 | 1, dilation: number) => poolOutputSize(
      inputPair[axis], fields.kernel[axis], fields.stride[axis], fields.padding[axis], dilation, fields.ceilMode,
    );
    const geometry = {
      input: inputPair, kernel: fields.kernel, stride: fields.stride, dilation: fields.dilation, padding: fields.padding, output,
    };
    reportPaddingOnlyWindows(ctx, geometry, type === "maxpool2d" ? "−∞" : "+∞", outputForDilation);
  }
  const layer: ResolvedPool = {
    type, kernel: fields.kernel, stride: fields.stride, padding: fields.padding, dilation: fields.dilation, ceilMode: fields.ceilMode,
    countIncludePad: fields.countIncludePad,
  };
  return { layer, outputShape: [channels, output[0], output[1]], params: 0, macs: 0, field: { kind: "window", effectiveKernel, stride: fields.stride, padBefore: fields.padding } };
}

function explainPool(node: NodeInfo, layer: ResolvedPool): string[] {
  const lines: string[] = [];
  for (const axis of AXES) {
    const index = axis.index;
    const [input, output] = sizeOf(node, index);
    const [open, close] = layer.ceilMode ? ["⌈", "⌉"] : ["⌊", "⌋"];
    let line = `${axis.name}: ${open}(${input} + 2·${layer.padding[index]} − ${layer.dilation[index]}·(${layer.kernel[index]}−1) − 1)/${layer.stride[index]}${close} + 1`;
    if (layer.ceilMode && ceilWindowDropped(input, layer.kernel[index], layer.stride[index], layer.padding[index], layer.dilation[index])) {
      line += ` − 1 (ceil mode drops a last window that would start in the padding)`;
    }
    lines.push(`${line} = ${output}`);
  }
  if (layer.type === "avgpool2d" && (layer.padding[0] > 0 || layer.padding[1] > 0)) {
    lines.push(layer.countIncludePad ? "Averages divide by the whole window, padding zeros included (countIncludePad)" : "Averages divide by the pixels inside the input only (countIncludePad false)");
  }
  lines.push(...unreadLines(node, layer.kernel, layer.stride, layer.dilation, layer.padding, layer.padding));
  return lines;
}

function pytorchPool(layer: ResolvedPool): Constructed {
  const stride = samePair(layer.stride, layer.kernel) ? undefined : pythonPair(layer.stride);
  const padding = isZero(layer.padding) ? undefined : pythonPair(layer.padding);
  const ceil = layer.ceilMode ? "True" : undefined;
  if (layer.type === "avgpool2d") {
    return plain(pythonCall("nn.AvgPool2d", [pythonPair(layer.kernel)], { stride, padding, ceil_mode: ceil, count_include_pad: layer.countIncludePad ? undefined : "False" }));
  }
  const callee = layer.type === "maxpool2d" ? "nn.MaxPool2d" : "MinPool2d";
  const expression = pythonCall(callee, [pythonPair(layer.kernel)], {
    stride, padding, dilation: isOne(layer.dilation) ? undefined : pythonPair(layer.dilation), ceil_mode: ceil,
  });
  return { expression, helpers: layer.type === "minpool2d" ? ["MinPool2d"] : [] };
}

function exportPool(layer: ResolvedPool, raw: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const window = { kernel: pairValue(layer.kernel), stride: pairValue(layer.stride), padding: pairValue(layer.padding) };
  if (layer.type === "avgpool2d") return { ...window, ceilMode: layer.ceilMode, countIncludePad: layer.countIncludePad, ...checkUnreadExport(raw) };
  return { ...window, dilation: pairValue(layer.dilation), ceilMode: layer.ceilMode, ...checkUnreadExport(raw) };
}

const POOL_STRIDE_FIELD: FieldDeclaration = { name: "stride", kind: "spatial", defaultText: "= kernel", doc: `Step between neighbouring windows; defaults to the kernel size. ${SPATIAL_DOC}` };
const POOL_PADDING_FIELD: FieldDeclaration = { name: "padding", kind: "spatial", default: 0, allowZero: true, doc: `Padding on each side (−∞ for max, 0 for average), at most half the kernel. ${SPATIAL_DOC}` };
const COUNT_INCLUDE_PAD_FIELD: FieldDeclaration = { name: "countIncludePad", kind: "bool", default: true, doc: "Count padding zeros in the average's divisor." };

const SUMMARIES: Record<PoolType, string> = {
  maxpool2d: "max pooling (torch.nn.MaxPool2d)",
  avgpool2d: "average pooling (torch.nn.AvgPool2d)",
  minpool2d: "min pooling: −maxpool(−x), options as maxpool2d",
};

function poolType<T extends PoolType>(type: T): LayerType<ResolvedPool & { type: T }> {
  const window = [kernelField("pooling window"), POOL_STRIDE_FIELD, POOL_PADDING_FIELD];
  const fields = type === "avgpool2d"
    ? [...window, CEIL_MODE_FIELD, COUNT_INCLUDE_PAD_FIELD, CHECK_UNREAD_FIELD]
    : [...window, dilationField("window"), CEIL_MODE_FIELD, CHECK_UNREAD_FIELD];
  return {
    type,
    summary: SUMMARIES[type],
    shapeRule: "`[C, H', W']`, `H' = ⌊(H + 2p − d(k−1) − 1)/s⌋ + 1` (⌈…⌉ with ceilMode)",
    paletteGroup: "Pooling & resampling",
    category: "pool",
    idStem: "pool",
    fields,
    newLayer: { kernel: 2 },
    analyze(ctx, inputs) {
      const poolFields = readPoolFields(ctx, type);
      if (poolFields) checkHalfKernel(ctx, poolFields);
      if (!poolFields || !inputs || ctx.failed) return undefined;
      return inferPool(ctx, type, inputs[0], poolFields) as LayerOutcome<ResolvedPool & { type: T }> | undefined;
    },
    explain: explainPool,
    describe: (layer) => `${layer.type.replace("2d", "")} ${windowText(layer.kernel, layer.stride)}${dilationText(layer.dilation)}${layer.ceilMode ? " ceil" : ""}`,
    pytorch: pytorchPool,
    exportFields: exportPool,
  };
}

export const MAXPOOL2D = poolType("maxpool2d");
export const AVGPOOL2D = poolType("avgpool2d");
export const MINPOOL2D = poolType("minpool2d");
