/**
 * What the layers with scratch beyond their output allocate, per layer type, as upper bounds
 * of what the core really allocates (through budget/allocationGuard.ts) on each backend. The
 * table in ../layerKernels.ts binds them to layer types; ./layerMemory.ts adds the output and
 * the feature-map display buffers every layer has.
 */
import type { ResolvedConv, ResolvedConvTranspose, ResolvedLinear, ResolvedPool } from "../../engine/types";
import { filtersPerBlock, MAX_BLOCK_WEIGHTS } from "../runner/convLayer";
import { MAX_KERNEL_PREVIEW_SIDE } from "../runner/previews";
import { MAX_CACHED_LAYER_FLOATS } from "../runner/weightCache";
import { DEPTHWISE_BLOCK_PIXELS, GEMM_BLOCK_PIXELS, GEMM_MAX_ROWS } from "../wasm/wasmInstance";

export const FLOAT_BYTES = 4;
/** Regions of one wasm call are 64-byte aligned: a few of these per call. */
export const WASM_ALIGNMENT_SLACK = 8 * 64;
/** The weight generator's wasm piece (wasm/wasmUniform.ts: 1 M floats). */
const WASM_UNIFORM_BYTES = 4 * 1024 * 1024;

export interface DisplayLimits {
  maxPixels: number;
  maxSide: number;
  kernelFilters: number;
  kernelChannels: number;
}

/** Floats of scratch on both backends and on each one only. */
export interface Scratch {
  common: number;
  typescript: number;
  wasm: number;
}

/** A layer's scratch floats and the WebAssembly bytes it needs (its output aside). */
export interface KernelMemory {
  scratch: Scratch;
  wasmBytes: number;
}

/** The layer's first input and its output shape. */
export interface LayerShapes {
  input: readonly number[];
  output: readonly number[];
}

export function elements(shape: readonly number[]): number {
  return shape.reduce((product, size) => product * size, 1);
}

export function convMemory(layer: ResolvedConv, shapes: LayerShapes, displayed: DisplayLimits | null): KernelMemory {
  const scratch = convScratchFloats(layer, shapes.input, shapes.output);
  if (displayed !== null) scratch.common += kernelPreviewFloats(layer, displayed);
  return { scratch, wasmBytes: Math.max(convWasmBytes(layer, shapes.input, shapes.output), WASM_UNIFORM_BYTES) };
}

export function convTransposeMemory(layer: ResolvedConvTranspose, shapes: LayerShapes): KernelMemory {
  const weights = layer.inChannels * (layer.filters / layer.groups) * layer.kernel[0] * layer.kernel[1];
  const common = weights + layer.filters + (layer.activation === undefined ? 0 : elements(shapes.output));
  return { scratch: { common, typescript: 0, wasm: 0 }, wasmBytes: WASM_UNIFORM_BYTES };
}

export function linearMemory(layer: ResolvedLinear): KernelMemory {
  const blockUnits = Math.min(layer.units, Math.max(1, Math.floor(MAX_BLOCK_WEIGHTS / layer.inFeatures)));
  const common = blockUnits * layer.inFeatures + layer.units + (layer.activation === undefined ? 0 : layer.units);
  return { scratch: { common, typescript: 0, wasm: 0 }, wasmBytes: WASM_UNIFORM_BYTES };
}

export function poolMemory(layer: ResolvedPool, shapes: LayerShapes): KernelMemory {
  const { input, output } = shapes;
  const width = input[2];
  const row = 2 * (width + layer.padding[1] + layer.kernel[1] * layer.dilation[1] + 4 * layer.stride[1] + 16);
  const wasmBytes = FLOAT_BYTES * (elements(input) + elements(output) + row + 3 * output[1] + 16) + WASM_ALIGNMENT_SLACK;
  return { scratch: { common: 0, typescript: 0, wasm: 0 }, wasmBytes };
}

function convScratchFloats(layer: ResolvedConv, input: readonly number[], output: readonly number[]): Scratch {
  const [channels, height, width] = input;
  const [top, bottom, left, right] = layer.padding;
  const outputFloats = elements(output);
  const perFilter = (layer.inChannels / layer.groups) * layer.kernel[0] * layer.kernel[1];
  const total = layer.filters * perFilter;
  const block = Math.min(layer.filters, filtersPerBlock(perFilter, output[1] * output[2])) * perFilter;
  // Whole (cached) weights, or one block at a time; the GEMM packs a copy of either.
  const weights = total <= MAX_CACHED_LAYER_FLOATS ? total : block;
  const padded = top + bottom + left + right === 0 ? 0 : channels * (height + top + bottom) * (width + left + right);
  const activation = layer.activation === undefined ? 0 : outputFloats;
  const unfusedActivation = layer.activation === undefined || layer.activation.type === "relu" ? 0 : outputFloats;
  return {
    common: weights + layer.filters,
    typescript: padded + (layer.flipKernel ? block : 0) + activation,
    wasm: weights + unfusedActivation,
  };
}

function convWasmBytes(layer: ResolvedConv, input: readonly number[], output: readonly number[]): number {
  const [channels, height, width] = input;
  const [top, bottom, left, right] = layer.padding;
  const [strideHeight, strideWidth] = layer.stride;
  const phaseHeight = Math.ceil((height + top + bottom) / strideHeight);
  const phaseWidth = Math.ceil((width + left + right) / strideWidth);
  const channelFloats = strideHeight * strideWidth * phaseHeight * phaseWidth;
  const inPerGroup = layer.inChannels / layer.groups;
  const blockPixels = inPerGroup === 1 ? DEPTHWISE_BLOCK_PIXELS : GEMM_BLOCK_PIXELS;
  const rowFloats = Math.ceil((output[1] * phaseWidth) / blockPixels) * blockPixels;
  const taps = inPerGroup * layer.kernel[0] * layer.kernel[1];
  const block = Math.min(layer.filters, filtersPerBlock(taps, output[1] * output[2]));
  const inputRegion = channels * channelFloats + rowFloats + 16;
  const weightRegion = Math.ceil(block / GEMM_MAX_ROWS) * GEMM_MAX_ROWS * taps;
  const outputRegion = (block + GEMM_MAX_ROWS) * rowFloats;
  const rawCopy = strideHeight * strideWidth > 1 ? channels * height * width : 0;
  return FLOAT_BYTES * (inputRegion + taps + weightRegion + block + GEMM_MAX_ROWS + outputRegion + rawCopy) + WASM_ALIGNMENT_SLACK;
}

/** The kernel heatmaps shown for a displayed conv2d and the weights read for them (none when summarized). */
function kernelPreviewFloats(layer: ResolvedConv, limits: DisplayLimits): number {
  if (layer.kernel[0] > MAX_KERNEL_PREVIEW_SIDE || layer.kernel[1] > MAX_KERNEL_PREVIEW_SIDE) return 0;
  const perFilter = (layer.inChannels / layer.groups) * layer.kernel[0] * layer.kernel[1];
  const shown = Math.min(layer.filters, limits.kernelFilters) * Math.min(layer.inChannels / layer.groups, limits.kernelChannels) *
    layer.kernel[0] * layer.kernel[1];
  return shown + (layer.filters * perFilter <= MAX_CACHED_LAYER_FLOATS ? 0 : perFilter);
}
