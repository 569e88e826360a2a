/**
 * Separable resampling of a raster into a planar float tensor in [0, 1]: per axis, area
 * averaging when shrinking (every source pixel weighted by its overlap) and bilinear with
 * half-pixel centres (align_corners = false) when growing or keeping the size.
 */
import type { Tensor } from "../tensor";
import type { RasterImage } from "./decode";
import { allocateFloats } from "../budget/allocationGuard";

/** For each output index, the source indices and weights it draws from (CSR layout). */
export interface ResamplePlan {
  offsets: Int32Array;
  indices: Int32Array;
  weights: Float64Array;
}

export function planResample(inputSize: number, outputSize: number): ResamplePlan {
  const taps: { index: number; weight: number }[][] = [];
  const scale = inputSize / outputSize;
  for (let j = 0; j < outputSize; j++) taps.push(scale > 1 ? areaTaps(j, scale, inputSize) : bilinearTaps(j, scale, inputSize));
  const offsets = new Int32Array(outputSize + 1);
  for (let j = 0; j < outputSize; j++) offsets[j + 1] = offsets[j] + taps[j].length;
  const indices = new Int32Array(offsets[outputSize]);
  const weights = new Float64Array(offsets[outputSize]);
  taps.flat().forEach((tap, position) => {
    indices[position] = tap.index;
    weights[position] = tap.weight;
  });
  return { offsets, indices, weights };
}

function areaTaps(j: number, scale: number, inputSize: number): { index: number; weight: number }[] {
  const start = j * scale;
  const end = Math.min((j + 1) * scale, inputSize);
  const taps = [];
  for (let i = Math.floor(start); i < end; i++) {
    const overlap = Math.min(i + 1, end) - Math.max(i, start);
    if (overlap > 1e-12) taps.push({ index: i, weight: overlap / (end - start) });
  }
  return taps;
}

function bilinearTaps(j: number, scale: number, inputSize: number): { index: number; weight: number }[] {
  const source = Math.min(Math.max((j + 0.5) * scale - 0.5, 0), inputSize - 1);
  const lower = Math.floor(source);
  const fraction = source - lower;
  if (fraction === 0 || lower + 1 >= inputSize) return [{ index: lower, weight: 1 }];
  return [{ index: lower, weight: 1 - fraction }, { index: lower + 1, weight: fraction }];
}

/** The raster's colour channels resized to height×width: [colorChannels, height, width] in [0, 1]. */
export function resizeRaster(image: RasterImage, height: number, width: number): Tensor {
  const channels = image.colorChannels;
  const columns = planResample(image.width, width);
  const rows = planResample(image.height, height);
  const horizontal = allocateFloats(channels * image.height * width);
  for (let y = 0; y < image.height; y++) {
    const rowBase = y * image.width;
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let tap = columns.offsets[x]; tap < columns.offsets[x + 1]; tap++) {
          sum += columns.weights[tap] * image.data[(rowBase + columns.indices[tap]) * image.stride + c];
        }
        horizontal[(c * image.height + y) * width + x] = sum;
      }
    }
  }
  const output = allocateFloats(channels * height * width);
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < height; y++) {
      for (let tap = rows.offsets[y]; tap < rows.offsets[y + 1]; tap++) {
        const weight = rows.weights[tap] / image.maxValue;
        const sourceRow = (c * image.height + rows.indices[tap]) * width;
        const outputRow = (c * height + y) * width;
        for (let x = 0; x < width; x++) output[outputRow + x] += weight * horizontal[sourceRow + x];
      }
    }
  }
  return { shape: [channels, height, width], data: output };
}
