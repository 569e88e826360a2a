/**
 * upsample2d: torch.nn.Upsample (PyTorch 1.13), modes "nearest" and "bilinear", on [C, H, W].
 * Output: `size`, or ⌊H · scaleFactor⌋ per axis; PyTorch's refusals (both or neither of size and
 * scaleFactor, alignCorners with nearest, an empty output) are errors with its words. Golden
 * shapes, values and receptive fields: test/golden/upsample (measured with torch autograd).
 */
import { describeValue, setFieldFix, type LayerContext } from "../context";
import { plain, pythonCall, pythonNumber } from "../export/pythonCall";
import { pairValue, readBoolean, readPair, type Pair } from "../fields";
import { scaledOutputSize } from "../geometry";
import type { NodeInfo } from "../types";
import type { FieldRule } from "./handler";
import { requireSpatial } from "./handler";
import type { LayerType } from "./layerType";
import { AXES, measureText, sizeOf } from "./text";

export type UpsampleMode = "nearest" | "bilinear";

export interface ResolvedUpsample {
  type: "upsample2d";
  mode: UpsampleMode;
  /** [height, width] as written (one of scaleFactor and size). */
  scaleFactor?: [number, number];
  size?: [number, number];
  /** As written; bilinear only. */
  alignCorners?: boolean;
  outputSize: [number, number];
}

const MODES: readonly UpsampleMode[] = ["nearest", "bilinear"];

function readMode(ctx: LayerContext): UpsampleMode | undefined {
  const value = ctx.get("mode") ?? "nearest";
  if (value === "nearest" || value === "bilinear") return value;
  const lower = typeof value === "string" ? value.toLowerCase() : "";
  const fixes = (MODES as readonly string[]).includes(lower) ? [setFieldFix(ctx.index, "mode", lower, `Use "${lower}"`, true)] : undefined;
  const other = ["linear", "bicubic", "trilinear", "area", "nearest-exact"].includes(lower) ? ` ("${lower}" is a PyTorch mode this format does not have)` : "";
  ctx.error("invalid-value", `\`mode\` must be "nearest" or "bilinear", got ${describeValue(value)}${other}.`, { field: "mode", fixes });
  return undefined;
}

/** A positive finite number, or [height, width] of them. */
function readScaleFactor(ctx: LayerContext): [number, number] | undefined | null {
  if (!ctx.has("scaleFactor")) return undefined;
  const value = ctx.get("scaleFactor");
  const positive = (entry: unknown): entry is number => typeof entry === "number" && Number.isFinite(entry) && entry > 0;
  if (positive(value)) return [value, value];
  if (Array.isArray(value) && value.length === 2 && positive(value[0]) && positive(value[1])) return [value[0], value[1]];
  ctx.error("invalid-value", `\`scaleFactor\` must be a number > 0 or [height, width] of them, got ${describeValue(value)} (PyTorch refuses 0 and negative factors).`, { field: "scaleFactor" });
  return null;
}

function readGeometry(ctx: LayerContext, mode: UpsampleMode): { scaleFactor?: Pair; size?: Pair; alignCorners?: boolean } | undefined {
  const scaleFactor = readScaleFactor(ctx);
  const size = ctx.has("size") ? readPair(ctx, "size", 1) : undefined;
  const alignCorners = ctx.has("alignCorners") ? readBoolean(ctx, "alignCorners", false) : undefined;
  if (scaleFactor === null || (ctx.has("size") && size === undefined) || (ctx.has("alignCorners") && alignCorners === undefined)) return undefined;
  if (mode === "nearest" && alignCorners !== undefined) {
    ctx.error("upsample-align-corners-with-nearest", `\`alignCorners\` is for bilinear upsampling only; remove it or use mode "bilinear" (PyTorch: "align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear").`, {
      field: "alignCorners",
      fixes: [{ title: "Remove alignCorners", preferred: true, edits: [{ kind: "remove", path: ctx.fieldPath("alignCorners") }] }, setFieldFix(ctx.index, "mode", "bilinear", `Use mode "bilinear"`)],
    });
    return undefined;
  }
  if (scaleFactor !== undefined && size !== undefined) {
    ctx.error("upsample-size-and-scale-factor", `give \`scaleFactor\` or \`size\`, not both (PyTorch: "only one of size or scale_factor should be defined").`, {
      field: "size",
      fixes: [
        { title: "Remove size", preferred: true, edits: [{ kind: "remove", path: ctx.fieldPath("size") }] },
        { title: "Remove scaleFactor", edits: [{ kind: "remove", path: ctx.fieldPath("scaleFactor") }] },
      ],
    });
    return undefined;
  }
  if (scaleFactor === undefined && size === undefined) {
    ctx.error("missing-field", `upsample2d needs \`scaleFactor\` (e.g. 2) or \`size\` (e.g. [28, 28]) (PyTorch: "either size or scale_factor should be defined").`, {
      fixes: [setFieldFix(ctx.index, "scaleFactor", 2, "Set scaleFactor to 2", true)],
    });
    return undefined;
  }
  return { scaleFactor, size, alignCorners };
}

