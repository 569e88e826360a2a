/** What runNetwork takes and returns (all plain data: it crosses the worker boundary). */
import type { GrayImage } from "../image/display";
import type { WorkerTeam } from "../parallel/team";
import type { GivenWeights } from "./convLayer";
import type { Tensor } from "../tensor";

export interface RunProgress {
  /** Layers finished so far. */
  completed: number;
  /** Layers this run will execute. */
  total: number;
  /** The layer just finished. */
  layerId: string;
}

export interface RunOptions {
  /** Checked between layers and between blocks of long layers; true stops the run. */
  isCancelled?: () => boolean;
  /** An AbortSignal (or anything with `aborted`), checked like isCancelled. */
  signal?: { readonly aborted: boolean };
  onProgress?: (progress: RunProgress) => void;
  /** Stop after this layer (it and everything it needs run; later layers do not). */
  upToLayerId?: string;
  /** Channels of feature maps sent per layer (default 16, from channel 0). */
  maxChannels?: number;
  /** Per layer id, which channels to send instead of the first maxChannels ("the rest on request"). */
  channelRequests?: Readonly<Record<string, { start: number; count: number }>>;
  /** Feature maps larger than this many pixels are area-downsampled for display (default 256×256). */
  maxDisplayPixels?: number;
  /** …and to at most this many pixels a side (default and maximum: previews.ts MAX_DISPLAY_SIDE). */
  maxDisplaySide?: number;
  /**
   * A memory limit for the run, bytes: checked up front against the estimate (budget/estimate.ts)
   * and enforced on every allocation of the core (budget/allocationGuard.ts). None when absent.
   */
  memoryLimitBytes?: number;
  /** Multiply-accumulates the run may take (checked up front); none when absent. */
  macsLimit?: number;
  /** Values of 1-D outputs sent (default 1024). */
  maxVectorValues?: number;
  /** Filters and input channels of conv kernels sent for heatmaps (default 16 and 3). */
  maxKernelFilters?: number;
  maxKernelChannels?: number;
  /** Only these layers get feature maps, values and kernels (default: every layer); stats are always sent. */
  displayLayers?: readonly string[];
  /** Layer ids whose full output tensor is returned too (tests, exports). */
  keepTensors?: readonly string[];
  /** A helper worker to share the layers with (parallel/team.ts); results are the same without. */
  team?: WorkerTeam;
  /**
   * Per layer id, weights to use instead of preview weights (conv2d and linear layers, layout
   * [O, C/groups, kh, kw] / [units, F]; benchmarks). They must not change while runs use them:
   * backends keep packed copies. With a team, SharedArrayBuffer-backed arrays reach the helper
   * without a copy.
   */
  givenWeights?: Readonly<Record<string, GivenWeights>>;
}

export interface TensorStats {
  minimum: number;
  maximum: number;
  mean: number;
  standardDeviation: number;
  /** Fraction of values exactly 0 (dead ReLUs). */
  fractionZero: number;
  fractionNegative: number;
  /** Count of NaN and ±Infinity values. */
  nonFinite: number;
}

export interface FeatureMapPreview {
  /** Channels in the layer's output. */
  channels: number;
  /** The channels sent are [firstChannel, firstChannel + maps.length). */
  firstChannel: number;
  /** Size of the real map; the images may be smaller (downsampled for display). */
  height: number;
  width: number;
  maps: GrayImage[];
}

export interface VectorPreview {
  length: number;
  /** The first maxVectorValues values. */
  values: Float32Array;
}

/** Weights of the first filters for heatmaps: data is [shownFilters, shownChannels, kh, kw]. */
export interface KernelPreview {
  filters: number;
  channelsPerFilter: number;
  kernelHeight: number;
  kernelWidth: number;
  shownFilters: number;
  shownChannels: number;
  data: Float32Array;
  minimum: number;
  maximum: number;
  /** True when the kernels are too large to draw (above MAX_KERNEL_PREVIEW_SIDE): no weights are sent. */
  summarized?: boolean;
}

export interface LayerRunResult {
  id: string;
  index: number;
  type: string;
  shape: number[];
  stats: TensorStats;
  featureMaps?: FeatureMapPreview;
  vector?: VectorPreview;
  kernels?: KernelPreview;
  /** Only for layers named in keepTensors. */
  tensor?: Tensor;
  milliseconds: number;
}

/**
 * complete: every requested layer ran; stopped: an invalid layer (or input) ended the run;
 * failed: a layer threw unexpectedly; cancelled: isCancelled/signal said so.
 */
export type RunStatus = "complete" | "stopped" | "failed" | "cancelled";

export interface RunStop {
  /** "input" when the network input itself is the problem. */
  layerId: string;
  index: number;
  reason: string;
  /** True when the memory or MACs limit stopped the run (up front, or an allocation past the limit). */
  overBudget?: boolean;
}

export interface RunResult {
  status: RunStatus;
  layers: LayerRunResult[];
  stoppedAt?: RunStop;
  completed: number;
  total: number;
  /** Most bytes of layer outputs held at once (inputs waiting for consumers plus the newest output). */
  peakActivationBytes: number;
  /** Runs with a memory limit: the estimate, the most bytes the allocation guard counted, the limit. */
  memory?: { estimatedPeakBytes: number; countedPeakBytes: number; limitBytes: number };
}
