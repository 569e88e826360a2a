/**
 * upsample2d: PyTorch 1.13 nn.Upsample / F.interpolate on a [C, H, W] tensor, modes
 * "nearest" (upsample_nearest2d) and "bilinear" (upsample_bilinear2d), CPU float32.
 *
 * The source coordinates are computed as aten does (UpSample.h, UpSampleKernel.cpp), in
 * float32 where aten uses `float`, so the chosen pixels and weights are torch's:
 *   coordinate scale  = align corners: (in − 1)/(out − 1); else 1/scaleFactor when a scale
 *                       factor was given (recompute_scale_factor=None), else in/out
 *                       (area_pixel_compute_scale; align corners with out = 1: 0)
 *   nearest source    = min(⌊scale · dst⌋, in − 1)
 *   bilinear source   = align corners: scale · dst; else max(0, scale · (dst + 0.5) − 0.5),
 *                       between pixels ⌊src⌋ and min(⌊src⌋ + 1, in − 1), weight src − ⌊src⌋
 *                       (out = in copies, whatever the scale factor).
 * Nearest on a one-channel tensor: torch 1.13 sees [1, 1, H, W] as channels-last contiguous
 * and takes its channels-last kernel, whose nearest_idx copies when out = in and halves the
 * index when out = 2·in, before the float formula; with C > 1 it always uses the formula.
 * The two differ (e.g. H = 3, scale 2.3 → out 6: rows 0,0,1,1,2,2 vs 0,0,0,1,1,2), and the
 * kernel follows torch in both. The blend is computed in double (torch: float), within
 * a few float ulps of torch.
 */
import { checkArgument, checkTensor3, type Tensor } from "./tensor";
import { allocateFloats } from "./budget/allocationGuard";
import type { UpsampleMode } from "../engine/layers/upsample";

export interface Upsample2dOptions {
  mode: UpsampleMode;
  /** [height, width] of the output (upsampleOutputSize). */
  outputSize: readonly [number, number];
  /**
   * The scale factors the layer gave ([height, width]), or undefined when it gave `size`
   * (coordinateScaleFactors): torch maps coordinates with 1/scaleFactor, not in/out.
   */
  scaleFactor?: readonly [number, number];
  /** Bilinear only (default false). */
  alignCorners?: boolean;
}

/** Per output index along one axis: two source indices and their weights. */
interface AxisSamples {
  first: Int32Array;
  second: Int32Array;
  firstWeight: Float64Array;
  secondWeight: Float64Array;
}

export function upsample2d(x: Tensor, options: Upsample2dOptions): Tensor {
  const { channels, height, width } = checkTensor3(x, "x");
  const [outHeight, outWidth] = options.outputSize;
  for (const size of options.outputSize) {
    checkArgument(Number.isInteger(size) && size >= 1, () => `outputSize: must be integers ≥ 1, got [${options.outputSize.join(", ")}]`);
  }
  for (const factor of options.scaleFactor ?? []) {
    checkArgument(Number.isFinite(factor) && factor > 0, () => `scaleFactor: must be positive, got [${options.scaleFactor?.join(", ")}]`);
  }
  const alignCorners = options.alignCorners ?? false;
  checkArgument(options.mode === "bilinear" || !alignCorners, () => "alignCorners: only for bilinear upsampling");
  const output = allocateFloats(channels * outHeight * outWidth, "upsample2d output");
  if (options.mode === "nearest") {
    const channelsLast = channels === 1;
    const rows = nearestIndices(height, outHeight, options.scaleFactor?.[0], channelsLast);
    const columns = nearestIndices(width, outWidth, options.scaleFactor?.[1], channelsLast);
    fillNearest(x.data, output, channels, width, rows, columns);
  } else {
    const rows = bilinearSamples(height, outHeight, options.scaleFactor?.[0], alignCorners);
    const columns = bilinearSamples(width, outWidth, options.scaleFactor?.[1], alignCorners);
    fillBilinear(x.data, output, channels, height, width, rows, columns);
  }
  return { shape: [channels, outHeight, outWidth], data: output };
}

/** compute_scales_value<float>: (float)(1/scaleFactor) when given, else (float)in / out. */
export function coordinateScale(input: number, output: number, scaleFactor: number | undefined): number {
  return scaleFactor !== undefined && scaleFactor > 0 ? Math.fround(1 / scaleFactor) : Math.fround(input / output);
}

