/**
 * The swappable numeric kernels. The pure-TypeScript loops are always available; `ready()`
 * instantiates the WebAssembly SIMD kernels (relaxed SIMD when the runtime validates it,
 * plain 128-bit SIMD otherwise) and installs them. Callers reach kernels only through
 * `kernelBackend()`, so the swap changes no caller.
 */
import type { Conv2dInfo } from "./conv2dInfo";
import type { ConvFollowers } from "./convFollowers";
import { conv2dChannelRange } from "./kernels/conv2dDirect";
export { declareConstantWeights, isConstantWeights } from "./kernels/constantWeights";
import type { Pool2dInfo } from "./pool2d";
import { createBestWasmBackend } from "./wasm/wasmBackend";

/** Raw sums of a tensor's values (runner/stats.ts turns them into TensorStats). */
export interface TensorSums {
  /** Over the finite values, by `<` and `>` (Infinity / −Infinity when there are none). */
  minimum: number;
  maximum: number;
  /** In element order, in double precision. */
  sum: number;
  sumOfSquares: number;
  zeros: number;
  negatives: number;
  nonFinite: number;
}

export interface KernelBackend {
  readonly name: string;
  /** See kernels/conv2dDirect.ts for the argument contract. */
  conv2dChannelRange(
    info: Conv2dInfo,
    input: Float32Array,
    weights: Float32Array,
    bias: Float32Array | null,
    output: Float32Array,
    outStart: number,
    outEnd: number,
    relu?: boolean,
    /** The previous call was on the same input array, unchanged since (staged input may be reused). */
    inputUnchanged?: boolean,
    /** Batch norm and relu outputs to write too, for these channels (honoured with `fusesFollowers`). */
    followers?: ConvFollowers,
  ): void;
  /**
   * True when conv2dChannelRange also accepts an unpadded input with padding in `info`
   * (it pads while staging); otherwise callers pad first (kernels/padInput.ts).
   */
  readonly padsItself?: boolean;
  /**
   * True when conv2dChannelRange honours `relu` (applies activations.ts's relu to the
   * output, fused); otherwise callers pass no `relu` (or false) and apply it themselves.
   */
  readonly fusesRelu?: boolean;
  /**
   * True when conv2dChannelRange writes `followers` (convFollowers.ts) in its output pass;
   * otherwise callers apply them (applyFollowers) after each call.
   */
  readonly fusesFollowers?: boolean;
  /**
   * Max or average pooling of input ([C, H, W] data, geometry `info`) into output; returns
   * false when this backend does not handle the geometry (the caller's loop then runs).
   */
  pool2d?(kind: "max" | "average", info: Pool2dInfo, input: Float32Array, output: Float32Array, countIncludePad: boolean): boolean;
  /** The sums of runner/stats.ts, exactly as its loop computes them. */
  tensorSums?(values: Float32Array): TensorSums;
  /**
   * Writes the leading values of weights/prng.ts's fillUniform(target, seed, first, bound),
   * bit for bit, and returns how many (the caller computes the rest).
   */
  fillUniform?(target: Float32Array, seed: number, first: number, bound: number): number;
}

export const typeScriptBackend: KernelBackend = { name: "typescript", conv2dChannelRange };

let activeBackend: KernelBackend = typeScriptBackend;
let readyPromise: Promise<void> | null = null;

export function kernelBackend(): KernelBackend {
  return activeBackend;
}

/** Installs another backend (null restores the TypeScript one). */
export function setKernelBackend(backend: KernelBackend | null): void {
  activeBackend = backend ?? typeScriptBackend;
}

/**
 * Resolves once the fastest available kernels are installed (once; later calls share the
 * promise). Without WebAssembly SIMD, or if instantiation fails, the TypeScript kernels stay.
 */
export function ready(): Promise<void> {
  readyPromise ??= createBestWasmBackend().then(
    (backend) => {
      if (backend !== null && activeBackend === typeScriptBackend) activeBackend = backend;
    },
    () => undefined,
  );
  return readyPromise;
}
