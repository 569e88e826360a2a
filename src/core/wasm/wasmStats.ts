/** Layer-output statistics on the WebAssembly `stats` kernel (same numbers as runner/stats.ts). */
import type { TensorSums } from "../backend";
import { Layout } from "./wasmConv";
import type { WasmKernels } from "./wasmInstance";

export function wasmTensorSums(kernels: WasmKernels, values: Float32Array): TensorSums {
  const layout = new Layout();
  const valuesAt = layout.take(4 * values.length);
  const resultAt = layout.take(48);
  const { float32, int32 } = kernels.reserve(layout.end);
  kernels.stagedInput = null;
  float32.set(values, valuesAt / 4);
  kernels.exports.stats(valuesAt, values.length, resultAt);
  const doubles = new Float64Array(float32.buffer, resultAt, 4);
  return {
    minimum: doubles[0], maximum: doubles[1], sum: doubles[2], sumOfSquares: doubles[3],
    zeros: int32[resultAt / 4 + 8], negatives: int32[resultAt / 4 + 9], nonFinite: int32[resultAt / 4 + 10],
  };
}
