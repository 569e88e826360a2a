/**
 * What one layer of the runner allocates besides its output, as upper bounds of what the core
 * really allocates (through budget/allocationGuard.ts) on each backend:
 * - scratch: JavaScript arrays alive during the layer (padded input, weights whole or one
 *   block plus its packed/rotated copy, bias, the activation's copy, display extracts);
 * - `wasmBytes`: the WebAssembly memory the layer needs (staged conv input and output rows,
 *   pool input and output, the statistics copy of the output). That memory never shrinks, so
 *   a run holds the largest need of its layers so far.
 * Pure arithmetic on the analysis: nothing here allocates in proportion to the sizes.
 */
import type { NodeInfo, ResolvedConv, ResolvedConvTranspose, ResolvedLinear, ResolvedPool } from "../../engine/types";
import { displaySize } from "../image/display";
import { filtersPerBlock, MAX_BLOCK_WEIGHTS } from "../runner/convLayer";
import { MAX_KERNEL_PREVIEW_SIDE } from "../runner/previews";
import { MAX_CACHED_LAYER_FLOATS } from "../runner/weightCache";
import { DEPTHWISE_BLOCK_PIXELS, GEMM_BLOCK_PIXELS, GEMM_MAX_ROWS } from "../wasm/wasmInstance";

const FLOAT_BYTES = 4;
/** Regions of one wasm call are 64-byte aligned: a few of these per call. */
const WASM_ALIGNMENT_SLACK = 8 * 64;
/** The weight generator's wasm piece (wasm/wasmUniform.ts: 1 M floats). */
const WASM_UNIFORM_BYTES = 4 * 1024 * 1024;

export interface LayerMemory {
  outputBytes: number;
  /** JavaScript scratch on the TypeScript backend and on the WebAssembly one (one of them runs). */
  typescriptScratchBytes: number;
  wasmScratchBytes: number;
  /** WebAssembly memory the layer needs (WebAssembly backend only). */
  wasmBytes: number;
}

export interface DisplayLimits {
  maxPixels: number;
  maxSide: number;
  kernelFilters: number;
  kernelChannels: number;
}

export function layerMemory(node: NodeInfo, displayed: DisplayLimits | null): LayerMemory {
  const output = node.outputShape ?? [];
  const outputFloats = elements(output);
  const inputFloats = elements(node.inputShapes[0] ?? []);
  const layer = node.layer;
  let scratch: Scratch = { common: 0, typescript: 0, wasm: 0 };
  let wasmBytes = FLOAT_BYTES * outputFloats + WASM_ALIGNMENT_SLACK;
  switch (layer?.type) {
    case "conv2d":
      scratch = convScratchFloats(layer, node.inputShapes[0], output);
      wasmBytes = Math.max(wasmBytes, convWasmBytes(layer, node.inputShapes[0], output), WASM_UNIFORM_BYTES);
      break;
    case "convtranspose2d":
      scratch.common = convTransposeScratchFloats(layer, outputFloats);
      wasmBytes = Math.max(wasmBytes, WASM_UNIFORM_BYTES);
      break;
    case "linear":
      scratch.common = linearScratchFloats(layer);
      wasmBytes = Math.max(wasmBytes, WASM_UNIFORM_BYTES);
      break;
    case "maxpool2d":
    case "avgpool2d":
    case "minpool2d":
      wasmBytes = Math.max(wasmBytes, poolWasmBytes(layer, node.inputShapes[0], output, inputFloats, outputFloats));
      break;
    default:
      // Other layers allocate their output only (an activation layer's output is its copy).
      break;
  }
  const common = scratch.common + (displayed === null ? 0 : displayScratchFloats(node, output, displayed));
  return {
    outputBytes: FLOAT_BYTES * outputFloats,
    typescriptScratchBytes: FLOAT_BYTES * (common + scratch.typescript),
    wasmScratchBytes: FLOAT_BYTES * (common + scratch.wasm),
    wasmBytes,
  };
}

/** Floats of scratch on both backends and on each one only. */
interface Scratch {
  common: number;
  typescript: number;
  wasm: number;
}

function elements(shape: readonly number[]): number {
  return shape.reduce((product, size) => product * size, 1);
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

function convTransposeScratchFloats(layer: ResolvedConvTranspose, outputFloats: number): number {
  const weights = layer.inChannels * (layer.filters / layer.groups) * layer.kernel[0] * layer.kernel[1];
  return weights + layer.filters + (layer.activation === undefined ? 0 : outputFloats);
}

function linearScratchFloats(layer: ResolvedLinear): number {
  const blockUnits = Math.min(layer.units, Math.max(1, Math.floor(MAX_BLOCK_WEIGHTS / layer.inFeatures)));
  return blockUnits * layer.inFeatures + layer.units + (layer.activation === undefined ? 0 : layer.units);
}

function poolWasmBytes(layer: ResolvedPool, input: readonly number[], output: readonly number[], inputFloats: number, outputFloats: number): number {
  const width = input[2];
  const row = 2 * (width + layer.padding[1] + layer.kernel[1] * layer.dilation[1] + 4 * layer.stride[1] + 16);
  return FLOAT_BYTES * (inputFloats + outputFloats + row + 3 * output[1] + 16) + WASM_ALIGNMENT_SLACK;
}

/** One feature map's resampling buffers (released per map), kernel heatmaps and their weights (none when summarized). */
function displayScratchFloats(node: NodeInfo, output: readonly number[], limits: DisplayLimits): number {
  let floats = 0;
  if (output.length === 3) {
    const [, height, width] = output;
    const [displayHeight, displayWidth] = displaySize(height, width, limits.maxPixels, limits.maxSide);
    if (displayHeight !== height || displayWidth !== width) floats += height * displayWidth + displayHeight * displayWidth;
  }
  const layer = node.layer;
  if (layer?.type === "conv2d" && layer.kernel[0] <= MAX_KERNEL_PREVIEW_SIDE && layer.kernel[1] <= MAX_KERNEL_PREVIEW_SIDE) {
    const perFilter = (layer.inChannels / layer.groups) * layer.kernel[0] * layer.kernel[1];
    const shown = Math.min(layer.filters, limits.kernelFilters) * Math.min(layer.inChannels / layer.groups, limits.kernelChannels) * layer.kernel[0] * layer.kernel[1];
    floats += shown + (layer.filters * perFilter <= MAX_CACHED_LAYER_FLOATS ? 0 : perFilter);
  }
  return floats;
}
