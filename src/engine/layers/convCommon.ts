/** Field reading and checks shared by conv2d and convtranspose2d. */
import { type LayerContext } from "../context";
import { type Pair, pairText, readBoolean, readInteger, readPair } from "../fields";
import { MAX_DIVISOR_TRIALS } from "../limits";
import { greatestCommonDivisor } from "../readSet";
import { readWeights } from "../weights";
import type { ActivationParams, ResolvedConv, ResolvedConvTranspose, SuggestedFix, WeightsSpec } from "../types";
import type { WeightLines } from "../export/pythonCall";
import { kernelTaps } from "../kernelPresets";
import { activationSuffix, dilationText, windowText } from "./text";
import { readActivationShorthand } from "./activation";

export interface ConvFields {
  filters: number;
  kernel: Pair;
  stride: Pair;
  dilation: Pair;
  groups: number;
  bias: boolean;
  activation?: ActivationParams;
  weights: WeightsSpec;
}

/** Reads everything but padding; undefined when a field is invalid (already reported). */
export function readConvFields(ctx: LayerContext): ConvFields | undefined {
  const filters = readInteger(ctx, "filters", 1, { required: true, meaning: "the number of output channels", example: "16" });
  const kernel = readPair(ctx, "kernel", 1, { required: true, meaning: "the kernel size", example: "3" });
  const stride = readPair(ctx, "stride", 1, { fallback: [1, 1] });
  const dilation = readPair(ctx, "dilation", 1, { fallback: [1, 1] });
  const groups = readInteger(ctx, "groups", 1, { fallback: 1 });
  const bias = readBoolean(ctx, "bias", true);
  const activation = readActivationShorthand(ctx);
  const weights = readWeights(ctx, filters, kernel);
  if (filters !== undefined && groups !== undefined && filters % groups !== 0) {
    ctx.error("groups-not-divisor", `${filters} filters cannot be split into ${groups} groups (out channels must be divisible by groups); use groups ${nearestGroups(groups, filters)}.`, { field: "groups", fixes: groupFixes(ctx, groups, filters) });
  }
  if (
    filters === undefined || kernel === undefined || stride === undefined || dilation === undefined || groups === undefined ||
    bias === undefined || weights === undefined
  ) {
    return undefined;
  }
  return { filters, kernel, stride, dilation, groups, bias, activation, weights };
}

/** Input channels must be divisible by groups (PyTorch: "in_channels must be divisible by groups"). */
export function checkInputGroups(ctx: LayerContext, inChannels: number, fields: ConvFields): boolean {
  if (inChannels % fields.groups === 0) return true;
  const common = greatestCommonDivisor(inChannels, fields.filters);
  ctx.error("groups-not-divisor", `the ${inChannels} input channels ${ctx.fromText()} cannot be split into ${fields.groups} groups (in channels must be divisible by groups); use groups ${nearestGroups(fields.groups, common)}.`, {
    field: "groups",
    fixes: groupFixes(ctx, fields.groups, common),
    related: ctx.relatedProducers(`produces ${inChannels} channels`),
  });
  return false;
}

/** Divisors of `total` from trial division up to MAX_DIVISOR_TRIALS (all of them up to 2^24), with their cofactors. */
function divisorCandidates(groups: number, total: number): number[] {
  const found = [1, total, greatestCommonDivisor(groups, total)];
  for (let candidate = 2; candidate <= MAX_DIVISOR_TRIALS && candidate * candidate <= total; candidate++) {
    if (total % candidate === 0) found.push(candidate, total / candidate);
  }
  return found;
}

/** The divisor of `total` nearest to `groups` (ties: the smaller), from a bounded candidate set (limits.ts). */
export function nearestGroups(groups: number, total: number): number {
  let best = 1;
  for (const candidate of divisorCandidates(groups, total)) {
    const closer = Math.abs(candidate - groups) < Math.abs(best - groups);
    const tie = Math.abs(candidate - groups) === Math.abs(best - groups) && candidate < best;
    if (total % candidate === 0 && (closer || tie)) best = candidate;
  }
  return best;
}

function groupFixes(ctx: LayerContext, groups: number, total: number): SuggestedFix[] {
  const nearest = nearestGroups(groups, total);
  const fixes: SuggestedFix[] = [{ title: `Set groups to ${nearest}`, preferred: true, edits: [{ kind: "set", path: ctx.fieldPath("groups"), value: nearest }] }];
  if (nearest !== 1) fixes.push({ title: "Set groups to 1", edits: [{ kind: "set", path: ctx.fieldPath("groups"), value: 1 }] });
  return fixes;
}

/** "5×5 kernel (9×9 dilated)" or "5×5 kernel". */
export function kernelText(kernel: Pair, effectiveKernel: Pair): string {
  const dilated = effectiveKernel[0] !== kernel[0] || effectiveKernel[1] !== kernel[1];
  return `${pairText(kernel)} kernel${dilated ? ` (${pairText(effectiveKernel)} dilated)` : ""}`;
}


/** Lines (inside `with torch.no_grad():`) setting a conv layer's preview weights; none for kaiming. */
export function convWeightLines(layer: ResolvedConv | ResolvedConvTranspose, access: string): WeightLines {
  const weights = layer.weights;
  if (weights.kind === "kaiming") return { lines: [], helpers: [] };
  const biasLine = layer.bias ? [`${access}.bias.zero_()`] : [];
  if (weights.kind !== "kernels") {
    const initialiser = weights.kind === "xavier" ? "nn.init.xavier_uniform_" : `nn.init.${weights.kind}_`;
    return { lines: [`${initialiser}(${access}.weight)`, ...biasLine], helpers: [] };
  }
  const taps = weights.kernels.map((source) => kernelTaps(source, layer.kernel[0], layer.kernel[1]));
  const kernels = JSON.stringify(taps).replace(/,/g, ", ");
  if (layer.type === "conv2d") {
    const flip = layer.flipKernel ? ", flip=True" : "";
    return { lines: [`${access}.weight.copy_(conv_weight(${kernels}, in_per_group=${layer.inChannels / layer.groups}${flip}))`, ...biasLine], helpers: ["conv_weight"] };
  }
  return { lines: [`${access}.weight.copy_(conv_transpose_weight(${kernels}, in_channels=${layer.inChannels}, groups=${layer.groups}))`, ...biasLine], helpers: ["conv_transpose_weight"] };
}

/** conv/convT label: "conv 3×3 /1 ×16 dilation 2 groups 4 + relu". */
export function convLabel(name: string, layer: ResolvedConv | ResolvedConvTranspose): string {
  const groups = layer.groups === 1 ? "" : ` groups ${layer.groups}`;
  return `${name} ${windowText(layer.kernel, layer.stride)} ×${layer.filters}${dilationText(layer.dilation)}${groups}${activationSuffix(layer.activation)}`;
}
