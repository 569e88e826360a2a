/**
 * Feature-map preview traffic between the designer webview and the extension host: message
 * types both ways and the validator for what the host receives. Big numbers travel small:
 * 8-bit map pixels as base64, kernel weights and 1-D values as plain number arrays, and only
 * the selected layer's maps (plus every layer's statistics) per result.
 */
import type { ImageErrorCode } from "../core/image/imageError";
import type { TensorStats } from "../core/runner/runTypes";

export type { TensorStats };

/** Where an offered image comes from. */
export type PreviewImageGroup = "sample" | "workspace" | "picked";

/** One image the picker offers; the view refers to it by `id` only (never by path). */
export interface PreviewImageOption {
  id: string;
  /** File name without folders ("camera.png"). */
  label: string;
  group: PreviewImageGroup;
  /** Workspace-relative path or other detail, for the tooltip. */
  detail?: string;
}

/** Why a run ended without a result. */
export type PreviewCancelReason =
  /** The document changed; the host runs the same request again on the new analysis. */
  | "spec-changed"
  /** A newer request (from this or another panel) took the worker. */
  | "superseded"
  /** The view asked to stop (previewStop). */
  | "stopped";

export type PreviewErrorCode =
  | ImageErrorCode
  /** Workspace images and Browse… need a trusted workspace. */
  | "untrusted-workspace"
  /** The id was never offered to this panel (or the file went away). */
  | "unknown-image"
  /** Reading the file failed (permissions, deleted, …). */
  | "read-failed"
  /** There is no valid analysis to run (the file never parsed, or has no valid input). */
  | "no-analysis"
  /** The selected layer does not exist in the current analysis. */
  | "unknown-layer"
  /** The run would pass cnnDesigner.preview.maxMemoryMB or the MACs limit (the message names the layer and the numbers). */
  | "over-budget"
  /** A bug or a crashed worker; details are in the output channel. */
  | "internal";

/** Statistics of one layer that ran. */
export interface PreviewLayerStats {
  id: string;
  index: number;
  type: string;
  shape: number[];
  stats: TensorStats;
}

/** One feature map: 8-bit pixels, min → 0 and max → 255 of this channel's displayed values. */
export interface PreviewMap {
  width: number;
  height: number;
  minimum: number;
  maximum: number;
  /** Row-major 8-bit pixels, base64. */
  pixels: string;
}

export interface PreviewFeatureMaps {
  /** Channels of the layer's output. */
  channels: number;
  /** The maps are channels [firstChannel, firstChannel + maps.length). */
  firstChannel: number;
  /** Real size of a map (the pixels may be downsampled for display). */
  height: number;
  width: number;
  maps: PreviewMap[];
}

/** Weights as stored (before any flip), [shownFilters, shownChannels, kernelHeight, kernelWidth] row-major. */
export interface PreviewKernels {
  filters: number;
  channelsPerFilter: number;
  kernelHeight: number;
  kernelWidth: number;
  shownFilters: number;
  shownChannels: number;
  values: number[];
  minimum: number;
  maximum: number;
  /** True when the kernels are too large to draw: `values` is empty, the shape and counts remain. */
  summarized?: boolean;
}

/** The selected layer's displayable output. */
export interface PreviewLayerData extends PreviewLayerStats {
  featureMaps?: PreviewFeatureMaps;
  /** A 1-D output (after flatten/linear): its first values. */
  vector?: { length: number; values: number[] };
  kernels?: PreviewKernels;
  /** flipKernel as this run applied it (conv2d only). */
  flipKernel?: boolean;
}

/** The image file bytes, for the view to draw the input as the network sees it. */
export type PreviewInputImage = { bytes: string; byteLength: number } | { tooLarge: true; byteLength: number };

export interface PreviewResultData {
  /** The document version that ran. */
  docVersion: number;
  imageId: string;
  layerId: string;
  /** complete: reached the selected layer; stopped: an invalid layer (or input) ended the run first; failed: a layer threw. */
  status: "complete" | "stopped" | "failed";
  stoppedAt?: { layerId: string; reason: string };
  /** Layers that ran and the layers the run needed (up to the selected one). */
  completed: number;
  total: number;
  milliseconds: number;
  /** Every layer that ran, in order. */
  layers: PreviewLayerStats[];
  /** Null when the run ended before the selected layer. */
  selected: PreviewLayerData | null;
  /** True when the request overrode the file's flipKernel on the selected layer. */
  flipOverridden: boolean;
  input?: PreviewInputImage;
}

// ---------------------------------------------------------------------------------------
// host → webview
// ---------------------------------------------------------------------------------------

