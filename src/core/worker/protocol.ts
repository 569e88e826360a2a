/**
 * Messages between the extension host (PreviewClient) and the preview worker. Types only,
 * no Node imports: the host, the worker and tests share them.
 */
import type { Analysis } from "../../engine/types";
import type { ImageErrorCode } from "../image/imageError";
import type { InputNormalization } from "../image/prepare";
import type { RunOptions, RunResult } from "../runner/runTypes";
import type { Tensor } from "../tensor";

/** Runner options that can cross a thread boundary (no callbacks). */
export type PreviewRunOptions = Omit<RunOptions, "isCancelled" | "signal" | "onProgress" | "team">;

/** The image to run: encoded file bytes (decoded and resized in the worker) or a ready tensor. */
export type PreviewImage = { kind: "encoded"; bytes: Uint8Array } | { kind: "tensor"; tensor: Tensor };

export interface PreviewJob {
  analysis: Analysis;
  image: PreviewImage;
  normalization?: InputNormalization;
  options?: PreviewRunOptions;
}

export type HostToWorker =
  /** Sent once after start: cell 0 of the Int32Array holds the newest request id; older runs stop. */
  | { type: "init"; cancelFlag: SharedArrayBuffer }
  /** Run a preview; replies with previewProgress* then previewDone or previewFailed. */
  | ({ type: "runPreview"; requestId: number } & PreviewJob);

/** over-budget: preparing the input image would pass the job's memory limit. */
export type PreviewErrorCode = ImageErrorCode | "over-budget" | "internal";

export interface PreviewError {
  code: PreviewErrorCode;
  message: string;
}

export type WorkerToHost =
  /** One layer finished. */
  | { type: "previewProgress"; requestId: number; completed: number; total: number; layerId: string }
  /** The run ended (complete, stopped at an invalid layer, failed in a layer, or cancelled). */
  | { type: "previewDone"; requestId: number; result: RunResult }
  /** The run could not start (the image was refused) or the worker hit a bug. */
  | { type: "previewFailed"; requestId: number; error: PreviewError };
