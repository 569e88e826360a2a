/**
 * Layers fused into a convolution's output pass (runner/fusion.ts finds them): a batch norm
 * reading the convolution's output and/or a relu reading that. Each keeps its own output
 * array, written with exactly the floats its own kernel (batchNorm2d, applyActivation) gives:
 * the preview still shows and measures every layer. A backend with `fusesFollowers` writes
 * them while the convolution's output is still in its memory; otherwise applyFollowers does.
 */
import { relu } from "./activations";
import type { BatchNormCoefficients } from "./batchNorm2d";

export interface ConvFollowers {
  /** The batch norm's coefficients (one per output channel of the whole layer) and its [O, H', W'] output. */
  batchNorm: (BatchNormCoefficients & { output: Float32Array }) | null;
  /** The relu's [O, H', W'] output: relu of the batch norm's output, or of the convolution's without one. */
  relu: { output: Float32Array } | null;
}

/** The followers' values for output channels [start, end) from the convolution's output (planes of `plane` floats). */
export function applyFollowers(followers: ConvFollowers, convOutput: Float32Array, start: number, end: number, plane: number): void {
  let source = convOutput;
  const { batchNorm } = followers;
  if (batchNorm !== null) {
    for (let channel = start; channel < end; channel++) {
      const [scale, shift, last] = [batchNorm.scale[channel], batchNorm.shift[channel], (channel + 1) * plane];
      for (let index = channel * plane; index < last; index++) batchNorm.output[index] = convOutput[index] * scale + shift;
    }
    source = batchNorm.output;
  }
  if (followers.relu === null) return;
  const target = followers.relu.output;
  for (let index = start * plane; index < end * plane; index++) target[index] = relu(source[index]);
}
