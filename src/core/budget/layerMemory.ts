/**
 * What one layer of the runner allocates besides its output, as upper bounds of what the core
 * really allocates (through budget/allocationGuard.ts) on each backend:
 * - scratch: JavaScript arrays alive during the layer (padded input, weights whole or one
 *   block plus its packed/rotated copy, bias, the activation's copy, display extracts);
 * - `wasmBytes`: the WebAssembly memory the layer needs (staged conv input and output rows,
 *   pool input and output, the statistics copy of the output). That memory never shrinks, so
 *   a run holds the largest need of its layers so far.
 * The per-type parts are the `memory` entries of ../layerKernels.ts (./kernelMemory.ts).
 * Pure arithmetic on the analysis: nothing here allocates in proportion to the sizes.
 */
import type { NodeInfo } from "../../engine/types";
import { displaySize } from "../image/display";
import { kernelFor } from "../layerKernels";
import { elements, FLOAT_BYTES, WASM_ALIGNMENT_SLACK, type DisplayLimits, type KernelMemory } from "./kernelMemory";

export type { DisplayLimits } from "./kernelMemory";

export interface LayerMemory {
  outputBytes: number;
  /** JavaScript scratch on the TypeScript backend and on the WebAssembly one (one of them runs). */
  typescriptScratchBytes: number;
  wasmScratchBytes: number;
  /** WebAssembly memory the layer needs (WebAssembly backend only). */
  wasmBytes: number;
}

/** Layers without a `memory` entry allocate their output only (an activation layer's output is its copy). */
const OUTPUT_ONLY: KernelMemory = { scratch: { common: 0, typescript: 0, wasm: 0 }, wasmBytes: 0 };

export function layerMemory(node: NodeInfo, displayed: DisplayLimits | null): LayerMemory {
  const output = node.outputShape ?? [];
  const outputFloats = elements(output);
  const layer = node.layer;
  const memory = layer === null ? undefined : kernelFor(layer).memory;
  const { scratch, wasmBytes } = layer === null || memory === undefined
    ? OUTPUT_ONLY
    : memory(layer, { input: node.inputShapes[0] ?? [], output }, displayed);
  const common = scratch.common + (displayed === null ? 0 : featureMapDisplayFloats(output, displayed));
  return {
    outputBytes: FLOAT_BYTES * outputFloats,
    typescriptScratchBytes: FLOAT_BYTES * (common + scratch.typescript),
    wasmScratchBytes: FLOAT_BYTES * (common + scratch.wasm),
    wasmBytes: Math.max(FLOAT_BYTES * outputFloats + WASM_ALIGNMENT_SLACK, wasmBytes),
  };
}

/** One feature map's resampling buffers (released per map). */
function featureMapDisplayFloats(output: readonly number[], limits: DisplayLimits): number {
  if (output.length !== 3) return 0;
  const [, height, width] = output;
  const [displayHeight, displayWidth] = displaySize(height, width, limits.maxPixels, limits.maxSide);
  return displayHeight !== height || displayWidth !== width ? height * displayWidth + displayHeight * displayWidth : 0;
}
