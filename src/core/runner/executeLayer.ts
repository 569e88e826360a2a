/**
 * Runs one resolved layer on its inputs with preview weights. Convolutions and linear
 * layers work in blocks of output channels / units: each block's weights are generated
 * just before use (a 103 M-weight layer never exists whole) and cancellation is checked
 * between blocks. Convolutions of at most MAX_CACHED_LAYER_FLOATS weights take them whole from
 * the weight cache (./weightCache.ts), so re-running a spec generates nothing again.
 */
import type { ResolvedConv, ResolvedLayer, ResolvedLinear } from "../../engine/types";
import { MAX_BLOCK_WEIGHTS, runConv2d, type LayerContext } from "./convLayer";
import { applyActivation } from "../activations";
import { adaptiveAvgPool2d, adaptiveMaxPool2d, globalAvgPool2d, globalMaxPool2d } from "../adaptivePool2d";
import { batchNorm2d } from "../batchNorm2d";
import { convTranspose2d } from "../convTranspose2d";
import { linearRowRange } from "../linear";
import { avgPool2d, maxPool2d, minPool2d } from "../pool2d";
import { checkArgument, type Tensor } from "../tensor";
import { add, concat, flatten } from "../tensorOps";
import { convTransposeBias, convTransposeWeights, linearBias, linearWeightRows } from "../weights/previewWeights";
import { allocateFloats, releaseFloats } from "../budget/allocationGuard";

export type { LayerContext } from "./convLayer";

export function executeLayer(layer: ResolvedLayer, inputs: readonly Tensor[], context: LayerContext): Tensor {
  const [x] = inputs;
  switch (layer.type) {
    case "conv2d":
      return runConv2d(layer, x, context);
    case "convtranspose2d": {
      const output = convTranspose2d(x, { shape: [layer.inChannels, layer.filters / layer.groups, ...layer.kernel], data: convTransposeWeights(layer, context) }, convTransposeBias(layer, context), {
        stride: layer.stride, padding: layer.padding, outputPadding: layer.outputPadding, dilation: layer.dilation, groups: layer.groups,
      });
      return withActivation(output, layer.activation);
    }
    case "maxpool2d":
    case "minpool2d": {
      const pool = layer.type === "maxpool2d" ? maxPool2d : minPool2d;
      return pool(x, { kernel: layer.kernel, stride: layer.stride, padding: layer.padding, dilation: layer.dilation, ceilMode: layer.ceilMode });
    }
    case "avgpool2d":
      return avgPool2d(x, { kernel: layer.kernel, stride: layer.stride, padding: layer.padding, ceilMode: layer.ceilMode, countIncludePad: layer.countIncludePad });
    case "adaptiveavgpool2d":
      return adaptiveAvgPool2d(x, layer.outputSize);
    case "adaptivemaxpool2d":
      return adaptiveMaxPool2d(x, layer.outputSize);
    case "globalavgpool2d":
      return globalAvgPool2d(x);
    case "globalmaxpool2d":
      return globalMaxPool2d(x);
    case "batchnorm2d":
      return batchNorm2d(x, { eps: layer.eps });
    case "dropout":
      return x;
    case "flatten":
      return flatten(x);
    case "linear":
      return withActivation(runLinear(layer, x, context), layer.activation);
    case "add":
      return add(inputs);
    case "concat":
      return concat(inputs);
    default:
      return applyActivation(x, layer.activation);
  }
}

function withActivation(output: Tensor, activation: ResolvedConv["activation"]): Tensor {
  return activation === undefined ? output : applyActivation(output, activation);
}

function runLinear(layer: ResolvedLinear, x: Tensor, context: LayerContext): Tensor {
  checkArgument(x.data.length === layer.inFeatures, () => `linear: expected ${layer.inFeatures} input features, got ${x.data.length}`);
  const blockUnits = Math.max(1, Math.floor(MAX_BLOCK_WEIGHTS / layer.inFeatures));
  const given = context.given;
  const bias = given !== undefined ? given.bias : linearBias(layer, context);
  const output = allocateFloats(layer.units);
  for (let start = 0; start < layer.units; start += blockUnits) {
    context.checkCancelled();
    const end = Math.min(layer.units, start + blockUnits);
    const rows = given !== undefined ? given.weights.subarray(start * layer.inFeatures, end * layer.inFeatures) : linearWeightRows(layer, context, start, end);
    linearRowRange(x.data, rows, bias, output, start, end);
    if (given === undefined) releaseFloats(rows);
  }
  return { shape: [layer.units], data: output };
}
