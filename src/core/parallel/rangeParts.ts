/**
 * The pieces of a split layer (parallel/layerRange.ts): how an output splits into units, and
 * the range computations shared by several layer types. Every unit is computed exactly as
 * the one-worker runner computes it, so the split changes no value.
 */
import type { ActivationParams } from "../../engine/types";
import { applyActivation } from "../activations";
import type { Tensor } from "../tensor";

/** How a layer's output splits: `units` units of `unitFloats` floats; shares start at multiples of `step`. */
export interface SplitShape {
  units: number;
  unitFloats: number;
  step: number;
}

/** Element ranges start at multiples of 16 floats (64 bytes). */
export const ELEMENT_STEP = 16;
/** GEMM blocks hold 4 output channels; a share boundary elsewhere would leave a short block. */
export const CONV_STEP = 4;

/** One unit per output channel. */
export function channelSplit(channels: number, plane: number): SplitShape {
  return { units: channels, unitFloats: plane, step: 1 };
}

/** One unit per output element. */
export function elementSplit(channels: number, plane: number): SplitShape {
  return { units: channels * plane, unitFloats: 1, step: ELEMENT_STEP };
}

/** Channels [start, end) of a [C, H, W] tensor, sharing its data. */
export function channelSlice(x: Tensor, start: number, end: number): Tensor {
  const [, height, width] = x.shape;
  return { shape: [end - start, height, width], data: x.data.subarray(start * height * width, end * height * width) };
}

/** A per-channel layer's result for channels [start, end) put into the whole output. */
export function putChannels(output: Tensor, start: number, result: Tensor): void {
  output.data.set(result.data, start * output.shape[1] * output.shape[2]);
}

/** Element-wise sum in the order tensorOps.add sums: 0, then each input in turn. */
export function addRange(inputs: readonly Tensor[], output: Float32Array, start: number, end: number): void {
  const first = inputs[0].data;
  for (let i = start; i < end; i++) output[i] = 0 + first[i];
  for (const input of inputs.slice(1)) {
    const data = input.data;
    for (let i = start; i < end; i++) output[i] += data[i];
  }
}

/** An element-wise activation (not softmax) on elements [start, end) of `x` into `output`. */
export function activationRange(activation: ActivationParams, x: Tensor, output: Tensor, start: number, end: number): void {
  if (activation.type === "softmax") throw new Error("softmax cannot be split");
  const values = x.data.subarray(start, end);
  output.data.set(applyActivation({ shape: [values.length], data: values }, activation).data, start);
}
