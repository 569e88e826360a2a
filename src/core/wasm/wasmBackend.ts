/** The WebAssembly kernel backend: conv2d and pools on the generated SIMD kernels. */
import type { KernelBackend } from "../backend";
import { wasmConv2dChannelRange } from "./wasmConv";
import { instantiateKernels, instantiateKernelsSync, supportedFlavours, type KernelFlavour, type WasmKernels } from "./wasmInstance";
import { wasmPool2d, wasmPoolSupports } from "./wasmPool";

export function wasmBackend(kernels: WasmKernels): KernelBackend {
  return {
    name: `wasm-${kernels.flavour}-simd`,
    conv2dChannelRange: (info, input, weights, bias, output, outStart, outEnd) =>
      wasmConv2dChannelRange(kernels, info, input, weights, bias, output, outStart, outEnd),
    pool2d: (kind, info, input, output, countIncludePad) => {
      if (!wasmPoolSupports(info)) return false;
      wasmPool2d(kernels, kind, info, input, output, countIncludePad);
      return true;
    },
  };
}

/** The best backend this runtime supports (relaxed, then plain SIMD), or null without SIMD. */
export async function createBestWasmBackend(): Promise<KernelBackend | null> {
  const [best] = supportedFlavours();
  return best === undefined ? null : wasmBackend(await instantiateKernels(best));
}

/** A backend of one flavour, synchronously (tests and benchmarks); throws when unsupported. */
export function createWasmBackendSync(flavour: KernelFlavour): KernelBackend {
  if (!supportedFlavours().includes(flavour)) throw new Error(`WebAssembly ${flavour} SIMD is not supported by this runtime`);
  return wasmBackend(instantiateKernelsSync(flavour));
}
