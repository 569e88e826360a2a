/**
 * Naive reference kernels: direct loops straight from the definitions, no hoisting, no
 * blocking. The oracles the shipped kernels are compared with on random shapes.
 */
import type { Tensor } from "../../../src/core";

export interface ReferenceConvOptions {
  stride: [number, number];
  /** [top, bottom, left, right] */
  padding: [number, number, number, number];
  dilation: [number, number];
  groups: number;
  flip: boolean;
}

function at(tensor: Tensor, ...indices: number[]): number {
  let offset = 0;
  for (let axis = 0; axis < indices.length; axis++) offset = offset * tensor.shape[axis] + indices[axis];
  return tensor.data[offset];
}

export function referenceConv2d(x: Tensor, weight: Tensor, bias: Float32Array | null, options: ReferenceConvOptions): Tensor {
  const [channels, height, width] = x.shape;
  const [outChannels, perGroup, kernelHeight, kernelWidth] = weight.shape;
  const [top, bottom, left, right] = options.padding;
  const outHeight = Math.floor((height + top + bottom - options.dilation[0] * (kernelHeight - 1) - 1) / options.stride[0]) + 1;
  const outWidth = Math.floor((width + left + right - options.dilation[1] * (kernelWidth - 1) - 1) / options.stride[1]) + 1;
  const output: number[] = [];
  for (let o = 0; o < outChannels; o++) {
    const group = Math.floor(o / (outChannels / options.groups));
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox++) {
        let sum = bias ? bias[o] : 0;
        for (let c = 0; c < perGroup; c++) {
          for (let ky = 0; ky < kernelHeight; ky++) {
            for (let kx = 0; kx < kernelWidth; kx++) {
              const iy = oy * options.stride[0] - top + ky * options.dilation[0];
              const ix = ox * options.stride[1] - left + kx * options.dilation[1];
              if (iy < 0 || iy >= height || ix < 0 || ix >= width) continue;
              const wy = options.flip ? kernelHeight - 1 - ky : ky;
              const wx = options.flip ? kernelWidth - 1 - kx : kx;
              sum += at(x, group * perGroup + c, iy, ix) * at(weight, o, c, wy, wx);
            }
          }
        }
        output.push(sum);
      }
    }
  }
  void channels;
  return { shape: [outChannels, outHeight, outWidth], data: Float32Array.from(output) };
}

export interface ReferenceConvTransposeOptions {
  stride: [number, number];
  padding: [number, number];
  outputPadding: [number, number];
  dilation: [number, number];
  groups: number;
}

/** Gather form: output (oy, ox) collects every input pixel whose scattered tap lands on it. */
export function referenceConvTranspose2d(
  x: Tensor, weight: Tensor, bias: Float32Array | null, options: ReferenceConvTransposeOptions,
): Tensor {
  const [channels, height, width] = x.shape;
  const [, outPerGroup, kernelHeight, kernelWidth] = weight.shape;
  const outChannels = outPerGroup * options.groups;
  const inPerGroup = channels / options.groups;
  const outHeight =
    (height - 1) * options.stride[0] - 2 * options.padding[0] + options.dilation[0] * (kernelHeight - 1) + options.outputPadding[0] + 1;
  const outWidth =
    (width - 1) * options.stride[1] - 2 * options.padding[1] + options.dilation[1] * (kernelWidth - 1) + options.outputPadding[1] + 1;
  const output: number[] = [];
  for (let o = 0; o < outChannels; o++) {
    const group = Math.floor(o / outPerGroup);
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox++) {
        let sum = bias ? bias[o] : 0;
        for (let c = group * inPerGroup; c < (group + 1) * inPerGroup; c++) {
          for (let ky = 0; ky < kernelHeight; ky++) {
            for (let kx = 0; kx < kernelWidth; kx++) {
              const numeratorY = oy + options.padding[0] - ky * options.dilation[0];
              const numeratorX = ox + options.padding[1] - kx * options.dilation[1];
              if (numeratorY % options.stride[0] !== 0 || numeratorX % options.stride[1] !== 0) continue;
              const iy = numeratorY / options.stride[0];
              const ix = numeratorX / options.stride[1];
              if (iy < 0 || iy >= height || ix < 0 || ix >= width) continue;
              sum += at(x, c, iy, ix) * at(weight, c, o % outPerGroup, ky, kx);
            }
          }
        }
        output.push(sum);
      }
    }
  }
  return { shape: [outChannels, outHeight, outWidth], data: Float32Array.from(output) };
}

export interface ReferencePoolOptions {
  kernel: [number, number];
  stride: [number, number];
  padding: [number, number];
  dilation: [number, number];
  ceilMode: boolean;
  countIncludePad: boolean;
}

function referencePoolSize(input: number, kernel: number, stride: number, padding: number, dilation: number, ceilMode: boolean): number {
  const numerator = input + 2 * padding - dilation * (kernel - 1) - 1;
  let size = (ceilMode ? Math.ceil(numerator / stride) : Math.floor(numerator / stride)) + 1;
  if (ceilMode && (size - 1) * stride >= input + padding) size--;
  return size;
}

/** kind "max" | "min" | "avg"; for avg, dilation must be [1, 1]. */
export function referencePool2d(x: Tensor, kind: "max" | "min" | "avg", options: ReferencePoolOptions): Tensor {
  const [channels, height, width] = x.shape;
  const outHeight = referencePoolSize(
    height, options.kernel[0], options.stride[0], options.padding[0], options.dilation[0], options.ceilMode,
  );
  const outWidth = referencePoolSize(
    width, options.kernel[1], options.stride[1], options.padding[1], options.dilation[1], options.ceilMode,
  );
  const output: number[] = [];
  for (let c = 0; c < channels; c++) {
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox++) {
        const values: number[] = [];
        let paddedCount = 0;
        for (let ky = 0; ky < options.kernel[0]; ky++) {
          for (let kx = 0; kx < options.kernel[1]; kx++) {
            const iy = oy * options.stride[0] - options.padding[0] + ky * options.dilation[0];
            const ix = ox * options.stride[1] - options.padding[1] + kx * options.dilation[1];
            const insidePadded = iy < height + options.padding[0] && ix < width + options.padding[1];
            if (insidePadded) paddedCount++;
            if (iy >= 0 && iy < height && ix >= 0 && ix < width) values.push(at(x, c, iy, ix));
          }
        }
        if (kind === "max") output.push(Math.max(...values));
        else if (kind === "min") output.push(Math.min(...values));
        else output.push(values.reduce((a, b) => a + b, 0) / (options.countIncludePad ? paddedCount : values.length));
      }
    }
  }
  return { shape: [channels, outHeight, outWidth], data: Float32Array.from(output) };
}

/** A small seeded generator for test data (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomTensor(random: () => number, shape: number[]): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return { shape, data: Float32Array.from({ length: size }, () => random() * 2 - 1) };
}
