/**
 * Layers that two workers can share, and how: each worker computes a range of "units" of the
 * output (output channels for convolutions, pools and batch norm; elements for element-wise
 * layers) into the shared output array. Every unit is computed exactly as the one-worker
 * runner computes it, so the split changes no value. Layers whose entry in ../layerKernels.ts
 * has no `split` (linear, concat, flatten, softmax, transposed convolutions, …) run whole on
 * the primary worker.
 */
import type { ResolvedLayer } from "../../engine/types";
import { kernelFor } from "../layerKernels";
import type { LayerContext } from "../runner/convLayer";
import type { Tensor } from "../tensor";
import type { SplitShape } from "./rangeParts";

export type { SplitShape } from "./rangeParts";

/** Floats a chunk should produce at least (smaller chunks cost more in calls than they balance). */
const MIN_CHUNK_FLOATS = 4096;

/** The smallest chunk of a split, in units. */
export function minChunkUnits(shape: SplitShape): number {
  return Math.max(shape.step, Math.ceil(MIN_CHUNK_FLOATS / shape.unitFloats));
}

/** How `layer`'s [C, H, W] output splits, or null when the layer runs whole. */
export function splitShape(layer: ResolvedLayer, outputShape: readonly number[]): SplitShape | null {
  if (outputShape.length !== 3) return null;
  const split = kernelFor(layer).split;
  if (split === undefined) return null;
  const [channels, height, width] = outputShape;
  return split.shape(layer, channels, height * width);
}

/**
 * Units [start, end) of `layer` on `inputs` into `output`, the whole [C, H, W] output.
 * `continued`: the previous range computed here was of the same layer on the same inputs.
 */
export function executeLayerRange(
  layer: ResolvedLayer, inputs: readonly Tensor[], output: Tensor, start: number, end: number, context: LayerContext, continued = false,
): void {
  if (end <= start) return;
  const split = kernelFor(layer).split;
  if (split === undefined) throw new Error(`layer type ${layer.type} cannot be split`);
  split.runRange(layer, inputs, output, start, end, context, continued);
}

/** The whole output once every range of `layer` ran: `output` itself unless the layer finishes it (a conv2d's softmax). */
export function finishSplitOutput(layer: ResolvedLayer, output: Tensor): Tensor {
  const finish = kernelFor(layer).split?.finish;
  return finish === undefined ? output : finish(layer, output);
}
