// Run by wasmRelaxed.test.ts in `node --experimental-wasm-relaxed-simd` (bundled first):
// installs the relaxed-SIMD kernels and prints the random cases' results as JSON.
import { setKernelBackend } from "../../../src/core";
import { createWasmBackendSync } from "../../../src/core/wasm/wasmBackend";
import { supportedFlavours } from "../../../src/core/wasm/wasmInstance";
import { randomConvCases, randomPoolCases } from "./wasmCases";

const backend = createWasmBackendSync("relaxed");
setKernelBackend(backend);
const report = {
  flavours: supportedFlavours(),
  backend: backend.name,
  conv: randomConvCases(4242, 250),
  pool: randomPoolCases(77, 100, backend),
};
console.log(JSON.stringify(report));
