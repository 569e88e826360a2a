/** Feature maps for display: one channel → 8-bit gray, normalised per channel, and PNG encoding. */
import { encode as encodePngImage } from "fast-png";
import { checkArgument, checkTensor3, type Tensor } from "../tensor";
import { planResample, type ResamplePlan } from "./resize";
import { allocateFloats, releaseFloats } from "../budget/allocationGuard";

export interface GrayImage {
  width: number;
  height: number;
  /** Row-major 8-bit gray: the channel's minimum maps to 0, its maximum to 255. */
  pixels: Uint8Array;
  /** Range of the displayed values (constant maps show black). */
  minimum: number;
  maximum: number;
}

/** Display size keeping the aspect ratio with at most `maxPixels` pixels and `maxSide` pixels a side. */
export function displaySize(height: number, width: number, maxPixels: number, maxSide = Infinity): [number, number] {
  if (height * width <= maxPixels && height <= maxSide && width <= maxSide) return [height, width];
  const scale = Math.min(Math.sqrt(maxPixels / (height * width)), maxSide / height, maxSide / width);
  return [Math.max(1, Math.floor(height * scale)), Math.max(1, Math.floor(width * scale))];
}

/** Channel `channel` of a [C,H,W] tensor, area-downsampled to ≤ maxPixels (and ≤ maxSide a side), as 8-bit gray. */
export function channelToGray8(tensor: Tensor, channel: number, maxPixels = Infinity, maxSide = Infinity): GrayImage {
  const { channels, height, width } = checkTensor3(tensor, "tensor");
  checkArgument(Number.isInteger(channel) && channel >= 0 && channel < channels, () => `channel: must be an integer in [0, ${channels}), got ${channel}`);
  const plane = tensor.data.subarray(channel * height * width, (channel + 1) * height * width);
  const [displayHeight, displayWidth] = displaySize(height, width, maxPixels, maxSide);
  const values = displayHeight === height && displayWidth === width
    ? plane
    : resamplePlane(plane, height, width, displayHeight, displayWidth);
  const gray = toGray8(values);
  if (values !== plane) releaseFloats(values);
  return { width: displayWidth, height: displayHeight, ...gray };
}

function toGray8(values: Float32Array): { pixels: Uint8Array; minimum: number; maximum: number } {
  let minimum = Infinity;
  let maximum = -Infinity;
  // Indexed loops: V8 runs for-of over a Float32Array several times slower (a hot spot of previews).
  const count = values.length;
  for (let i = 0; i < count; i++) {
    const value = values[i];
    if (value < minimum) minimum = value;
    if (value > maximum) maximum = value;
  }
  const pixels = new Uint8Array(count);
  const range = maximum - minimum;
  if (range > 0 && Number.isFinite(range)) {
    for (let i = 0; i < count; i++) pixels[i] = Math.round(((values[i] - minimum) / range) * 255);
  }
  return { pixels, minimum, maximum };
}

/** Resamples one float plane (area when shrinking, bilinear when growing). */
export function resamplePlane(plane: Float32Array, height: number, width: number, outHeight: number, outWidth: number): Float32Array {
  const columns = planResample(width, outWidth);
  const rows = planResample(height, outHeight);
  const horizontal = allocateFloats(height * outWidth);
  for (let y = 0; y < height; y++) applyPlan(columns, plane, y * width, 1, horizontal, y * outWidth, 1);
  const output = allocateFloats(outHeight * outWidth);
  for (let x = 0; x < outWidth; x++) applyPlan(rows, horizontal, x, outWidth, output, x, outWidth);
  releaseFloats(horizontal);
  return output;
}

function applyPlan(
  plan: ResamplePlan, source: Float32Array, sourceBase: number, sourceStep: number, target: Float32Array, targetBase: number,
  targetStep: number,
): void {
  const count = plan.offsets.length - 1;
  for (let j = 0; j < count; j++) {
    let sum = 0;
    for (let tap = plan.offsets[j]; tap < plan.offsets[j + 1]; tap++) {
      sum += plan.weights[tap] * source[sourceBase + plan.indices[tap] * sourceStep];
    }
    target[targetBase + j * targetStep] = sum;
  }
}

/** PNG bytes of an 8-bit gray image (for test artefacts and exports). */
export function encodeGrayPng(image: { width: number; height: number; pixels: Uint8Array }): Uint8Array {
  return encodePngImage({ width: image.width, height: image.height, data: image.pixels, channels: 1, depth: 8 });
}

/** PNG bytes of 8-bit interleaved RGB pixels. */
export function encodeRgbPng(width: number, height: number, pixels: Uint8Array): Uint8Array {
  checkArgument(pixels.length === width * height * 3, () => `pixels: expected ${width * height * 3} RGB bytes, got ${pixels.length}`);
  return encodePngImage({ width, height, data: pixels, channels: 3, depth: 8 });
}
