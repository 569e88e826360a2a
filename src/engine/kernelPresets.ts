/**
 * Preset preview kernels (spec-format.md §1, `weights: { kernels: [...] }`).
 *
 * Orientation convention: every kernel is written for CROSS-CORRELATION, the operation
 * `torch.nn.Conv2d` performs: output(y, x) = Σ w[a][b] · input(y + a − centre, x + b − centre),
 * rows top→bottom, columns left→right. So `sobel-x` = [[-1,0,1],[-2,0,2],[-1,0,1]] responds
 * positively where the image gets brighter to the right (as in OpenCV and Wikipedia's
 * "Sobel operator" and "Kernel (image processing)" pages). The centre of a kh×kw kernel is
 * (⌊(kh−1)/2⌋, ⌊(kw−1)/2⌋), which matches PyTorch's padding "same" (extra pixel bottom/right).
 *
 * Sizes: `identity`, `box` and the `shift-*` presets fit any kernel size (a shift needs the
 * neighbouring cell on its side of the centre); `gaussian` is 3×3 or 5×5 (normalised
 * binomial); every other preset is 3×3 only. `shift-left` moves the image content one
 * pixel to the left (output(y, x) = input(y, x + 1)); likewise right, up and down.
 */

import type { KernelSource } from "./types";

export const KERNEL_PRESET_NAMES = [
  "identity", "sobel-x", "sobel-y", "scharr-x", "scharr-y", "prewitt-x", "prewitt-y",
  "laplacian-4", "laplacian-8", "gaussian", "box", "sharpen", "emboss",
  "edge-horizontal", "edge-vertical", "shift-left", "shift-right", "shift-up", "shift-down",
] as const;

export type KernelPresetName = (typeof KERNEL_PRESET_NAMES)[number];

const FIXED_3X3: Readonly<Record<string, number[][]>> = {
  "sobel-x": [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]],
  "sobel-y": [[-1, -2, -1], [0, 0, 0], [1, 2, 1]],
  "scharr-x": [[-3, 0, 3], [-10, 0, 10], [-3, 0, 3]],
  "scharr-y": [[-3, -10, -3], [0, 0, 0], [3, 10, 3]],
  "prewitt-x": [[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]],
  "prewitt-y": [[-1, -1, -1], [0, 0, 0], [1, 1, 1]],
  "laplacian-4": [[0, -1, 0], [-1, 4, -1], [0, -1, 0]],
  "laplacian-8": [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]],
  sharpen: [[0, -1, 0], [-1, 5, -1], [0, -1, 0]],
  emboss: [[-2, -1, 0], [-1, 1, 1], [0, 1, 2]],
  "edge-horizontal": [[1, 1, 1], [0, 0, 0], [-1, -1, -1]],
  "edge-vertical": [[1, 0, -1], [1, 0, -1], [1, 0, -1]],
};

/** Offsets from the centre of the single 1 in each shift kernel, as [row, column]. */
const SHIFT_OFFSETS: Readonly<Record<string, [number, number]>> = {
  "shift-left": [0, 1],
  "shift-right": [0, -1],
  "shift-up": [1, 0],
  "shift-down": [-1, 0],
};

const BINOMIAL: Readonly<Record<number, number[]>> = { 3: [1, 2, 1], 5: [1, 4, 6, 4, 1] };

export function isKernelPresetName(name: string): name is KernelPresetName {
  return (KERNEL_PRESET_NAMES as readonly string[]).includes(name);
}

function filled(kernelHeight: number, kernelWidth: number, value: number): number[][] {
  return Array.from({ length: kernelHeight }, () => new Array<number>(kernelWidth).fill(value));
}

function singleOne(kernelHeight: number, kernelWidth: number, row: number, column: number): number[][] | undefined {
  if (row < 0 || row >= kernelHeight || column < 0 || column >= kernelWidth) return undefined;
  const kernel = filled(kernelHeight, kernelWidth, 0);
  kernel[row][column] = 1;
  return kernel;
}

