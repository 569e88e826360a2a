/**
 * The peak memory and the multiply-accumulates of a preview run, from the analysis alone
 * (shapes and MACs per layer), before anything runs. It walks the nodes as the runner does:
 * outputs stay alive until their last consumer has run (free-after-last-consumer), each layer
 * adds its output and scratch (./layerMemory.ts), and the WebAssembly memory holds the largest
 * need so far. The result bounds what the allocation guard counts for the same run.
 */
import type { Analysis, NodeInfo } from "../../engine/types";
import { DEFAULT_MAX_CHANNELS, DEFAULT_MAX_DISPLAY_PIXELS, MAX_DISPLAY_SIDE } from "../runner/previews";
import { fusionPlan, type FusedFollowers } from "../runner/fusion";
import type { RunOptions } from "../runner/runTypes";
import { layerMemory, type DisplayLimits } from "./layerMemory";

/** Id of the network input in the estimate (the runner's NETWORK_INPUT_ID). */
const INPUT_ID = "input";

export interface PeakMemory {
  /** Every byte counted at the peak. */
  bytes: number;
  /** The layer running at the peak ("input" while the image is prepared). */
  layerId: string;
  /** Its output shape and bytes (the input's for "input"). */
  outputShape: readonly number[];
  outputBytes: number;
  /** Outputs of earlier layers still waiting for a consumer. */
  liveBytes: number;
  scratchBytes: number;
  wasmBytes: number;
}

export interface RunEstimate {
  peak: PeakMemory;
  /** Multiply-accumulates of the layers that run. */
  macs: number;
  /** The layers that run, in order (up to upToLayerId). */
  layerIds: string[];
}

export type EstimateOptions = Pick<RunOptions, "upToLayerId" | "displayLayers" | "maxDisplayPixels" | "maxDisplaySide" | "maxKernelFilters" | "maxKernelChannels">;

/**
 * The run's peak and MACs. `inputPreparationBytes`: what turning the image file into the input
 * tensor takes (imagePreparationBytes), when known; it happens before the first layer.
 */
export function estimateRun(analysis: Analysis, options: EstimateOptions = {}, inputPreparationBytes = 0): RunEstimate {
  const nodes = nodesToRun(analysis.nodes, options.upToLayerId);
  const inputShape = analysis.input ?? [];
  const inputBytes = 4 * inputShape.reduce((product, size) => product * size, 1);
  const remaining = consumerCounts(nodes);
  const sizes = new Map<string, number>([[INPUT_ID, inputBytes]]);
  let live = inputBytes;
  let wasm = 0;
  let peak: PeakMemory = {
    bytes: Math.max(inputBytes, inputPreparationBytes), layerId: INPUT_ID, outputShape: inputShape, outputBytes: inputBytes, liveBytes: 0,
    scratchBytes: Math.max(0, inputPreparationBytes - inputBytes), wasmBytes: 0,
  };
  let macs = 0;
  // Fused followers (runner/fusion.ts) are allocated with their convolution and live from then on.
  const plan = fusionPlan(analysis, nodes);
  const early = new Map<string, number>();
  for (const node of nodes) {
    const memory = layerMemory(node, displayLimitsFor(node, options));
    wasm = Math.max(wasm, memory.wasmBytes);
    const followers = followerNodes(plan, node.id);
    const followerBytes = followers.reduce((sum, follower) => sum + (follower.outputBytes ?? 0), 0);
    const allocated = (early.has(node.id) ? 0 : memory.outputBytes) + followerBytes;
    // One backend runs: the worse of the TypeScript loops and the WebAssembly kernels.
    const typescript = live + allocated + memory.typescriptScratchBytes;
    const webAssembly = live + allocated + memory.wasmScratchBytes + wasm;
    const bytes = Math.max(typescript, webAssembly);
    if (bytes > peak.bytes) {
      const wasmWorse = webAssembly >= typescript;
      const scratchBytes = wasmWorse ? memory.wasmScratchBytes : memory.typescriptScratchBytes;
      peak = {
        bytes, layerId: node.id, outputShape: node.outputShape ?? [], outputBytes: allocated, liveBytes: live, scratchBytes,
        wasmBytes: wasmWorse ? wasm : 0,
      };
    }
    macs += node.macs;
    for (const id of node.inputs) {
      const left = (remaining.get(id) ?? 1) - 1;
      remaining.set(id, left);
      if (left === 0) live -= sizes.get(id) ?? 0;
    }
    live -= early.get(node.id) ?? 0;
    early.delete(node.id);
    if ((remaining.get(node.id) ?? 0) > 0) {
      sizes.set(node.id, memory.outputBytes);
      live += memory.outputBytes;
    }
    for (const follower of followers) {
      early.set(follower.id, follower.outputBytes ?? 0);
      live += follower.outputBytes ?? 0;
    }
  }
  return { peak, macs, layerIds: nodes.map((node) => node.id) };
}

function followerNodes(plan: ReadonlyMap<string, FusedFollowers>, id: string): NodeInfo[] {
  const followers = plan.get(id);
  return followers === undefined ? [] : [followers.batchNorm, followers.relu].filter((node) => node !== null);
}

function nodesToRun(nodes: readonly NodeInfo[], upToLayerId: string | undefined): readonly NodeInfo[] {
  const last = upToLayerId === undefined ? -1 : nodes.findIndex((node) => node.id === upToLayerId);
  const selected = last < 0 ? nodes : nodes.slice(0, last + 1);
  // The runner stops at the first invalid layer: nothing after it allocates.
  const invalid = selected.findIndex((node) => node.layer === null || node.outputShape === null);
  return invalid < 0 ? selected : selected.slice(0, invalid);
}

function consumerCounts(nodes: readonly NodeInfo[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const node of nodes) for (const id of node.inputs) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

function displayLimitsFor(node: NodeInfo, options: EstimateOptions): DisplayLimits | null {
  if (options.displayLayers !== undefined && !options.displayLayers.includes(node.id)) return null;
  return {
    maxPixels: options.maxDisplayPixels ?? DEFAULT_MAX_DISPLAY_PIXELS,
    maxSide: Math.min(options.maxDisplaySide ?? MAX_DISPLAY_SIDE, MAX_DISPLAY_SIDE),
    kernelFilters: options.maxKernelFilters ?? DEFAULT_MAX_CHANNELS,
    kernelChannels: options.maxKernelChannels ?? 3,
  };
}

/** Decoded pixels, upper bound per pixel: 8-bit RGBA plus the inflate buffer (PNG), RGB plus component planes (JPEG). */
const DECODED_BYTES_PER_PIXEL = 8;

/** Bytes to decode a width×height image and resize it to the input [C, H, W] (image/prepare.ts). */
export function imagePreparationBytes(imageWidth: number, imageHeight: number, inputShape: readonly number[]): number {
  const [channels, height, width] = inputShape;
  const decoded = DECODED_BYTES_PER_PIXEL * imageWidth * imageHeight;
  const horizontalPass = 4 * 3 * imageHeight * width;
  const resized = 4 * 3 * height * width;
  const converted = 4 * channels * height * width;
  return decoded + horizontalPass + resized + converted;
}
