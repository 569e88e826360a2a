/** From image file bytes to the network's input tensor [C, H, W]. */
import { checkArgument, type Tensor } from "../tensor";
import { decodeImage } from "./decode";
import { DEFAULT_IMAGE_LIMITS, imageOk, type ImageLimits, type ImageResult } from "./imageError";
import { resizeRaster } from "./resize";
import { allocateFloats } from "../budget/allocationGuard";

export interface InputNormalization {
  /** Subtracted after scaling to [0, 1]: one value, or one per input channel. */
  mean?: readonly number[];
  /** Divided by after subtracting the mean: one value, or one per input channel. */
  std?: readonly number[];
}

export interface PrepareImageOptions extends InputNormalization {
  limits?: ImageLimits;
}

/** ITU-R BT.601 luma, as PIL's convert("L"). */
const LUMA = [0.299, 0.587, 0.114];

/**
 * Decodes, resizes to the input's H×W and converts channels: 1 ← RGB by luma, 3 ← gray by
 * replication, any other C takes colour channel c mod (1 or 3). Alpha is dropped (as PIL's
 * convert("RGB")). Values are scaled to [0, 1], then (v − mean)/std.
 */
export function prepareImage(bytes: Uint8Array, inputShape: readonly number[], options: PrepareImageOptions = {}): ImageResult<Tensor> {
  const decoded = decodeImage(bytes, options.limits ?? DEFAULT_IMAGE_LIMITS);
  if (!decoded.ok) return decoded;
  const [channels, height, width] = inputShape;
  const resized = resizeRaster(decoded.value, height, width);
  return imageOk(normalize(convertChannels(resized, channels), options));
}

/** [1 or 3, H, W] → [channels, H, W]. */
export function convertChannels(image: Tensor, channels: number): Tensor {
  const [sourceChannels, height, width] = image.shape;
  const plane = height * width;
  if (sourceChannels === channels) return image;
  const output = allocateFloats(channels * plane);
  if (channels === 1 && sourceChannels === 3) {
    for (let i = 0; i < plane; i++) {
      output[i] = LUMA[0] * image.data[i] + LUMA[1] * image.data[plane + i] + LUMA[2] * image.data[2 * plane + i];
    }
  } else {
    for (let c = 0; c < channels; c++) {
      output.set(image.data.subarray((c % sourceChannels) * plane, (c % sourceChannels + 1) * plane), c * plane);
    }
  }
  return { shape: [channels, height, width], data: output };
}

/** (v − mean[c]) / std[c] in place; returns the same tensor. */
export function normalize(image: Tensor, normalization: InputNormalization): Tensor {
  const [channels] = image.shape;
  const plane = image.data.length / channels;
  const mean = perChannel(normalization.mean ?? [0], channels, "mean");
  const std = perChannel(normalization.std ?? [1], channels, "std");
  for (let c = 0; c < channels; c++) {
    checkArgument(std[c] !== 0, () => `std: must not be 0 (channel ${c})`);
    for (let i = c * plane; i < (c + 1) * plane; i++) image.data[i] = (image.data[i] - mean[c]) / std[c];
  }
  return image;
}

function perChannel(values: readonly number[], channels: number, name: string): number[] {
  checkArgument(values.length === 1 || values.length === channels, () => `${name}: give 1 value or ${channels} (one per input channel), got ${values.length}`);
  return values.length === 1 ? new Array<number>(channels).fill(values[0]) : [...values];
}
