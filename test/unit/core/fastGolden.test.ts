/**
 * The golden PyTorch fixtures, the oracle's random cases and the runner tests again, with
 * the plain-SIMD WebAssembly backend installed for this whole file (the suites themselves
 * run on the default TypeScript backend in their own files).
 */
import { expect, it } from "vitest";
import { kernelBackend, setKernelBackend } from "../../../src/core";
import { createWasmBackendSync } from "../../../src/core/wasm/wasmBackend";

setKernelBackend(createWasmBackendSync("plain"));

it("the suites below run on the wasm backend", () => {
  expect(kernelBackend().name).toBe("wasm-plain-simd");
});

await import("./golden.test");
await import("./oracle.test");
await import("./runner.test");
