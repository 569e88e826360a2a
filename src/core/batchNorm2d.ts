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

/** y = (x − mean)/√(var + eps)·γ + β, per channel. */
export function batchNorm2d(x: Tensor, params: BatchNorm2dParams = {}): Tensor {
  const { channels, height, width } = checkTensor3(x, "x");
  const eps = params.eps ?? 1e-5;
  checkArgument(eps > 0, () => `eps: must be > 0, got ${eps}`);
  const perChannel = { runningMean: params.runningMean, runningVar: params.runningVar, weight: params.weight, bias: params.bias };
  for (const [name, values] of Object.entries(perChannel)) {
    checkArgument(values === undefined || values.length === channels, () => `${name}: expected ${channels} values (one per channel), got ${values?.length}`);
  }
  const plane = height * width;
  const input = x.data;
  const output = allocateFloats(input.length);
  for (let c = 0; c < channels; c++) {
    const scale = (params.weight?.[c] ?? 1) / Math.sqrt((params.runningVar?.[c] ?? 1) + eps);
    const shift = (params.bias?.[c] ?? 0) - (params.runningMean?.[c] ?? 0) * scale;
    const end = (c + 1) * plane;
    for (let i = c * plane; i < end; i++) output[i] = input[i] * scale + shift;
  }
  return { shape: [...x.shape], data: output };
}
