/**
 * The engine's public types. The first block is the contract of
 * docs/spec-format.md §2 (other checks rely on it); everything marked
 * "extension" is ours and only ever added to, compatibly.
 */

import type { ActivationName } from "./layers/activation";
import type { RegisteredLayer } from "./layers/registry";

export type JsonPath = (string | number)[];

export type Severity = "error" | "warning" | "info";

export interface RelatedLocation {
  path: JsonPath;
  message: string;
  /** Where it is in the analysed text, when the path alone is ambiguous (a duplicated key's other copy). */
  offset?: number;
  length?: number;
}

export interface Diagnostic {
  severity: Severity;
  /** Stable, kebab-case, e.g. "kernel-exceeds-input". */
  code: string;
  /** What is wrong, with the numbers, and how to fix it. */
  message: string;
  layerId?: string;
  /** JSON path into the spec, e.g. ["layers", 3, "padding"]. */
  path: JsonPath;
  /** Offset and length into the analysed text (only when analyze got a string). */
  offset?: number;
  length?: number;
  related?: RelatedLocation[];

  // ---- extension ----
  /** Fixes the engine can compute (quick fixes in the editor and buttons in the designer). */
  fixes?: SuggestedFix[];
}

/**
 * A change to the spec, by JSON path (extension). Applied to the text as a minimal edit by
 * src/engine/edit. `set` creates a missing key; `insert` puts a value into an array at the
 * index that ends the path (the array's length appends); `remove` deletes a key or element.
 */
export type SpecEdit =
  | { kind: "set"; path: JsonPath; value: unknown }
  | { kind: "insert"; path: JsonPath; value: unknown }
  | { kind: "remove"; path: JsonPath };

export interface SuggestedFix {
  /** Shown as the code action title / button label, e.g. "Set padding to 2 (keeps 28×28)". */
  title: string;
  edits: SpecEdit[];
  /** The one fix to apply with "Fix all" / marked preferred in VS Code. */
  preferred?: boolean;
}

/** Per axis [height, width]. */
export interface ReceptiveField {
  /** Input pixels one output unit sees (dilation holes included). */
  size: [number, number];
  /** Input pixels between neighbouring output units (product of strides). */
  jump: [number, number];
  /** Input coordinate of the centre of output unit (0,0)'s field. */
  start: [number, number];
}

export interface NodeInfo {
  id: string;
  type: string;
  inputs: string[];
  /** What arrives at the layer. */
  inputShapes: number[][];
  /** null where it cannot be inferred. */
  outputShape: number[] | null;
  params: number;
  macs: number;
  receptiveField?: ReceptiveField;

  // ---- extension ----
  /** Index of the layer in `layers`. */
  index: number;
  /** False when the id was derived as `<type>_<index>`. */
  explicitId: boolean;
  /** Geometry with every default resolved; null when the layer is invalid. */
  layer: ResolvedLayer | null;
  /** Elements of the output tensor (one sample), null when unknown. */
  outputElements: number | null;
  /** Bytes of the output as float32, null when unknown. */
  outputBytes: number | null;
  /** Severity of the worst diagnostic on this layer, if any. */
  worstSeverity?: Severity;
}

export interface Analysis {
  /** One per layer, in topological (= file) order; the input is not a node. */
  nodes: NodeInfo[];
  diagnostics: Diagnostic[];
  totals: { params: number; macs: number };

  // ---- extension ----
  /** The network input [C,H,W] when valid, else null. */
  input: number[] | null;
  /** Model name (top-level `name`), if any. */
  name?: string;
  /** Top-level `seed` (default 0). */
  seed: number;
  /** True when the text could not be parsed as JSON at all (nothing else was analysed). */
  parseFailed: boolean;
}

// ---------------------------------------------------------------------------
// Resolved layers (extension): what the core runner and the exporters consume.
// Every spatial pair is [height, width]. Padding is explicit per side so that
// "same" with an even kernel (extra pixel bottom/right) is represented exactly.
// ---------------------------------------------------------------------------

/** [top, bottom, left, right] */
export type Padding4 = [number, number, number, number];

/** The activations, listed once in src/engine/layers/activation.ts (ACTIVATION_TYPES). */
export type ActivationType = ActivationName;

export interface ActivationParams {
  type: ActivationType;
  /** leakyrelu slope (default 0.01) */
  slope?: number;
  /** elu alpha (default 1) */
  alpha?: number;
}

/**
 * One kernel of `weights.kernels`: a kh×kw matrix as written, or a preset NAME (validated to
 * exist at the layer's kernel size). Presets are expanded only where the taps are needed
 * (`kernelTaps` in kernelPresets.ts: previews, exports), never by the analysis, so a
 * `kernel: [1, 1e9]` with "box" costs nothing here.
 */
export type KernelSource = number[][] | string;

/** The preview `weights` field, validated. */
export type WeightsSpec =
  | { kind: "kaiming" | "xavier" | "zeros" | "ones" }
  | { kind: "kernels"; kernels: KernelSource[] };

export interface ResolvedConv {
  type: "conv2d";
  inChannels: number;
  filters: number;
  kernel: [number, number];
  stride: [number, number];
  padding: Padding4;
  /** What the user wrote, for exports: a number pair, "same" or "valid". */
  paddingMode: "explicit" | "same" | "valid";
  dilation: [number, number];
  groups: number;
  bias: boolean;
  activation?: ActivationParams;
  weights: WeightsSpec;
  flipKernel: boolean;
}

export interface ResolvedConvTranspose {
  type: "convtranspose2d";
  inChannels: number;
  filters: number;
  kernel: [number, number];
  stride: [number, number];
  padding: [number, number];
  outputPadding: [number, number];
  dilation: [number, number];
  groups: number;
  bias: boolean;
  activation?: ActivationParams;
  weights: WeightsSpec;
}

export interface ResolvedPool {
  type: "maxpool2d" | "minpool2d" | "avgpool2d";
  kernel: [number, number];
  stride: [number, number];
  padding: [number, number];
  /** Always [1,1] for avgpool2d. */
  dilation: [number, number];
  ceilMode: boolean;
  /** avgpool2d only (default true). */
  countIncludePad: boolean;
}

export interface ResolvedAdaptivePool {
  type: "adaptiveavgpool2d" | "adaptivemaxpool2d";
  outputSize: [number, number];
}

export interface ResolvedGlobalPool {
  type: "globalavgpool2d" | "globalmaxpool2d";
}

export interface ResolvedBatchNorm {
  type: "batchnorm2d";
  channels: number;
  eps: number;
}

export interface ResolvedDropout {
  type: "dropout";
  rate: number;
}

export interface ResolvedFlatten {
  type: "flatten";
}

export interface ResolvedLinear {
  type: "linear";
  inFeatures: number;
  units: number;
  bias: boolean;
  activation?: ActivationParams;
}

export interface ResolvedActivation {
  type: ActivationType;
  activation: ActivationParams;
}

export interface ResolvedMerge {
  type: "add" | "concat";
}

/**
 * Every resolved layer: the union of what the registered layer types resolve to
 * (src/engine/layers/registry.ts), so a new type is added there, not here.
 */
export type ResolvedLayer = RegisteredLayer;
