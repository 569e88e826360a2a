/**
 * Max and average pooling on the WebAssembly kernels, separably: per output row a vertical
 * pass reduces the window's input rows into a scratch row padded left and right (−∞ for
 * max, 0 for average), then a horizontal pass reduces each window of that row, 4 outputs
 * per vector, at stride 1 or 2 (stride 2 deinterleaves with a shuffle). Other horizontal
 * strides return false so the caller keeps its TypeScript loop. The loop over planes and
 * output rows runs in wasm too (poolPlanes*), from a table of each output row's window; the
 * common max pools have unrolled passes (poolPlanesFor).
 */
import type { Pool2dInfo } from "../pool2d";
import { Layout } from "./wasmConv";
import type { KernelExports, WasmKernels } from "./wasmInstance";

export type PoolKind = "max" | "average";

/** Whether the kernels handle this geometry. */
export function wasmPoolSupports(info: Pool2dInfo): boolean {
  return info.strideWidth === 1 || info.strideWidth === 2;
}

/**
 * Pools x ([C, H, W] data) into output ([C, H', W'] data). For "average", `countIncludePad`
 * picks PyTorch's divisor and dilation must be 1.
 */
export function wasmPool2d(
  kernels: WasmKernels, kind: PoolKind, info: Pool2dInfo, input: Float32Array, output: Float32Array, countIncludePad = true,
): void {
  const { channels, inHeight, inWidth, outHeight, outWidth, kernelWidth, strideWidth, padWidth } = info;
  const inputVectors = Math.ceil(inWidth / 4);
  const outputVectors = Math.ceil(outWidth / 4);
  const rowFloats = padWidth + outputVectors * 4 * strideWidth + (kernelWidth - 1) * info.dilationWidth + 8;
  const layout = new Layout();
  const inputAt = layout.take(4 * (input.length + 8));
  const scratchAt = layout.take(4 * Math.max(rowFloats, padWidth + inputVectors * 4 + 4));
  const divisorsAt = layout.take(4 * outputVectors * 4);
  const outputAt = layout.take(4 * (output.length + 8));
  const windowsAt = layout.take(12 * outHeight);
  const { float32, int32 } = kernels.reserve(layout.end);
  kernels.stagedInput = null;
  float32.set(input, inputAt / 4);
  const pad = kind === "max" ? -Infinity : 0;
  float32.fill(pad, scratchAt / 4, divisorsAt / 4);
  const columns = columnWindows(info, countIncludePad);
  float32.set(columns.divisors, divisorsAt / 4);
  for (let oy = 0; oy < outHeight; oy++) {
    const window = rowWindow(info, oy, countIncludePad);
    int32[windowsAt / 4 + 3 * oy] = 4 * Math.max(0, window.firstRow) * inWidth;
    int32[windowsAt / 4 + 3 * oy + 1] = window.rows;
    float32[windowsAt / 4 + 3 * oy + 2] = window.divisor;
  }
  const poolPlanes = poolPlanesFor(kernels.exports, kind, info);
  const tailAt = scratchAt + 4 * (padWidth + inWidth);
  poolPlanes(
    inputAt, channels, 4 * inHeight * inWidth, windowsAt, outHeight, 4 * info.dilationHeight * inWidth,
    scratchAt, 4 * padWidth, inputVectors, tailAt, pad, kernelWidth, 4 * info.dilationWidth,
    outputAt, 4 * outWidth, outputVectors, divisorsAt,
  );
  output.set(float32.subarray(outputAt / 4, outputAt / 4 + output.length));
}

/**
 * The plane driver for this geometry: max pools of windows up to 3 rows high and 2 or 3
 * columns wide, undilated across, at stride 2 across (ResNet's 3×3 s2, VGG's 2×2 s2) take
 * the unrolled passes; every other geometry the general ones.
 */
function poolPlanesFor(exports: KernelExports, kind: PoolKind, info: Pool2dInfo): KernelExports["poolPlanesMax1"] {
  const { kernelHeight, kernelWidth, strideWidth, dilationWidth } = info;
  if (kind === "max" && kernelHeight <= 3 && strideWidth === 2 && dilationWidth === 1) {
    if (kernelWidth === 3) return exports.poolPlanesMaxWindow3Stride2;
    if (kernelWidth === 2) return exports.poolPlanesMaxWindow2Stride2;
  }
  if (kind === "max") return strideWidth === 1 ? exports.poolPlanesMax1 : exports.poolPlanesMax2;
  return strideWidth === 1 ? exports.poolPlanesAverage1 : exports.poolPlanesAverage2;
}

/** The input rows of output row oy (first, count, dilation apart) and its average divisor. */
function rowWindow(info: Pool2dInfo, oy: number, countIncludePad: boolean): { firstRow: number; rows: number; divisor: number } {
  const start = oy * info.strideHeight - info.padHeight;
  let rows = 0;
  let firstRow = -1;
  for (let ky = 0; ky < info.kernelHeight; ky++) {
    const row = start + ky * info.dilationHeight;
    if (row < 0 || row >= info.inHeight) continue;
    if (firstRow < 0) firstRow = row;
    rows++;
  }
  const endPadded = Math.min(start + info.kernelHeight, info.inHeight + info.padHeight);
  const divisor = countIncludePad ? endPadded - start : Math.min(endPadded, info.inHeight) - Math.max(start, 0);
  return { firstRow, rows, divisor };
}

/** Per output column, the average divisor's column factor (1 where unused). */
function columnWindows(info: Pool2dInfo, countIncludePad: boolean): { divisors: Float32Array } {
  const divisors = new Float32Array(Math.ceil(info.outWidth / 4) * 4).fill(1);
  for (let ox = 0; ox < info.outWidth; ox++) {
    const start = ox * info.strideWidth - info.padWidth;
    const endPadded = Math.min(start + info.kernelWidth, info.inWidth + info.padWidth);
    divisors[ox] = countIncludePad ? endPadded - start : Math.min(endPadded, info.inWidth) - Math.max(start, 0);
  }
  return { divisors };
}
