/**
 * The preview `weights` field of conv2d / convtranspose2d (spec-format.md §1): a named
 * initialisation or one kernel per filter, each a preset name or a kh×kw matrix.
 */
import { describeValue, type LayerContext } from "./context";
import { type Pair, pairText } from "./fields";
import { closestName } from "./suggest";
import { KERNEL_PRESET_NAMES, isKernelPresetName, presetFits, presetSizes } from "./kernelPresets";
import type { KernelSource, WeightsSpec } from "./types";
import { forEachUnknownKey } from "./unknownKeys";

export const WEIGHT_INITIALISERS = ["kaiming", "xavier", "zeros", "ones"] as const;

/** The keys of a `weights` object. */
const WEIGHTS_KEYS = ["kernels"];

const DEFAULT_WEIGHTS: WeightsSpec = { kind: "kaiming" };

/** Reads `weights`; undefined (after an error) when invalid. Needs the filter count and kernel. */
export function readWeights(ctx: LayerContext, filters: number | undefined, kernel: Pair | undefined): WeightsSpec | undefined {
  if (!ctx.has("weights")) return DEFAULT_WEIGHTS;
  const value = ctx.get("weights");
  if (typeof value === "string") {
    const initialiser = WEIGHT_INITIALISERS.find((name) => name === value);
    if (initialiser) return { kind: initialiser };
    ctx.error("invalid-weights", `\`weights\` ${describeValue(value)} is not one of ${WEIGHT_INITIALISERS.join(", ")}; for preset kernels write { "kernels": [...] } with one per filter.`, { field: "weights" });
    return undefined;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    ctx.error("wrong-type", `\`weights\` must be "kaiming", "xavier", "zeros", "ones" or { "kernels": [...] }, got ${describeValue(value)}.`, { field: "weights" });
    return undefined;
  }
  return readKernelList(ctx, value as Record<string, unknown>, filters, kernel);
}

function readKernelList(
  ctx: LayerContext, value: Record<string, unknown>, filters: number | undefined, kernel: Pair | undefined,
): WeightsSpec | undefined {
  forEachUnknownKey(value, WEIGHTS_KEYS, (key) => {
    ctx.warning("unknown-key", `unknown key \`${key}\` in \`weights\` (only "kernels" is read); it is kept but ignored.`, { field: ["weights", key], target: "key" });
  });
  const kernels = value.kernels;
  if (!Array.isArray(kernels)) {
    ctx.error(kernels === undefined ? "missing-field" : "wrong-type", `\`weights.kernels\` must be a list with one kernel per filter, got ${describeValue(kernels)}.`, { field: kernels === undefined ? "weights" : ["weights", "kernels"] });
    return undefined;
  }
  if (filters !== undefined && kernels.length !== filters) {
    ctx.error("weights-count-mismatch", `\`weights.kernels\` has ${kernels.length} kernel${kernels.length === 1 ? "" : "s"} but the layer has ${filters} filters; give exactly one per filter.`, { field: ["weights", "kernels"] });
    return undefined;
  }
  if (!kernel) return undefined;
  const resolved: KernelSource[] = [];
  for (let index = 0; index < kernels.length; index++) {
    const matrix = readKernel(ctx, kernels[index], index, kernel);
    if (!matrix) return undefined;
    resolved.push(matrix);
  }
  return { kind: "kernels", kernels: resolved };
}

function readKernel(ctx: LayerContext, entry: unknown, index: number, kernel: Pair): KernelSource | undefined {
  const field = ["weights", "kernels", index];
  if (typeof entry === "string") return readPreset(ctx, entry, field, kernel);
  if (!Array.isArray(entry) || entry.length !== kernel[0]) {
    ctx.error("kernel-size-mismatch", `kernel ${index} of \`weights\` must be a preset name or a ${pairText(kernel)} matrix (${kernel[0]} rows), got ${describeValue(entry)}.`, { field });
    return undefined;
  }
  const matrix: number[][] = [];
  for (let row = 0; row < entry.length; row++) {
    const cells: unknown = entry[row];
    if (!Array.isArray(cells) || cells.length !== kernel[1]) {
      ctx.error("kernel-size-mismatch", `row ${row} of kernel ${index} of \`weights\` must have ${kernel[1]} numbers (the kernel is ${pairText(kernel)}), got ${describeValue(cells)}.`, { field: [...field, row] });
      return undefined;
    }
    const column = cells.findIndex((cell) => typeof cell !== "number" || !Number.isFinite(cell));
    if (column >= 0) {
      ctx.error("wrong-type", `kernel ${index} of \`weights\` has ${describeValue(cells[column])} at row ${row}, column ${column}; every entry must be a number.`, { field: [...field, row, column] });
      return undefined;
    }
    matrix.push([...(cells as number[])]);
  }
  return matrix;
}

function readPreset(ctx: LayerContext, name: string, field: (string | number)[], kernel: Pair): KernelSource | undefined {
  if (!isKernelPresetName(name)) {
    const closest = closestName(name, KERNEL_PRESET_NAMES);
    const fixes = closest ? [{ title: `Use "${closest}"`, preferred: true, edits: [{ kind: "set" as const, path: ctx.fieldPath(field), value: closest }] }] : undefined;
    const hint = closest ? ` Did you mean "${closest}"?` : "";
    ctx.error("unknown-kernel-preset", `${describeValue(name)} is not a kernel preset.${hint} Use one of ${KERNEL_PRESET_NAMES.join(", ")} or a ${pairText(kernel)} matrix.`, { field, fixes });
    return undefined;
  }
  if (!presetFits(name, kernel[0], kernel[1])) {
    ctx.error("kernel-size-mismatch", `preset "${name}" is ${presetSizes(name)} but this layer's kernel is ${pairText(kernel)}; change \`kernel\` or write a ${pairText(kernel)} matrix.`, { field });
    return undefined;
  }
  return name; // stays a name: expanded by kernelTaps only where a preview or an export needs the taps
}