/** p/q in lowest terms close to `ratio` with q ≤ maxDenominator (continued fractions; bounded). */
export function nearFraction(ratio: number, maxDenominator: number): [number, number] {
  let [previousP, p, previousQ, q] = [0, 1, 1, 0];
  let rest = ratio;
  for (let step = 0; step < 64; step++) {
    const whole = Math.floor(rest);
    const [nextP, nextQ] = [whole * p + previousP, whole * q + previousQ];
    if (nextQ > maxDenominator) break;
    [previousP, p, previousQ, q] = [p, nextP, q, nextQ];
    if (Math.abs(rest - whole) < 1e-12 || Math.abs(p / q - ratio) < 1e-12 * Math.max(1, ratio)) break;
    rest = 1 / (rest - whole);
  }
  return q === 0 ? [Math.round(ratio), 1] : [p, q];
}

/**
 * The receptive-field step on one axis, averaged over the repeating pattern (measured with torch
 * autograd, test/golden/upsample): a window of k = 1 (nearest) or 2 (bilinear) input pixels whose
 * stride is r = the input pixels per output pixel (1/scaleFactor, in/out for `size`, (in−1)/(out−1)
 * with alignCorners), offset by μ, with r = p/q in lowest terms:
 * nearest μ = −(q−1)/(2q); bilinear μ = r/2 − (q−1)/(2q) when p − q is even, else r/2 − 1/2;
 * alignCorners μ = 1/(2q).
 */
function axisStep(layer: ResolvedUpsample, input: number, axis: 0 | 1): { kernel: number; stride: number; padBefore: number } {
  const output = layer.outputSize[axis];
  const bilinear = layer.mode === "bilinear";
  const kernel = bilinear ? 2 : 1;
  const aligned = bilinear && layer.alignCorners === true;
  const stride = aligned ? (input - 1) / (output - 1) : layer.scaleFactor ? 1 / layer.scaleFactor[axis] : input / output;
  const [p, q] = aligned
    ? reduced(input - 1, output - 1)
    : layer.scaleFactor ? nearFraction(stride, Math.max(1, output)) : reduced(input, output);
  const mu = aligned
    ? 1 / (2 * q)
    : !bilinear ? -(q - 1) / (2 * q) : (p - q) % 2 === 0 ? stride / 2 - (q - 1) / (2 * q) : stride / 2 - 1 / 2;
  return { kernel, stride, padBefore: (kernel - 1) / 2 - mu };
}

function reduced(numerator: number, denominator: number): [number, number] {
  let [a, b] = [numerator, denominator];
  while (b !== 0) [a, b] = [b, a % b];
  return [numerator / a, denominator / a];
}

function fieldRule(layer: ResolvedUpsample, input: Pair): FieldRule {
  if (layer.outputSize[0] === input[0] && layer.outputSize[1] === input[1]) return { kind: "same" };
  if (layer.outputSize[0] === 1 || layer.outputSize[1] === 1) return { kind: "unknown" };
  const [height, width] = [axisStep(layer, input[0], 0), axisStep(layer, input[1], 1)];
  return { kind: "window", effectiveKernel: [height.kernel, width.kernel], stride: [height.stride, width.stride], padBefore: [height.padBefore, width.padBefore] };
}

