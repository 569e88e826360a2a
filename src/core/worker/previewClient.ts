/**
 * Host side of the preview worker: starts dist/previewWorker.js lazily, runs one preview at
 * a time, and lets a newer request cancel an older one. Cancellation is cooperative through
 * a SharedArrayBuffer cell holding the newest request id (the runner checks it between layers
 * and blocks); if the old run does not stop within `terminateAfterMs`, the worker is
 * terminated and restarted with the newest request.
 */
import { Worker } from "node:worker_threads";
import type { RunProgress, RunResult } from "../runner/runTypes";
import type { HostToWorker, PreviewError, PreviewJob, WorkerToHost } from "./protocol";

export type PreviewOutcome =
  | { status: "done"; result: RunResult }
  | { status: "failed"; error: PreviewError }
  /** A newer request (or cancel/dispose) superseded this one. */
  | { status: "cancelled" };

export interface PreviewClientOptions {
  /** How long a superseded run may take to stop before the worker is restarted (default 3000 ms). */
  terminateAfterMs?: number;
}

interface ActiveRequest {
  requestId: number;
  job: PreviewJob;
  resolve: (outcome: PreviewOutcome) => void;
  onProgress?: (progress: RunProgress) => void;
}

export class PreviewClient {
  private worker: Worker | null = null;
  private readonly cancelFlag = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  private nextRequestId = 1;
  private active: ActiveRequest | null = null;
  /** Requests posted to the worker that have not replied yet (the worker runs them in order). */
  private readonly running = new Set<number>();
  private terminateTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly terminateAfterMs: number;

  constructor(private readonly workerPath: string, options: PreviewClientOptions = {}) {
    this.terminateAfterMs = options.terminateAfterMs ?? 3000;
  }

  /** Runs a preview; any earlier pending run resolves as cancelled. */
  run(job: PreviewJob, onProgress?: (progress: RunProgress) => void): Promise<PreviewOutcome> {
    this.supersedeActive();
    const requestId = this.nextRequestId++;
    Atomics.store(this.cancelFlag, 0, requestId);
    return new Promise((resolve) => {
      this.active = { requestId, job, resolve, onProgress };
      if (this.running.size > 0) this.armTerminateTimer();
      this.post(requestId, job);
    });
  }

  /** Starts the worker thread now (its module and WebAssembly load before the first run). */
  warm(): void {
    this.ensureWorker();
  }

  /** Cancels the pending run, if any. */
  cancel(): void {
    this.supersedeActive();
    Atomics.store(this.cancelFlag, 0, 0);
  }

  /** Cancels and stops the worker thread. */
  dispose(): void {
    this.cancel();
    this.stopWorker();
  }

  private post(requestId: number, job: PreviewJob): void {
    const message: HostToWorker = { type: "runPreview", requestId, ...job };
    this.running.add(requestId);
    this.ensureWorker().postMessage(message);
  }

  private ensureWorker(): Worker {
    if (this.worker !== null) return this.worker;
    const worker = new Worker(this.workerPath);
    worker.on("message", (message: WorkerToHost) => this.onMessage(message));
    worker.on("error", (error) => this.onWorkerLost(`The preview worker crashed: ${error.message}`));
    worker.on("exit", (code) => {
      if (this.worker === worker) this.onWorkerLost(`The preview worker exited with code ${code}.`);
    });
    const init: HostToWorker = { type: "init", cancelFlag: this.cancelFlag.buffer as SharedArrayBuffer };
    worker.postMessage(init);
    this.worker = worker;
    return worker;
  }

  private onMessage(message: WorkerToHost): void {
    if (message.type !== "previewProgress") {
      this.running.delete(message.requestId);
      if (this.running.size === 0) this.clearTerminateTimer();
    }
    const active = this.active;
    if (active === null || message.requestId !== active.requestId) return;
    switch (message.type) {
      case "previewProgress":
        active.onProgress?.({ completed: message.completed, total: message.total, layerId: message.layerId });
        return;
      case "previewDone":
        this.settle(message.result.status === "cancelled" ? { status: "cancelled" } : { status: "done", result: message.result });
        return;
      case "previewFailed":
        this.settle({ status: "failed", error: message.error });
        return;
    }
  }

  private onWorkerLost(reason: string): void {
    this.worker = null;
    this.running.clear();
    this.clearTerminateTimer();
    this.settle({ status: "failed", error: { code: "internal", message: reason } });
  }

  private settle(outcome: PreviewOutcome): void {
    const active = this.active;
    this.active = null;
    active?.resolve(outcome);
  }

  private supersedeActive(): void {
    this.settle({ status: "cancelled" });
  }

  /** A superseded run that ignores the cancel flag for too long costs a worker restart. */
  private armTerminateTimer(): void {
    if (this.terminateTimer !== null) return;
    this.terminateTimer = setTimeout(() => {
      this.terminateTimer = null;
      const active = this.active;
      const stillBlocked = [...this.running].some((id) => active === null || id !== active.requestId);
      if (!stillBlocked) return;
      this.stopWorker();
      if (active !== null) this.post(active.requestId, active.job);
    }, this.terminateAfterMs);
  }

  private clearTerminateTimer(): void {
    if (this.terminateTimer !== null) clearTimeout(this.terminateTimer);
    this.terminateTimer = null;
  }

  private stopWorker(): void {
    const worker = this.worker;
    this.worker = null;
    this.running.clear();
    this.clearTerminateTimer();
    void worker?.terminate();
  }
}