export type PreviewHostToView =
  /** The images the picker offers (answer to previewListImages / previewBrowse). */
  | { type: "previewImages"; images: PreviewImageOption[]; workspaceTrusted: boolean; channelCap: number; pickedId?: string; note?: string }
  /** One layer of run `runId` finished. */
  | { type: "previewProgress"; runId: number; completed: number; total: number; layerId: string }
  /** Run `runId` ended with maps (or stopped at an invalid layer: see status). */
  | { type: "previewResult"; runId: number; result: PreviewResultData }
  /** Run `runId` was cancelled; with "spec-changed" it is running again under the same id. */
  | { type: "previewCancelled"; runId: number; reason: PreviewCancelReason }
  /** A user problem (bad image, untrusted workspace, …) or a failure, as data; runId null when no run was involved. */
  | { type: "previewError"; runId: number | null; code: PreviewErrorCode; message: string };

// ---------------------------------------------------------------------------------------
// webview → host
// ---------------------------------------------------------------------------------------

export interface PreviewRunRequest {
  /** Chosen by the view, increasing; progress and results carry it. */
  runId: number;
  imageId: string;
  /** The layer whose maps to send; the run stops after it. */
  layerId: string;
  /** Run with this flipKernel on the selected conv2d instead of the file's (nothing is written). */
  flipKernel?: boolean;
  /** Every channel (and up to 64 kernels) instead of the channel cap. */
  allChannels?: boolean;
  /** Send the image bytes too (the view has not drawn this image yet). */
  includeInput?: boolean;
}

export type PreviewViewToHost =
  /** List the bundled photos and (trusted workspaces only) the workspace images. */
  | { type: "previewListImages" }
  /** Open a file dialog for an image (trusted workspaces only); answered with previewImages + pickedId. */
  | { type: "previewBrowse" }
  /** Run the network on an image up to a layer; a newer run cancels an older one. */
  | ({ type: "previewRun" } & PreviewRunRequest)
  /** Stop the current run and do not re-run on document changes (the preview is hidden). */
  | { type: "previewStop" };

export type PreviewViewToHostType = PreviewViewToHost["type"];

const PREVIEW_VIEW_TYPES: readonly string[] = ["previewListImages", "previewBrowse", "previewRun", "previewStop"] satisfies PreviewViewToHostType[];

export function isPreviewMessageType(type: unknown): type is PreviewViewToHostType {
  return typeof type === "string" && PREVIEW_VIEW_TYPES.includes(type);
}

export function isPreviewViewToHost(message: { type: string }): message is PreviewViewToHost {
  return isPreviewMessageType(message.type);
}

// ---------------------------------------------------------------------------------------
// validation of what the host receives
// ---------------------------------------------------------------------------------------

export type PreviewValidated = { ok: true; value: PreviewViewToHost } | { ok: false; reason: string };

type Fields = Record<string, unknown>;

function unexpectedKey(fields: Fields, allowed: readonly string[]): string | undefined {
  return Object.keys(fields).find((key) => !allowed.includes(key));
}

function isId(value: unknown, maxLength: number): value is string {
  return typeof value === "string" && value.length > 0 && value.length <= maxLength;
}

function isOptionalBoolean(value: unknown): value is boolean | undefined {
  return value === undefined || typeof value === "boolean";
}

function parseRun(fields: Fields): PreviewValidated {
  const { runId, imageId, layerId, flipKernel, allChannels, includeInput } = fields;
  if (typeof runId !== "number" || !Number.isSafeInteger(runId) || runId < 0) return { ok: false, reason: `"runId" must be an integer ≥ 0` };
  if (!isId(imageId, 4000)) return { ok: false, reason: `"imageId" must be a non-empty string` };
  if (!isId(layerId, 200)) return { ok: false, reason: `"layerId" must be a non-empty string` };
  for (const [key, value] of Object.entries({ flipKernel, allChannels, includeInput })) {
    if (!isOptionalBoolean(value)) return { ok: false, reason: `"${key}" must be true or false` };
  }
  const value: PreviewViewToHost = { type: "previewRun", runId, imageId, layerId };
  if (flipKernel !== undefined) value.flipKernel = flipKernel as boolean;
  if (allChannels !== undefined) value.allChannels = allChannels as boolean;
  if (includeInput !== undefined) value.includeInput = includeInput as boolean;
  return { ok: true, value };
}

const ALLOWED_KEYS: Record<PreviewViewToHostType, readonly string[]> = {
  previewListImages: ["type"],
  previewBrowse: ["type"],
  previewStop: ["type"],
  previewRun: ["type", "runId", "imageId", "layerId", "flipKernel", "allChannels", "includeInput"],
};

/** Checks a preview message (its `type` must be a preview type); stray keys are refused. */
export function validatePreviewMessage(type: PreviewViewToHostType, fields: Fields): PreviewValidated {
  const stray = unexpectedKey(fields, ALLOWED_KEYS[type]);
  if (stray !== undefined) return { ok: false, reason: `unexpected key "${stray}" in message ${type}` };
  switch (type) {
    case "previewListImages":
    case "previewBrowse":
    case "previewStop":
      return { ok: true, value: { type } };
    case "previewRun":
      return parseRun(fields);
  }
}
