/** Adaptive and global pools (PyTorch AdaptiveAvgPool2d / AdaptiveMaxPool2d windows). */
import { toPair, type SpatialArgument } from "./kernelArguments";
import { checkTensor3, type Tensor } from "./tensor";
import { allocateFloats } from "./budget/allocationGuard";

/** Window of output index i over an input of `input` cells: [floor(i·in/out), ceil((i+1)·in/out)). */
export function adaptiveWindow(index: number, input: number, output: number): [number, number] {
  return [Math.floor((index * input) / output), Math.ceil(((index + 1) * input) / output)];
}

export function adaptiveAvgPool2d(x: Tensor, outputSize: SpatialArgument): Tensor {
  return adaptivePool(x, outputSize, averageWindow);
}

export function adaptiveMaxPool2d(x: Tensor, outputSize: SpatialArgument): Tensor {
  return adaptivePool(x, outputSize, maximumWindow);
}

/** Mean of every channel: [C, 1, 1]. */
export function globalAvgPool2d(x: Tensor): Tensor {
  return adaptiveAvgPool2d(x, 1);
}

/** Max of every channel: [C, 1, 1]. */
export function globalMaxPool2d(x: Tensor): Tensor {
  return adaptiveMaxPool2d(x, 1);
}

type WindowReducer = (data: Float32Array, base: number, width: number, rows: [number, number], columns: [number, number]) => number;

function adaptivePool(x: Tensor, outputSize: SpatialArgument, reduce: WindowReducer): Tensor {
  const { channels, height, width } = checkTensor3(x, "x");
  const [outHeight, outWidth] = toPair(outputSize, "outputSize", 1);
  const output = allocateFloats(channels * outHeight * outWidth);
  let index = 0;
  for (let c = 0; c < channels; c++) {
    for (let oy = 0; oy < outHeight; oy++) {
      const rows = adaptiveWindow(oy, height, outHeight);
      for (let ox = 0; ox < outWidth; ox++) {
        output[index++] = reduce(x.data, c * height * width, width, rows, adaptiveWindow(ox, width, outWidth));
      }
    }
  }
  return { shape: [channels, outHeight, outWidth], data: output };
}

function averageWindow(data: Float32Array, base: number, width: number, rows: [number, number], columns: [number, number]): number {
  let sum = 0;
  for (let y = rows[0]; y < rows[1]; y++) {
    for (let x = columns[0]; x < columns[1]; x++) sum += data[base + y * width + x];
  }
  return sum / ((rows[1] - rows[0]) * (columns[1] - columns[0]));
}

function maximumWindow(data: Float32Array, base: number, width: number, rows: [number, number], columns: [number, number]): number {
  let best = -Infinity;
  for (let y = rows[0]; y < rows[1]; y++) {
    for (let x = columns[0]; x < columns[1]; x++) {
      const value = data[base + y * width + x];
      if (value > best || Number.isNaN(value)) best = value;
    }
  }
  return best;
}
