/** maxPool2d / minPool2d / avgPool2d, contract of spec-format.md §3 (PyTorch 1.13 semantics). */
import { kernelBackend } from "./backend";
import { poolOutputSize } from "../engine/geometry";
import { toPair, type SpatialArgument } from "./kernelArguments";
import { checkArgument, checkTensor3, type Tensor } from "./tensor";
import { allocateFloats } from "./budget/allocationGuard";

export interface MaxPool2dOptions {
  kernel: SpatialArgument;
  /** Default: the kernel. */
  stride?: SpatialArgument;
  padding?: SpatialArgument;
  dilation?: SpatialArgument;
  ceilMode?: boolean;
}

export interface AvgPool2dOptions {
  kernel: SpatialArgument;
  stride?: SpatialArgument;
  padding?: SpatialArgument;
  ceilMode?: boolean;
  countIncludePad?: boolean;
}

export interface Pool2dInfo {
  channels: number; inHeight: number; inWidth: number; outHeight: number; outWidth: number;
  kernelHeight: number; kernelWidth: number; strideHeight: number; strideWidth: number;
  padHeight: number; padWidth: number; dilationHeight: number; dilationWidth: number;
}

export function computePool2dInfo(inputShape: readonly number[], options: MaxPool2dOptions): Pool2dInfo {
  const [channels, inHeight, inWidth] = inputShape;
  const kernel = toPair(options.kernel, "kernel", 1);
  const stride = toPair(options.stride ?? kernel, "stride", 1);
  const padding = toPair(options.padding ?? 0, "padding", 0);
  const dilation = toPair(options.dilation ?? 1, "dilation", 1);
  for (const axis of [0, 1]) {
    checkArgument(padding[axis] <= Math.floor(kernel[axis] / 2), () => `padding: must be at most half the kernel (PyTorch 1.13 rule), got padding ${padding[axis]} for kernel ${kernel[axis]}`);
  }
  const ceilMode = options.ceilMode ?? false;
  const outHeight = poolOutputSize(inHeight, kernel[0], stride[0], padding[0], dilation[0], ceilMode);
  const outWidth = poolOutputSize(inWidth, kernel[1], stride[1], padding[1], dilation[1], ceilMode);
  checkArgument(outHeight >= 1 && outWidth >= 1, () => `kernel: the window ${kernel.join("×")} does not fit the input ${inHeight}×${inWidth} (output would be ${outHeight}×${outWidth}; it must be at least 1×1)`);
  return {
    channels, inHeight, inWidth, outHeight, outWidth, kernelHeight: kernel[0], kernelWidth: kernel[1],
    strideHeight: stride[0], strideWidth: stride[1], padHeight: padding[0], padWidth: padding[1],
    dilationHeight: dilation[0], dilationWidth: dilation[1],
  };
}

/** Max over each (dilated) window; padding never wins. NaN propagates as in PyTorch. */
export function maxPool2d(x: Tensor, options: MaxPool2dOptions): Tensor {
  return extremumPool(x, options, 1);
}

/** Min over each window: −maxPool2d(−x). */
export function minPool2d(x: Tensor, options: MaxPool2dOptions): Tensor {
  return extremumPool(x, options, -1);
}

function extremumPool(x: Tensor, options: MaxPool2dOptions, sign: 1 | -1): Tensor {
  checkTensor3(x, "x");
  const info = computePool2dInfo(x.shape, options);
  const { channels, inHeight, inWidth, outHeight, outWidth } = info;
  const output = allocateFloats(channels * outHeight * outWidth);
  if (sign === 1 && kernelBackend().pool2d?.("max", info, x.data, output, true)) {
    return { shape: [channels, outHeight, outWidth], data: output };
  }
  let index = 0;
  for (let c = 0; c < channels; c++) {
    const inBase = c * inHeight * inWidth;
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox++) {
        let best = -Infinity;
        for (let ky = 0; ky < info.kernelHeight; ky++) {
          const iy = oy * info.strideHeight - info.padHeight + ky * info.dilationHeight;
          if (iy < 0 || iy >= inHeight) continue;
          for (let kx = 0; kx < info.kernelWidth; kx++) {
            const ix = ox * info.strideWidth - info.padWidth + kx * info.dilationWidth;
            if (ix < 0 || ix >= inWidth) continue;
            const value = sign * x.data[inBase + iy * inWidth + ix];
            if (value > best || Number.isNaN(value)) best = value;
          }
        }
        output[index++] = sign * best;
      }
    }
  }
  return { shape: [channels, outHeight, outWidth], data: output };
}

/**
 * Average over each window. The divisor follows PyTorch: with countIncludePad the window
 * clipped to the padded input (a ceil-mode window hanging past the padding counts only up
 * to it), otherwise the number of real input pixels.
 */
export function avgPool2d(x: Tensor, options: AvgPool2dOptions): Tensor {
  checkTensor3(x, "x");
  const info = computePool2dInfo(x.shape, { ...options, dilation: 1 });
  const countIncludePad = options.countIncludePad ?? true;
  const { channels, inHeight, inWidth, outHeight, outWidth } = info;
  const output = allocateFloats(channels * outHeight * outWidth);
  if (kernelBackend().pool2d?.("average", info, x.data, output, countIncludePad)) {
    return { shape: [channels, outHeight, outWidth], data: output };
  }
  let index = 0;
  for (let c = 0; c < channels; c++) {
    const inBase = c * inHeight * inWidth;
    for (let oy = 0; oy < outHeight; oy++) {
      const rowStart = oy * info.strideHeight - info.padHeight;
      const rowEndPadded = Math.min(rowStart + info.kernelHeight, inHeight + info.padHeight);
      const rowFirst = Math.max(rowStart, 0);
      const rowEnd = Math.min(rowEndPadded, inHeight);
      for (let ox = 0; ox < outWidth; ox++) {
        const columnStart = ox * info.strideWidth - info.padWidth;
        const columnEndPadded = Math.min(columnStart + info.kernelWidth, inWidth + info.padWidth);
        const columnFirst = Math.max(columnStart, 0);
        const columnEnd = Math.min(columnEndPadded, inWidth);
        let sum = 0;
        for (let iy = rowFirst; iy < rowEnd; iy++) {
          for (let ix = columnFirst; ix < columnEnd; ix++) sum += x.data[inBase + iy * inWidth + ix];
        }
        const divisor = countIncludePad
          ? (rowEndPadded - rowStart) * (columnEndPadded - columnStart)
          : (rowEnd - rowFirst) * (columnEnd - columnFirst);
        output[index++] = sum / divisor;
      }
    }
  }
  return { shape: [channels, outHeight, outWidth], data: output };
}
