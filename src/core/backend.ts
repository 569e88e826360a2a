/**
 * The swappable numeric kernels. Today the pure-TypeScript loops; a WebAssembly SIMD
 * backend can be installed with `setKernelBackend` (after instantiating it in `ready()`)
 * without any caller changing: the public functions only reach kernels through here.
 */
import type { Conv2dInfo } from "./conv2dInfo";
import { conv2dChannelRange } from "./kernels/conv2dDirect";

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
  ): void;
}

const typeScriptBackend: KernelBackend = { name: "typescript", conv2dChannelRange };

let activeBackend: KernelBackend = typeScriptBackend;

export function kernelBackend(): KernelBackend {
  return activeBackend;
}

/** Installs another backend (null restores the TypeScript one). */
export function setKernelBackend(backend: KernelBackend | null): void {
  activeBackend = backend ?? typeScriptBackend;
}

/** Resolves once the kernels can be called. The TypeScript backend needs no set-up. */
export function ready(): Promise<void> {
  return Promise.resolve();
}
