/** Inference-mode batch normalisation over the channels of a [C,H,W] tensor. */
import { checkArgument, checkTensor3, type Tensor } from "./tensor";
import { allocateFloats } from "./budget/allocationGuard";

export interface BatchNorm2dParams {
  /** Default 0 per channel. */
  runningMean?: Float32Array;
  /** Default 1 per channel. */
  runningVar?: Float32Array;
  /** gamma, default 1. */
  weight?: Float32Array;
  /** beta, default 0. */
  bias?: Float32Array;
  eps?: number;
}

/** Per channel, y = x·scale + shift in double precision, rounded once to float32. */
export interface BatchNormCoefficients {
  scale: Float64Array;
  shift: Float64Array;
}

/** y = (x − mean)/√(var + eps)·γ + β, per channel. */
export function batchNorm2d(x: Tensor, params: BatchNorm2dParams = {}): Tensor {
  const { channels, height, width } = checkTensor3(x, "x");
  const { scale, shift } = batchNormCoefficients(channels, params);
  const plane = height * width;
  const input = x.data;
  const output = allocateFloats(input.length);
  for (let c = 0; c < channels; c++) {
    const [channelScale, channelShift, end] = [scale[c], shift[c], (c + 1) * plane];
    for (let i = c * plane; i < end; i++) output[i] = input[i] * channelScale + channelShift;
  }
  return { shape: [...x.shape], data: output };
}

/**
 * The per-channel scale γ/√(var + eps) and shift β − mean·scale of batchNorm2d, which any
 * kernel applying a batch norm (a convolution's fused output pass) must use to agree with it.
 */
export function batchNormCoefficients(channels: number, params: BatchNorm2dParams = {}): BatchNormCoefficients {
  const eps = params.eps ?? 1e-5;
  checkArgument(eps > 0, () => `eps: must be > 0, got ${eps}`);
  const perChannel = { runningMean: params.runningMean, runningVar: params.runningVar, weight: params.weight, bias: params.bias };
  for (const [name, values] of Object.entries(perChannel)) {
    checkArgument(values === undefined || values.length === channels, () => `${name}: expected ${channels} values (one per channel), got ${values?.length}`);
  }
  const scale = new Float64Array(channels);
  const shift = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    scale[c] = (params.weight?.[c] ?? 1) / Math.sqrt((params.runningVar?.[c] ?? 1) + eps);
    shift[c] = (params.bias?.[c] ?? 0) - (params.runningMean?.[c] ?? 0) * scale[c];
  }
  return { scale, shift };
}
