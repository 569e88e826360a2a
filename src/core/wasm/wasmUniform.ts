/** Preview-weight generation on the WebAssembly `fillUniform` kernel (values identical to weights/prng.ts). */
import type { WasmKernels } from "./wasmInstance";

/** Floats generated per kernel call (bounds the scratch memory it needs: 4 MB). */
const PIECE_FLOATS = 1024 * 1024;
const TWO_TO_32 = 0x100000000;

/**
 * Fills the leading values of target (stream indices first, first + 1, …) as fillUniform
 * does and returns how many: a multiple of 4, and 0 unless all indices are below 2³².
 */
export function wasmFillUniform(kernels: WasmKernels, target: Float32Array, seed: number, first: number, bound: number): number {
  if (!Number.isInteger(first) || first < 0 || first + target.length > TWO_TO_32) return 0;
  const total = target.length - (target.length % 4);
  for (let done = 0; done < total; done += PIECE_FLOATS) {
    const count = Math.min(PIECE_FLOATS, total - done);
    const { float32 } = kernels.reserve(4 * count);
    kernels.stagedInput = null;
    kernels.exports.fillUniform(0, count / 4, seed | 0, (first + done) | 0, bound);
    target.set(float32.subarray(0, count), done);
  }
  return total;
}
