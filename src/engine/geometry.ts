/**
 * The one home of the output-size formulas, one axis at a time, exactly as PyTorch 1.13
 * computes them (torch/jit/_shape_functions.py, aten/src/ATen/native/Pool.h). The engine
 * uses them for shapes, the convolution core (src/core) for its kernels' output sizes.
 */

/** dilation·(kernel − 1) + 1: the span of input the kernel covers. */
export function effectiveKernelSize(kernel: number, dilation: number): number {
  return dilation * (kernel - 1) + 1;
}

/** ⌊(input + before + after − dilation·(kernel−1) − 1) / stride⌋ + 1 (may be ≤ 0: invalid). */
export function convOutputSize(
  input: number, kernel: number, stride: number, padBefore: number, padAfter: number, dilation: number,
): number {
  return Math.floor((input + padBefore + padAfter - effectiveKernelSize(kernel, dilation)) / stride) + 1;
}

/**
 * PyTorch's pooling_output_shape: floor (or ceil) division, and in ceil mode a last window
 * that would start in the right padding is dropped.
 */
export function poolOutputSize(
  input: number, kernel: number, stride: number, padding: number, dilation: number, ceilMode: boolean,
): number {
  const numerator = input + 2 * padding - dilation * (kernel - 1) - 1 + (ceilMode ? stride - 1 : 0);
  let output = Math.floor(numerator / stride) + 1;
  if (ceilMode && (output - 1) * stride >= input + padding) output -= 1;
  return output;
}

/** True when ceil mode's extra window was dropped because it would start in the padding. */
export function ceilWindowDropped(input: number, kernel: number, stride: number, padding: number, dilation: number): boolean {
  const numerator = input + 2 * padding - dilation * (kernel - 1) - 1 + (stride - 1);
  const output = Math.floor(numerator / stride) + 1;
  return (output - 1) * stride >= input + padding;
}

/** (input − 1)·stride − 2·padding + dilation·(kernel − 1) + outputPadding + 1. */
export function convTransposeOutputSize(
  input: number, kernel: number, stride: number, padding: number, outputPadding: number, dilation: number,
): number {
  return (input - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1;
}

/**
 * An interpolation's output size from a scale factor, as PyTorch's compute_output_size:
 * ⌊input · scale⌋ in double precision (11 · (15/11) = 14.999999999999998 gives 14). May be ≤ 0.
 */
export function scaledOutputSize(input: number, scaleFactor: number): number {
  return Math.floor(input * scaleFactor);
}

/** Padding "same" (stride 1): total dilation·(kernel − 1), the odd pixel after (bottom/right). */
export function samePadding(kernel: number, dilation: number): [before: number, after: number] {
  const total = dilation * (kernel - 1);
  const before = Math.floor(total / 2);
  return [before, total - before];
}