/** area_pixel_compute_scale<float> (1.13: the out = 1 special case is for align corners only). */
export function areaPixelScale(input: number, output: number, alignCorners: boolean, scaleFactor: number | undefined): number {
  if (!alignCorners) return coordinateScale(input, output, scaleFactor);
  return output > 1 ? Math.fround((input - 1) / (output - 1)) : 0;
}

/** Source row (or column) of every output index in nearest mode. */
export function nearestIndices(input: number, output: number, scaleFactor: number | undefined, channelsLastKernel: boolean): Int32Array {
  const indices = new Int32Array(output);
  const scale = channelsLastKernel ? coordinateScale(input, output, scaleFactor) : areaPixelScale(input, output, false, scaleFactor);
  for (let index = 0; index < output; index++) {
    if (channelsLastKernel && output === input) indices[index] = index;
    else if (channelsLastKernel && output === 2 * input) indices[index] = index >> 1;
    else indices[index] = Math.min(Math.floor(Math.fround(scale * index)), input - 1);
  }
  return indices;
}

/** compute_source_index_and_lambda<float> for every output index. */
export function bilinearSamples(input: number, output: number, scaleFactor: number | undefined, alignCorners: boolean): AxisSamples {
  const samples: AxisSamples = {
    first: new Int32Array(output),
    second: new Int32Array(output),
    firstWeight: new Float64Array(output),
    secondWeight: new Float64Array(output),
  };
  const scale = areaPixelScale(input, output, alignCorners, scaleFactor);
  for (let index = 0; index < output; index++) {
    if (output === input) {
      samples.first[index] = index;
      samples.second[index] = index;
      samples.firstWeight[index] = 1;
      continue;
    }
    const source = bilinearSourceCoordinate(scale, index, alignCorners);
    const first = Math.floor(source);
    const weight = Math.fround(source - first);
    samples.first[index] = first;
    samples.second[index] = first < input - 1 ? first + 1 : first;
    samples.secondWeight[index] = weight;
    samples.firstWeight[index] = Math.fround(1 - weight);
  }
  return samples;
}

/**
 * area_pixel_compute_source_index<float> (non-cubic): scale·dst, or scale·(dst + 0.5) − 0.5
 * evaluated in double (the 0.5 literals are doubles) and stored as float, clamped at 0.
 */
export function bilinearSourceCoordinate(scale: number, index: number, alignCorners: boolean): number {
  if (alignCorners) return Math.fround(scale * index);
  const source = Math.fround(scale * (index + 0.5) - 0.5);
  return source < 0 ? 0 : source;
}

function fillNearest(
  input: Float32Array, output: Float32Array, channels: number, width: number, rows: Int32Array, columns: Int32Array,
): void {
  const height = input.length / (channels * width);
  let outIndex = 0;
  for (let channel = 0; channel < channels; channel++) {
    const base = channel * height * width;
    for (const row of rows) {
      const rowBase = base + row * width;
      for (const column of columns) output[outIndex++] = input[rowBase + column];
    }
  }
}

function fillBilinear(
  input: Float32Array, output: Float32Array, channels: number, height: number, width: number, rows: AxisSamples, columns: AxisSamples,
): void {
  const outHeight = rows.first.length;
  const outWidth = columns.first.length;
  let outIndex = 0;
  for (let channel = 0; channel < channels; channel++) {
    const base = channel * height * width;
    for (let outRow = 0; outRow < outHeight; outRow++) {
      const topBase = base + rows.first[outRow] * width;
      const bottomBase = base + rows.second[outRow] * width;
      const topWeight = rows.firstWeight[outRow];
      const bottomWeight = rows.secondWeight[outRow];
      for (let outColumn = 0; outColumn < outWidth; outColumn++) {
        const left = columns.first[outColumn];
        const right = columns.second[outColumn];
        const leftWeight = columns.firstWeight[outColumn];
        const rightWeight = columns.secondWeight[outColumn];
        const top = input[topBase + left] * leftWeight + input[topBase + right] * rightWeight;
        const bottom = input[bottomBase + left] * leftWeight + input[bottomBase + right] * rightWeight;
        output[outIndex++] = top * topWeight + bottom * bottomWeight;
      }
    }
  }
}
