/**
 * The runner's linear and transposed-convolution layers: preview weights (or given ones)
 * generated in blocks for linear layers, whole for transposed convolutions, then the
 * layer's activation.
 */
import type { ActivationParams, ResolvedConvTranspose, ResolvedLinear } from "../../engine/types";
import { applyActivation } from "../activations";
import { convTranspose2d } from "../convTranspose2d";
import { linearRowRange } from "../linear";
import { checkArgument, type Tensor } from "../tensor";
import { convTransposeBias, convTransposeWeights, linearBias, linearWeightRows } from "../weights/previewWeights";
import { allocateFloats, releaseFloats } from "../budget/allocationGuard";
import { MAX_BLOCK_WEIGHTS, type LayerContext } from "./convLayer";

/** The layer's activation applied to `output`, or `output` itself when it has none. */
export function withActivation(output: Tensor, activation: ActivationParams | undefined): Tensor {
  return activation === undefined ? output : applyActivation(output, activation);
}

export function runConvTranspose2d(layer: ResolvedConvTranspose, x: Tensor, context: LayerContext): Tensor {
  const weights = { shape: [layer.inChannels, layer.filters / layer.groups, ...layer.kernel], data: convTransposeWeights(layer, context) };
  const output = convTranspose2d(x, weights, convTransposeBias(layer, context), {
    stride: layer.stride, padding: layer.padding, outputPadding: layer.outputPadding, dilation: layer.dilation, groups: layer.groups,
  });
  return withActivation(output, layer.activation);
}

/** A linear layer in blocks of units, each block's weights generated just before use. */
export function runLinear(layer: ResolvedLinear, x: Tensor, context: LayerContext): Tensor {
  checkArgument(x.data.length === layer.inFeatures, () => `linear: expected ${layer.inFeatures} input features, got ${x.data.length}`);
  const blockUnits = Math.max(1, Math.floor(MAX_BLOCK_WEIGHTS / layer.inFeatures));
  const given = context.given;
  const bias = given !== undefined ? given.bias : linearBias(layer, context);
  const output = allocateFloats(layer.units);
  for (let start = 0; start < layer.units; start += blockUnits) {
    context.checkCancelled();
    const end = Math.min(layer.units, start + blockUnits);
    const rows = given !== undefined
      ? given.weights.subarray(start * layer.inFeatures, end * layer.inFeatures)
      : linearWeightRows(layer, context, start, end);
    linearRowRange(x.data, rows, bias, output, start, end);
    if (given === undefined) releaseFloats(rows);
  }
  return withActivation({ shape: [layer.units], data: output }, layer.activation);
}
