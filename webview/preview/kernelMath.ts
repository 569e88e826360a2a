/**
 * Kernels and the flip (pure). True convolution applies each kernel rotated 180°; what that
 * does to a map follows from the kernel's symmetry under that rotation.
 */
import type { PreviewKernels } from "../../src/protocol";

/** Taps of filter `filter`, input channel `channel`, row-major kernelHeight × kernelWidth. */
export function kernelAt(kernels: PreviewKernels, filter: number, channel = 0): number[] {
  const area = kernels.kernelHeight * kernels.kernelWidth;
  const start = (filter * kernels.shownChannels + channel) * area;
  return kernels.values.slice(start, start + area);
}

/** The kernel rotated 180° (flipped in both axes): tap (y, x) ← (h−1−y, w−1−x). */
export function rotate180(taps: readonly number[]): number[] {
  return [...taps].reverse();
}

/**
 * symmetric: rotation changes nothing (box, gaussian, laplacian), so the maps do not change;
 * antisymmetric: rotated = −original (sobel, prewitt, scharr), so the maps' signs invert;
 * none: the pattern is mirrored in both axes and the maps change in general; zero: all taps 0.
 */
export type FlipSymmetry = "symmetric" | "antisymmetric" | "none" | "zero";

export function flipSymmetry(taps: readonly number[], relativeTolerance = 1e-6): FlipSymmetry {
  const largest = taps.reduce((maximum, tap) => Math.max(maximum, Math.abs(tap)), 0);
  if (largest === 0) return "zero";
  const tolerance = largest * relativeTolerance;
  const rotated = rotate180(taps);
  if (rotated.every((tap, index) => Math.abs(tap - taps[index]) <= tolerance)) return "symmetric";
  if (rotated.every((tap, index) => Math.abs(tap + taps[index]) <= tolerance)) return "antisymmetric";
  return "none";
}

/** The short explanation shown beside the flip toggle, from the shown filters' symmetries. */
export function flipNote(symmetries: readonly FlipSymmetry[], hasActivation: boolean): string {
  const intro = "True convolution rotates each kernel 180° before sliding it (cross-correlation, deep learning's default, does not).";
  const kinds = new Set(symmetries.filter((symmetry) => symmetry !== "zero"));
  let effect: string;
  if (kinds.size === 0) effect = "These kernels are all zero, so nothing changes.";
  else if (kinds.size === 1 && kinds.has("antisymmetric")) {
    effect = "These kernels are antisymmetric (rotated = −original, like sobel-x), so the maps' signs invert: a filter that responded to increases from left to right (or top to bottom) now responds to increases the other way.";
  } else if (kinds.size === 1 && kinds.has("symmetric")) {
    effect = "These kernels are symmetric under the rotation (like a Laplacian or a blur), so the maps do not change.";
  } else if (kinds.size === 1) {
    effect = "These kernels have no such symmetry, so each map changes: every pattern a filter detects is mirrored left-right and top-bottom.";
  } else {
    effect = "The filters differ: symmetric ones give the same map, antisymmetric ones a sign-inverted map, the others a changed map.";
  }
  const activation = hasActivation ? " The layer's activation is applied after the convolution, so a sign inversion does not simply carry through it." : "";
  return `${intro} ${effect}${activation}`;
}
