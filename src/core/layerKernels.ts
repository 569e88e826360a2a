/**
 * The core's one binding of kernels to layer types: for every resolved layer type, how the
 * runner runs it whole (runner/executeLayer.ts), how two workers split it and run a range of
 * it (parallel/layerRange.ts; absent: it runs whole on the primary worker), what it allocates
 * besides its output (budget/layerMemory.ts; absent: its output only) and, for layers with
 * weights to show, their kernel preview. Adding a resolved type to the engine fails
 * compilation here until it is bound.
 */
import type { ResolvedActivation, ResolvedLayer } from "../engine/types";
import { adaptiveAvgPool2d, adaptiveMaxPool2d, globalAvgPool2d, globalMaxPool2d } from "./adaptivePool2d";
import { batchNorm2d } from "./batchNorm2d";
import { applyActivation } from "./activations";
import { convMemory, convTransposeMemory, linearMemory, poolMemory, type DisplayLimits, type KernelMemory, type LayerShapes } from "./budget/kernelMemory";
import { activationRange, addRange, channelSlice, channelSplit, CONV_STEP, elementSplit, putChannels, type SplitShape } from "./parallel/rangeParts";
import { avgPool2d, maxPool2d, minPool2d } from "./pool2d";
import { convChannelRange, runConv2d, type LayerContext } from "./runner/convLayer";
import { runConvTranspose2d, runLinear } from "./runner/denseLayers";
import { buildKernelPreview } from "./runner/previews";
import type { KernelPreview, RunOptions } from "./runner/runTypes";
import type { Tensor } from "./tensor";
import { add, concat, flatten } from "./tensorOps";
import { upsample2d } from "./upsample2d";
import type { WeightContext } from "./weights/previewWeights";

/** The resolved layer of type K (a pool interface covers three types, so Extract would give never). */
export type LayerOfType<K extends ResolvedLayer["type"]> = ResolvedLayer & { type: K };

/** How a layer's [C, H, W] output is computed by ranges of units, one range per worker. */
export interface RangeKernel<L extends ResolvedLayer> {
  shape: (layer: L, channels: number, plane: number) => SplitShape;
  /**
   * Units [start, end) of `layer` on `inputs` into `output`, the whole [C, H, W] output.
   * `continued`: the previous range computed here was of the same layer on the same inputs.
   */
  runRange: (
    layer: L, inputs: readonly Tensor[], output: Tensor, start: number, end: number, context: LayerContext, continued: boolean,
  ) => void;
  /** What the whole output still needs once every range ran (a conv2d's softmax); absent: nothing. */
  finish?: (layer: L, output: Tensor) => Tensor;
}

export interface LayerKernel<L extends ResolvedLayer> {
  run: (layer: L, inputs: readonly Tensor[], context: LayerContext) => Tensor;
  split?: RangeKernel<L>;
  memory?: (layer: L, shapes: LayerShapes, displayed: DisplayLimits | null) => KernelMemory;
  kernelPreview?: (layer: L, context: WeightContext, options: RunOptions, givenWeights?: Float32Array) => KernelPreview;
}

export type LayerKernelTable = { [K in ResolvedLayer["type"]]: LayerKernel<LayerOfType<K>> };

/** A layer computed channel by channel from the same channels of its input. */
function perChannel<L extends ResolvedLayer>(compute: (layer: L, x: Tensor) => Tensor): LayerKernel<L> {
  return {
    run: (layer, [x]) => compute(layer, x),
    split: {
      shape: (_layer, channels, plane) => channelSplit(channels, plane),
      runRange: (layer, [x], output, start, end) => putChannels(output, start, compute(layer, channelSlice(x, start, end))),
    },
  };
}

function pool(operation: typeof maxPool2d): LayerKernel<LayerOfType<"maxpool2d" | "minpool2d">> {
  return {
    ...perChannel((layer, x) => operation(x, {
      kernel: layer.kernel, stride: layer.stride, padding: layer.padding, dilation: layer.dilation, ceilMode: layer.ceilMode,
    })),
    memory: poolMemory,
  };
}

const AVERAGE_POOL: LayerKernel<LayerOfType<"avgpool2d">> = {
  ...perChannel((layer, x) => avgPool2d(x, {
    kernel: layer.kernel, stride: layer.stride, padding: layer.padding, ceilMode: layer.ceilMode, countIncludePad: layer.countIncludePad,
  })),
  memory: poolMemory,
};

