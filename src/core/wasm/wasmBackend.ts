/** The WebAssembly kernel backend: conv2d, pools, layer statistics and preview weights on the generated SIMD kernels. */
import type { KernelBackend } from "../backend";
import { wasmConv2dChannelRangeInChunks } from "./wasmChannelChunks";
import { instantiateKernels, instantiateKernelsSync, supportedFlavours, type KernelFlavour, type WasmKernels } from "./wasmInstance";
import { wasmPool2d, wasmPoolSupports } from "./wasmPool";
import { wasmTensorSums } from "./wasmStats";
import { wasmFillUniform } from "./wasmUniform";

export function wasmBackend(kernels: WasmKernels): KernelBackend {
  return {
    name: `wasm-${kernels.flavour}-simd`,
    padsItself: true,
    fusesRelu: true,
    fusesFollowers: true,
    conv2dChannelRange: (info, input, weights, bias, output, outStart, outEnd, relu = false, inputUnchanged = false, followers) =>
      wasmConv2dChannelRangeInChunks(kernels, info, input, weights, bias, output, outStart, outEnd, relu, inputUnchanged, followers),
    pool2d: (kind, info, input, output, countIncludePad) => {
      if (!wasmPoolSupports(info)) return false;
      wasmPool2d(kernels, kind, info, input, output, countIncludePad);
      return true;
    },
    tensorSums: (values) => wasmTensorSums(kernels, values),
    fillUniform: (target, seed, first, bound) => wasmFillUniform(kernels, target, seed, first, bound),
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
