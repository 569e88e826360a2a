/** maxpool2d / minpool2d / avgpool2d: torch.nn.MaxPool2d / AvgPool2d (PyTorch 1.13). */
import { describeValue, setFieldFix, type LayerContext } from "../context";
import { type Pair, pairText, pairValue, readBoolean, readPair } from "../fields";
import { effectiveKernelSize, poolOutputSize } from "../geometry";
import type { ResolvedPool, SuggestedFix } from "../types";
import { kernelText } from "./convCommon";
import { requireSpatial, type LayerHandler, type LayerOutcome } from "./handler";
import { reportPaddingOnlyWindows } from "./paddingOnlyWindows";
import { reportUnread } from "./window";

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
  const largestKernel: Pair = [0, 1].map((axis) => Math.max(1, Math.min(fields.kernel[axis], Math.floor((padded[axis] - 1) / fields.dilation[axis]) + 1))) as Pair;
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
  const effectiveKernel: Pair = [effectiveKernelSize(fields.kernel[0], fields.dilation[0]), effectiveKernelSize(fields.kernel[1], fields.dilation[1])];
  const outputFor = (axis: 0 | 1, stride: number, padding: number) => poolOutputSize(inputPair[axis], fields.kernel[axis], stride, padding, fields.dilation[axis], fields.ceilMode);
  const output: Pair = [outputFor(0, fields.stride[0], fields.padding[0]), outputFor(1, fields.stride[1], fields.padding[1])];
  if (output[0] < 1 || output[1] < 1) {
    reportTooSmall(ctx, inputPair, fields, effectiveKernel, output);
    return undefined;
  }
  const maxPadding: Pair = [Math.floor(fields.kernel[0] / 2), Math.floor(fields.kernel[1] / 2)];
  reportUnread(ctx, { input: inputPair, kernel: fields.kernel, stride: fields.stride, dilation: fields.dilation, padBefore: fields.padding, padAfter: fields.padding, output }, { paddingAdjustable: true, maxPadding, outputFor });
  if (type !== "avgpool2d") {
    const outputForDilation = (axis: 0 | 1, dilation: number) => poolOutputSize(inputPair[axis], fields.kernel[axis], fields.stride[axis], fields.padding[axis], dilation, fields.ceilMode);
    const geometry = { input: inputPair, kernel: fields.kernel, stride: fields.stride, dilation: fields.dilation, padding: fields.padding, output };
    reportPaddingOnlyWindows(ctx, geometry, type === "maxpool2d" ? "−∞" : "+∞", outputForDilation);
  }
  const layer: ResolvedPool = { type, kernel: fields.kernel, stride: fields.stride, padding: fields.padding, dilation: fields.dilation, ceilMode: fields.ceilMode, countIncludePad: fields.countIncludePad };
  return { layer, outputShape: [channels, output[0], output[1]], params: 0, macs: 0, field: { kind: "window", effectiveKernel, stride: fields.stride, padBefore: fields.padding } };
}

function poolHandler(type: PoolType): LayerHandler {
  const fields = type === "avgpool2d" ? ["kernel", "stride", "padding", "ceilMode", "countIncludePad"] : ["kernel", "stride", "padding", "dilation", "ceilMode"];
  return {
    fields,
    analyze(ctx, inputs) {
      const poolFields = readPoolFields(ctx, type);
      if (poolFields) checkHalfKernel(ctx, poolFields);
      if (!poolFields || !inputs || ctx.failed) return undefined;
      return inferPool(ctx, type, inputs[0], poolFields);
    },
  };
}

export const POOL_HANDLERS: Record<string, LayerHandler> = {
  maxpool2d: poolHandler("maxpool2d"),
  minpool2d: poolHandler("minpool2d"),
  avgpool2d: poolHandler("avgpool2d"),
};