function analyzeUpsample(ctx: LayerContext, inputs: readonly number[][] | null) {
  const mode = readMode(ctx);
  const geometry = mode === undefined ? undefined : readGeometry(ctx, mode);
  if (mode === undefined || geometry === undefined || !inputs || ctx.failed || !requireSpatial(ctx, inputs[0])) return undefined;
  const [channels, height, width] = inputs[0];
  const outputSize: Pair = geometry.size ?? [
    scaledOutputSize(height, geometry.scaleFactor![0]), scaledOutputSize(width, geometry.scaleFactor![1]),
  ];
  if (outputSize[0] < 1 || outputSize[1] < 1) {
    const smallest = [height, width].map((size) => Math.ceil(1 / size * 1e6) / 1e6);
    ctx.error("output-size-too-small", `the output would be ${outputSize[0]}×${outputSize[1]} for the ${height}×${width} input: ⌊size · scaleFactor⌋ must be ≥ 1; use a scaleFactor ≥ ${describeValue(pairValue(smallest))} (PyTorch: "Input and output sizes should be greater than 0").`, {
      field: "scaleFactor",
      related: ctx.relatedProducers(`produces ${height}×${width}`),
    });
    return undefined;
  }
  ctx.skipsInputPixels = outputSize[0] < height || outputSize[1] < width; // downsampling may skip pixels
  const layer: ResolvedUpsample = { type: "upsample2d", mode, outputSize };
  if (geometry.scaleFactor) layer.scaleFactor = geometry.scaleFactor;
  if (geometry.size) layer.size = geometry.size;
  if (geometry.alignCorners !== undefined) layer.alignCorners = geometry.alignCorners;
  return { layer, outputShape: [channels, outputSize[0], outputSize[1]], params: 0, macs: 0, field: fieldRule(layer, [height, width]) };
}

function explainUpsample(node: NodeInfo, layer: ResolvedUpsample): string[] {
  const lines = AXES.map((axis) => {
    const [input, output] = sizeOf(node, axis.index);
    return layer.size ? `${axis.name}: size ${output} (from ${input})` : `${axis.name}: ⌊${input}·${measureText(layer.scaleFactor![axis.index])}⌋ = ${output}`;
  });
  const sampling = layer.mode === "nearest" ? "each output pixel copies the nearest input pixel" : `each output pixel blends its 2×2 nearest input pixels${layer.alignCorners ? " (corners aligned)" : ""}`;
  return [...lines, `No parameters: ${sampling}`];
}

function pythonScale(pair: Pair): string {
  // nn.Upsample turns only a tuple into floats: a per-axis factor must be a tuple.
  return pair[0] === pair[1] ? pythonNumber(pair[0]) : `(${pythonNumber(pair[0])}, ${pythonNumber(pair[1])})`;
}

export const UPSAMPLE2D: LayerType<ResolvedUpsample> = {
  type: "upsample2d",
  summary: "upsampling by a factor or to a size, nearest or bilinear (torch.nn.Upsample)",
  shapeRule: "`[C, ⌊H·scaleFactor⌋, ⌊W·scaleFactor⌋]` or `[C, size]`",
  paletteGroup: "Pooling & resampling",
  category: "pool",
  idStem: "up",
  fields: [
    { name: "mode", kind: "choice", choices: MODES, default: "nearest", doc: "`\"nearest\"` copies the nearest input pixel; `\"bilinear\"` blends the 2×2 nearest ones." },
    { name: "scaleFactor", kind: "scale", doc: "Output size = ⌊input size · scaleFactor⌋ per axis: a number > 0 or `[height, width]`. Give this or `size`." },
    { name: "size", kind: "spatial", doc: "The output height and width, whatever the input: an integer or `[height, width]`. Give this or `scaleFactor`." },
    { name: "alignCorners", kind: "bool", defaultText: "false (bilinear)", doc: "Bilinear only: map the corner pixels of input and output onto each other (PyTorch's `align_corners`); leave it out for nearest." },
  ],
  newLayer: { mode: "nearest", scaleFactor: 2 },
  analyze: analyzeUpsample,
  explain: explainUpsample,
  describe: (layer) => `upsample ${layer.mode} ${layer.size ? `→ ${layer.size[0]}×${layer.size[1]}` : `×${layer.scaleFactor![0] === layer.scaleFactor![1] ? measureText(layer.scaleFactor![0]) : `${measureText(layer.scaleFactor![0])}×${measureText(layer.scaleFactor![1])}`}`}`,
  pytorch: (layer) => plain(pythonCall("nn.Upsample", [], {
    size: layer.size ? (layer.size[0] === layer.size[1] ? String(layer.size[0]) : `(${layer.size[0]}, ${layer.size[1]})`) : undefined,
    scale_factor: layer.scaleFactor ? pythonScale(layer.scaleFactor) : undefined,
    mode: JSON.stringify(layer.mode),
    align_corners: layer.alignCorners === undefined ? undefined : layer.alignCorners ? "True" : "False",
  })),
  exportFields: (layer) => ({
    mode: layer.mode,
    ...(layer.scaleFactor ? { scaleFactor: pairValue(layer.scaleFactor) } : {}),
    ...(layer.size ? { size: pairValue(layer.size) } : {}),
    ...(layer.alignCorners === undefined ? {} : { alignCorners: layer.alignCorners }),
  }),
};