function gaussian(kernelHeight: number, kernelWidth: number): number[][] | undefined {
  const weights = BINOMIAL[kernelHeight];
  if (kernelHeight !== kernelWidth || weights === undefined) return undefined;
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return weights.map((rowWeight) => weights.map((columnWeight) => (rowWeight * columnWeight) / (total * total)));
}

/**
 * The kh×kw matrix of a preset, or undefined when the name is unknown or the preset does
 * not exist at that size. Returns a fresh array on every call.
 */
export function presetKernel(name: string, kernelHeight: number, kernelWidth: number): number[][] | undefined {
  if (!Number.isInteger(kernelHeight) || !Number.isInteger(kernelWidth) || kernelHeight < 1 || kernelWidth < 1) return undefined;
  const centreRow = Math.floor((kernelHeight - 1) / 2);
  const centreColumn = Math.floor((kernelWidth - 1) / 2);
  if (name === "identity") return singleOne(kernelHeight, kernelWidth, centreRow, centreColumn);
  if (name === "box") return filled(kernelHeight, kernelWidth, 1 / (kernelHeight * kernelWidth));
  if (name === "gaussian") return gaussian(kernelHeight, kernelWidth);
  const shift = Object.prototype.hasOwnProperty.call(SHIFT_OFFSETS, name) ? SHIFT_OFFSETS[name] : undefined;
  if (shift) return singleOne(kernelHeight, kernelWidth, centreRow + shift[0], centreColumn + shift[1]);
  const fixed = Object.prototype.hasOwnProperty.call(FIXED_3X3, name) ? FIXED_3X3[name] : undefined;
  if (!fixed || kernelHeight !== 3 || kernelWidth !== 3) return undefined;
  return fixed.map((row) => [...row]);
}

/** True when preset `name` exists at kh×kw (O(1): nothing is materialised). */
export function presetFits(name: string, kernelHeight: number, kernelWidth: number): boolean {
  if (
    !isKernelPresetName(name) || !Number.isSafeInteger(kernelHeight) || !Number.isSafeInteger(kernelWidth) ||
    kernelHeight < 1 || kernelWidth < 1
  ) {
    return false;
  }
  if (name === "identity" || name === "box") return true;
  if (name === "gaussian") return kernelHeight === kernelWidth && BINOMIAL[kernelHeight] !== undefined;
  const shift = Object.prototype.hasOwnProperty.call(SHIFT_OFFSETS, name) ? SHIFT_OFFSETS[name] : undefined;
  if (!shift) return kernelHeight === 3 && kernelWidth === 3;
  const row = Math.floor((kernelHeight - 1) / 2) + shift[0];
  const column = Math.floor((kernelWidth - 1) / 2) + shift[1];
  return row >= 0 && row < kernelHeight && column >= 0 && column < kernelWidth;
}

/**
 * The kh×kw taps of one `weights.kernels` entry: a preset is expanded here (the only place
 * outside this file that materialises one; callers are previews and exports, which need the
 * taps anyway), a matrix is returned as is. Throws when the analysis would have rejected it.
 */
export function kernelTaps(source: KernelSource, kernelHeight: number, kernelWidth: number): number[][] {
  if (typeof source !== "string") return source;
  const taps = presetKernel(source, kernelHeight, kernelWidth);
  if (!taps) throw new Error(`kernelTaps: preset "${source}" does not exist at ${kernelHeight}×${kernelWidth} (the analysis rejects it)`);
  return taps;
}

/** Human-readable sizes a preset supports, for messages ("3×3", "3×3 or 5×5", "any size"). */
export function presetSizes(name: KernelPresetName): string {
  if (name === "identity" || name === "box") return "any size";
  if (name === "gaussian") return "3×3 or 5×5";
  if (name.startsWith("shift-")) return "any size with a cell next to the centre on that side (e.g. 3×3)";
  return "3×3";
}
