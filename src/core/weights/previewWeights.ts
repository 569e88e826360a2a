/**
 * Preview weights of conv2d, convtranspose2d and linear layers (spec-format.md §1 "weights").
 *
 * - kaiming: PyTorch's default init, kaiming_uniform(a=√5) ⇒ weight ~ U(±1/√fanIn),
 *   bias ~ U(±1/√fanIn);
 * - xavier: xavier_uniform ⇒ weight ~ U(±√(6/(fanIn+fanOut))), bias 0 (Keras' glorot default);
 * - zeros / ones: every weight 0 / 1, bias 0;
 * - kernels: filter o's matrix K_o on each of its C/groups input channels, divided by C/groups
 *   (the channel results are averaged), bias 0.
 *
 * Each layer draws from its own streams seeded by (spec seed, layer id, "weight"|"bias"), and
 * value i of a stream is independent of the others (prng.ts), so any block can be generated
 * alone: a 103 M-weight linear layer is produced row block by row block, never whole.
 */
import { kernelTaps } from "../../engine/kernelPresets";
import type { ResolvedConv, ResolvedConvTranspose, ResolvedLinear, WeightsSpec } from "../../engine/types";
import { fillUniform, streamSeed } from "./prng";
import { allocateFloats } from "../budget/allocationGuard";

export interface WeightContext {
  /** The spec's top-level `seed`. */
  specSeed: number;
  layerId: string;
}

interface Fans {
  fanIn: number;
  fanOut: number;
}

/** Weights of conv2d output channels [outStart, outEnd): layout [n, C/groups, kh, kw]. */
export function convWeightBlock(layer: ResolvedConv, context: WeightContext, outStart: number, outEnd: number): Float32Array {
  const inPerGroup = layer.inChannels / layer.groups;
  const kernelArea = layer.kernel[0] * layer.kernel[1];
  const perFilter = inPerGroup * kernelArea;
  const block = allocateFloats((outEnd - outStart) * perFilter);
  // PyTorch computes fans from the weight tensor [O, C/groups, kh, kw].
  const fans = { fanIn: perFilter, fanOut: layer.filters * kernelArea };
  if (layer.weights.kind === "kernels") {
    for (let o = outStart; o < outEnd; o++) {
      const kernel = kernelTaps(layer.weights.kernels[o], layer.kernel[0], layer.kernel[1]).flat();
      for (let c = 0; c < inPerGroup; c++) {
        for (let tap = 0; tap < kernelArea; tap++) block[((o - outStart) * inPerGroup + c) * kernelArea + tap] = kernel[tap] / inPerGroup;
      }
    }
    return block;
  }
  fillInitial(block, layer.weights, fans, streamSeed(context.specSeed, context.layerId, "weight"), outStart * perFilter);
  return block;
}

/** conv2d bias (O values), or null when the layer has none. */
export function convBias(layer: ResolvedConv, context: WeightContext): Float32Array | null {
  const fanIn = (layer.inChannels / layer.groups) * layer.kernel[0] * layer.kernel[1];
  return layer.bias ? initialBias(layer.filters, layer.weights, fanIn, context) : null;
}

/** All convtranspose2d weights: layout [C, O/groups, kh, kw] (PyTorch's). */
export function convTransposeWeights(layer: ResolvedConvTranspose, context: WeightContext): Float32Array {
  const outPerGroup = layer.filters / layer.groups;
  const inPerGroup = layer.inChannels / layer.groups;
  const kernelArea = layer.kernel[0] * layer.kernel[1];
  const weights = allocateFloats(layer.inChannels * outPerGroup * kernelArea);
  if (layer.weights.kind === "kernels") {
    for (let c = 0; c < layer.inChannels; c++) {
      const group = Math.floor(c / inPerGroup);
      for (let local = 0; local < outPerGroup; local++) {
        const kernel = kernelTaps(layer.weights.kernels[group * outPerGroup + local], layer.kernel[0], layer.kernel[1]).flat();
        for (let tap = 0; tap < kernelArea; tap++) weights[(c * outPerGroup + local) * kernelArea + tap] = kernel[tap] / inPerGroup;
      }
    }
    return weights;
  }
  // PyTorch computes fans from the weight tensor [C, O/groups, kh, kw]: fanIn = O/groups·kh·kw.
  const fans = { fanIn: outPerGroup * kernelArea, fanOut: layer.inChannels * kernelArea };
  fillInitial(weights, layer.weights, fans, streamSeed(context.specSeed, context.layerId, "weight"), 0);
  return weights;
}

export function convTransposeBias(layer: ResolvedConvTranspose, context: WeightContext): Float32Array | null {
  const fanIn = (layer.filters / layer.groups) * layer.kernel[0] * layer.kernel[1];
  return layer.bias ? initialBias(layer.filters, layer.weights, fanIn, context) : null;
}

/** Weight rows of linear units [unitStart, unitEnd): layout [n, inFeatures]. Always kaiming. */
export function linearWeightRows(layer: ResolvedLinear, context: WeightContext, unitStart: number, unitEnd: number): Float32Array {
  const rows = allocateFloats((unitEnd - unitStart) * layer.inFeatures);
  const fans = { fanIn: layer.inFeatures, fanOut: layer.units };
  fillInitial(rows, { kind: "kaiming" }, fans, streamSeed(context.specSeed, context.layerId, "weight"), unitStart * layer.inFeatures);
  return rows;
}

export function linearBias(layer: ResolvedLinear, context: WeightContext): Float32Array | null {
  return layer.bias ? initialBias(layer.units, { kind: "kaiming" }, layer.inFeatures, context) : null;
}

function fillInitial(target: Float32Array, weights: WeightsSpec, fans: Fans, seed: number, first: number): void {
  switch (weights.kind) {
    case "kaiming":
      return fillUniform(target, seed, first, 1 / Math.sqrt(fans.fanIn));
    case "xavier":
      return fillUniform(target, seed, first, Math.sqrt(6 / (fans.fanIn + fans.fanOut)));
    case "ones":
      target.fill(1);
      return;
    case "zeros":
    case "kernels":
      target.fill(0);
      return;
  }
}

function initialBias(count: number, weights: WeightsSpec, fanIn: number, context: WeightContext): Float32Array {
  const bias = allocateFloats(count);
  if (weights.kind === "kaiming") fillUniform(bias, streamSeed(context.specSeed, context.layerId, "bias"), 0, 1 / Math.sqrt(fanIn));
  return bias;
}