/** An element-wise activation layer, split by elements. */
const ELEMENT_WISE_ACTIVATION: LayerKernel<ResolvedActivation> = {
  run: (layer, [x]) => applyActivation(x, layer.activation),
  split: {
    shape: (_layer, channels, plane) => elementSplit(channels, plane),
    runRange: (layer, [x], output, start, end) => activationRange(layer.activation, x, output, start, end),
  },
};

/** Softmax normalizes across the whole tensor: it runs whole. */
const SOFTMAX: LayerKernel<ResolvedActivation> = { run: (layer, [x]) => applyActivation(x, layer.activation) };

export const LAYER_KERNELS: LayerKernelTable = {
  conv2d: {
    run: (layer, [x], context) => runConv2d(layer, x, context),
    split: {
      shape: (layer, channels, plane) => ({
        units: channels, unitFloats: plane, step: layer.inChannels / layer.groups === 1 ? 1 : CONV_STEP,
      }),
      runRange: (layer, [x], output, start, end, context, continued) => convChannelRange(
        layer, x, output.data, start, end, context, continued,
      ),
      // The ranges apply every activation but softmax, which spans the channels.
      finish: (layer, output) => (layer.activation?.type === "softmax" ? applyActivation(output, layer.activation) : output),
    },
    memory: convMemory,
    kernelPreview: buildKernelPreview,
  },
  convtranspose2d: {
    run: (layer, [x], context) => runConvTranspose2d(layer, x, context),
    memory: convTransposeMemory,
    kernelPreview: buildKernelPreview,
  },
  maxpool2d: pool(maxPool2d),
  minpool2d: pool(minPool2d),
  avgpool2d: AVERAGE_POOL,
  adaptiveavgpool2d: perChannel((layer, x) => adaptiveAvgPool2d(x, layer.outputSize)),
  adaptivemaxpool2d: perChannel((layer, x) => adaptiveMaxPool2d(x, layer.outputSize)),
  globalavgpool2d: perChannel((_layer, x) => globalAvgPool2d(x)),
  globalmaxpool2d: perChannel((_layer, x) => globalMaxPool2d(x)),
  // Runs whole: torch's nearest kernel treats a one-channel tensor differently (channels-last), so a channel range would not match.
  upsample2d: {
    run: (layer, [x]) => upsample2d(x, {
      mode: layer.mode, outputSize: layer.outputSize, scaleFactor: layer.scaleFactor, alignCorners: layer.alignCorners,
    }),
  },
  batchnorm2d: perChannel((layer, x) => batchNorm2d(x, { eps: layer.eps })),
  dropout: { run: (_layer, [x]) => x },
  flatten: { run: (_layer, [x]) => flatten(x) },
  linear: {
    run: (layer, [x], context) => runLinear(layer, x, context),
    memory: (layer) => linearMemory(layer),
  },
  relu: ELEMENT_WISE_ACTIVATION,
  relu6: ELEMENT_WISE_ACTIVATION,
  leakyrelu: ELEMENT_WISE_ACTIVATION,
  elu: ELEMENT_WISE_ACTIVATION,
  sigmoid: ELEMENT_WISE_ACTIVATION,
  tanh: ELEMENT_WISE_ACTIVATION,
  gelu: ELEMENT_WISE_ACTIVATION,
  silu: ELEMENT_WISE_ACTIVATION,
  hardswish: ELEMENT_WISE_ACTIVATION,
  softmax: SOFTMAX,
  add: {
    run: (_layer, inputs) => add(inputs),
    split: {
      shape: (_layer, channels, plane) => elementSplit(channels, plane),
      runRange: (_layer, inputs, output, start, end) => addRange(inputs, output.data, start, end),
    },
  },
  concat: { run: (_layer, inputs) => concat(inputs) },
};

/** The kernels of `layer`'s type; throws for a type the core does not know. */
export function kernelFor<L extends ResolvedLayer>(layer: L): LayerKernel<L> {
  if (!Object.prototype.hasOwnProperty.call(LAYER_KERNELS, layer.type)) throw new Error(`layer type ${layer.type} has no kernel in the core`);
  // The table's type binds each type to its own layer interface; indexing by a union loses that link.
  return LAYER_KERNELS[layer.type] as unknown as LayerKernel<L>;
}
