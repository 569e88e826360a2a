/**
 * Layers that two workers can share, and how: each worker computes a range of "units" of the
 * output (output channels for convolutions, pools and batch norm; elements for element-wise
 * layers) into the shared output array. Every unit is computed exactly as the one-worker
 * runner computes it, so the split changes no value. Other layers (linear, concat, flatten,
 * softmax, transposed convolutions, …) run whole on the primary worker.
 */
import type { ResolvedLayer } from "../../engine/types";
import { applyActivation } from "../activations";
import { adaptiveAvgPool2d, adaptiveMaxPool2d, globalAvgPool2d, globalMaxPool2d } from "../adaptivePool2d";
import { batchNorm2d } from "../batchNorm2d";
import { avgPool2d, maxPool2d, minPool2d } from "../pool2d";
import type { Tensor } from "../tensor";
import { convChannelRange, type LayerContext } from "../runner/convLayer";

/** How a layer's output splits: `units` units of `unitFloats` floats; shares start at multiples of `step`. */
export interface SplitShape {
  units: number;
  unitFloats: number;
  step: number;
}

/** Floats a chunk should produce at least (smaller chunks cost more in calls than they balance). */
const MIN_CHUNK_FLOATS = 4096;

/** The smallest chunk of a split, in units. */
export function minChunkUnits(shape: SplitShape): number {
  return Math.max(shape.step, Math.ceil(MIN_CHUNK_FLOATS / shape.unitFloats));
}

/** Element ranges start at multiples of 16 floats (64 bytes). */
const ELEMENT_STEP = 16;
/** GEMM blocks hold 4 output channels; a share boundary elsewhere would leave a short block. */
const CONV_STEP = 4;

export function splitShape(layer: ResolvedLayer, outputShape: readonly number[]): SplitShape | null {
  if (outputShape.length !== 3) return null;
  const [channels, height, width] = outputShape;
  const plane = height * width;
  switch (layer.type) {
    case "conv2d":
      return { units: channels, unitFloats: plane, step: layer.inChannels / layer.groups === 1 ? 1 : CONV_STEP };
    case "maxpool2d":
    case "minpool2d":
    case "avgpool2d":
    case "adaptiveavgpool2d":
    case "adaptivemaxpool2d":
    case "globalavgpool2d":
    case "globalmaxpool2d":
    case "batchnorm2d":
      return { units: channels, unitFloats: plane, step: 1 };
    case "add":
      return { units: channels * plane, unitFloats: 1, step: ELEMENT_STEP };
    case "relu": case "relu6": case "leakyrelu": case "elu": case "sigmoid": case "tanh": case "gelu": case "silu": case "hardswish":
      return { units: channels * plane, unitFloats: 1, step: ELEMENT_STEP };
    default:
      return null;
  }
}

function channelSlice(x: Tensor, start: number, end: number): Tensor {
  const [, height, width] = x.shape;
  return { shape: [end - start, height, width], data: x.data.subarray(start * height * width, end * height * width) };
}

/**
 * Units [start, end) of `layer` on `inputs` into `output`, the whole [C, H, W] output.
 * `continued`: the previous range computed here was of the same layer on the same inputs.
 */
export function executeLayerRange(layer: ResolvedLayer, inputs: readonly Tensor[], output: Tensor, start: number, end: number, context: LayerContext, continued = false): void {
  if (end <= start) return;
  const [x] = inputs;
  const outPlane = output.shape[1] * output.shape[2];
  const putChannels = (result: Tensor): void => output.data.set(result.data, start * outPlane);
  switch (layer.type) {
    case "conv2d":
      convChannelRange(layer, x, output.data, start, end, context, continued);
      return;
    case "maxpool2d":
    case "minpool2d": {
      const pool = layer.type === "maxpool2d" ? maxPool2d : minPool2d;
      putChannels(pool(channelSlice(x, start, end), { kernel: layer.kernel, stride: layer.stride, padding: layer.padding, dilation: layer.dilation, ceilMode: layer.ceilMode }));
      return;
    }
    case "avgpool2d":
      putChannels(avgPool2d(channelSlice(x, start, end), { kernel: layer.kernel, stride: layer.stride, padding: layer.padding, ceilMode: layer.ceilMode, countIncludePad: layer.countIncludePad }));
      return;
    case "adaptiveavgpool2d":
      putChannels(adaptiveAvgPool2d(channelSlice(x, start, end), layer.outputSize));
      return;
    case "adaptivemaxpool2d":
      putChannels(adaptiveMaxPool2d(channelSlice(x, start, end), layer.outputSize));
      return;
    case "globalavgpool2d":
      putChannels(globalAvgPool2d(channelSlice(x, start, end)));
      return;
    case "globalmaxpool2d":
      putChannels(globalMaxPool2d(channelSlice(x, start, end)));
      return;
    case "batchnorm2d":
      putChannels(batchNorm2d(channelSlice(x, start, end), { eps: layer.eps }));
      return;
    case "add":
      addRange(inputs, output.data, start, end);
      return;
    default: {
      if (!("activation" in layer) || layer.activation === undefined || layer.activation.type === "softmax") throw new Error(`layer type ${layer.type} cannot be split`);
      const values = x.data.subarray(start, end);
      output.data.set(applyActivation({ shape: [values.length], data: values }, layer.activation).data, start);
    }
  }
}

/** Element-wise sum in the order tensorOps.add sums: 0, then each input in turn. */
function addRange(inputs: readonly Tensor[], output: Float32Array, start: number, end: number): void {
  const first = inputs[0].data;
  for (let i = start; i < end; i++) output[i] = 0 + first[i];
  for (const input of inputs.slice(1)) {
    const data = input.data;
    for (let i = start; i < end; i++) output[i] += data[i];
  }
}
