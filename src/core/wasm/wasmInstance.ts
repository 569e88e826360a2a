/**
 * Instantiates the generated WebAssembly kernels (plain or relaxed SIMD) and manages their
 * linear memory as a scratch arena: each call lays out its regions from byte 0, grows the
 * memory once, then works on fresh typed views. WebAssembly is reached through `globalThis`
 * with the few members used typed here, since the pure layers compile without DOM types.
 */
import { claimBytes } from "../budget/allocationGuard";
import { decodeBase64 } from "./base64";
import { PLAIN_SIMD_WASM, RELAXED_SIMD_WASM } from "./generated/kernelsWasm";
import type { PackedCache } from "./wasmPacking";

export type KernelFlavour = "plain" | "relaxed";

type GemmFunction = (
  packedWeights: number, input: number, offsets: number, taps: number, output: number, blocks: number, outStride: number, bias: number,
) => void;

export interface KernelExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  gemm1: GemmFunction; gemm2: GemmFunction; gemm3: GemmFunction; gemm4: GemmFunction;
  depthwise: DepthwiseFunction;
  poolRowsMax(source: number, rowStep: number, rows: number, destination: number, vectors: number, tail: number, pad: number): void;
  poolRowsSum(source: number, rowStep: number, rows: number, destination: number, vectors: number, tail: number, pad: number): void;
  poolColumnsMax1: PoolColumnsFunction; poolColumnsMax2: PoolColumnsFunction;
  poolColumnsAverage1: PoolColumnsFunction; poolColumnsAverage2: PoolColumnsFunction;
  poolPlanesMax1: PoolPlanesFunction; poolPlanesMax2: PoolPlanesFunction;
  poolPlanesAverage1: PoolPlanesFunction; poolPlanesAverage2: PoolPlanesFunction;
  poolPlanesMaxWindow2Stride2: PoolPlanesFunction; poolPlanesMaxWindow3Stride2: PoolPlanesFunction;
  copyRows(src: number, srcRowStride: number, srcStep: number, dst: number, dstRowStride: number, rows: number, count: number): void;
  padInPlace(
    at: number, channels: number, height: number, rowBytes: number, paddedRowBytes: number, channelBytes: number, firstRowBytes: number,
    end: number,
  ): void;
  stats(values: number, count: number, result: number): void;
  fillUniform(target: number, vectors: number, seed: number, first: number, bound: number): void;
  reluInPlace(at: number, vectors: number): void;
  affineInPlace(at: number, count: number, scale: number, shift: number): void;
}

type DepthwiseFunction = (
  weights: number, input: number, offsets: number, taps: number, output: number, blocks: number, bias: number,
) => void;

type PoolPlanesFunction = (
  input: number, channels: number, planeBytes: number, windows: number, outHeight: number, rowStep: number,
  scratch: number, padBytes: number, inputVectors: number, tail: number, pad: number,
  taps: number, columnStep: number, output: number, outRowBytes: number, outputVectors: number, divisors: number,
) => void;

type PoolColumnsFunction = (
  source: number, taps: number, step: number, destination: number, vectors: number, rowDivisor: number, divisors: number,
) => void;

/**
 * Output channels per GEMM block (the widest generated gemmN) and pixels per block: 4×8
 * measured fastest (V8 keeps its 8 accumulators in registers; 6×8 spills).
 */
export const GEMM_MAX_ROWS = 4;
export const GEMM_BLOCK_PIXELS = 8;
export const DEPTHWISE_BLOCK_PIXELS = 16;

interface WasmModuleApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: unknown } }>;
}

function webAssembly(): WasmModuleApi | undefined {
  return (globalThis as unknown as { WebAssembly?: WasmModuleApi }).WebAssembly;
}

export function kernelBytes(flavour: KernelFlavour): Uint8Array {
  return decodeBase64(flavour === "relaxed" ? RELAXED_SIMD_WASM : PLAIN_SIMD_WASM);
}

/** The flavours this runtime can compile, best first (none without WebAssembly SIMD). */
export function supportedFlavours(): KernelFlavour[] {
  const api = webAssembly();
  if (api === undefined) return [];
  return (["relaxed", "plain"] as const).filter((flavour) => api.validate(kernelBytes(flavour)));
}

/** One instance of the kernels plus its arena. */
export class WasmKernels {
  private float32: Float32Array;
  private int32: Int32Array;
  /** The input currently staged in memory and the channel its next block starts at (see wasmConv.ts), or null. */
  stagedInput: { array: Float32Array; key: string; nextChannel: number } | null = null;
  /** Packed GEMM weights of constant weight arrays (see wasmPacking.ts). */
  readonly packedWeights: PackedCache = new WeakMap();

  constructor(readonly flavour: KernelFlavour, readonly exports: KernelExports) {
    this.float32 = new Float32Array(exports.memory.buffer);
    this.int32 = new Int32Array(exports.memory.buffer);
  }

  /** Makes the memory at least `bytes` long; returns views valid until the next call. */
  reserve(bytes: number): { float32: Float32Array; int32: Int32Array } {
    const buffer = this.exports.memory.buffer;
    if (buffer.byteLength < bytes) {
      const pages = Math.ceil((bytes - buffer.byteLength) / 65536);
      claimBytes(pages * 65536, "WebAssembly memory");
      this.exports.memory.grow(pages);
    }
    if (this.float32.buffer !== this.exports.memory.buffer) {
      this.float32 = new Float32Array(this.exports.memory.buffer);
      this.int32 = new Int32Array(this.exports.memory.buffer);
    }
    return { float32: this.float32, int32: this.int32 };
  }
}

export async function instantiateKernels(flavour: KernelFlavour): Promise<WasmKernels> {
  const api = webAssembly();
  if (api === undefined) throw new Error("WebAssembly is not available");
  const { instance } = await api.instantiate(kernelBytes(flavour), {});
  return new WasmKernels(flavour, instance.exports as KernelExports);
}

/** Synchronous variant (Node and workers compile modules of any size synchronously). */
export function instantiateKernelsSync(flavour: KernelFlavour): WasmKernels {
  const api = webAssembly();
  if (api === undefined) throw new Error("WebAssembly is not available");
  const instance = new api.Instance(new api.Module(kernelBytes(flavour)), {});
  return new WasmKernels(flavour, instance.exports as KernelExports);
}
