/**
 * The preview side of one designer panel: lists images, runs the network on the shared
 * worker, streams progress, and sends the result or the problem as data. A document change
 * cancels the run and runs the same request again on the new analysis, until the view stops.
 * A run over the memory or MACs budget is refused before it reaches the worker (previewBudget.ts).
 * No vscode import: the document, the runner and the image catalog are injected.
 */
import type { Analysis } from "../../engine/types";
import type { PreviewCancelReason, PreviewErrorCode, PreviewHostToView, PreviewRunRequest, PreviewViewToHost } from "../../protocol";
import type { Logger } from "../hostServices";
import type { ImageCatalog, ImageList } from "./imageCatalog";
import { checkPreviewBudget, imageBytesToPrepare, previewLimits, type AnalyzeWithInput } from "./previewBudget";
import { buildPreviewJob, clampedSettings, overridesFlip, type PreviewSettings } from "./previewJob";
import type { PreviewOutcome, PreviewRunner } from "./previewRunner";
import { toPreviewResult } from "./resultMessage";

/** Progress is posted at most this often (and always for the last layer). */
const PROGRESS_INTERVAL_MS = 50;

/** The document as the preview needs it. */
export interface PreviewDocumentState {
  docVersion: number;
  /** The analysis the designer shows (the last one of valid JSON), null when there is none. */
  analysis: Analysis | null;
  /** True when the file has a top-level `seed` (else the setting's seed is used). */
  seedWritten: boolean;
  /** The same spec analysed with another input, for suggesting one that fits the budget. */
  analyzeWithInput?: AnalyzeWithInput;
}

export interface PanelPreviewDeps {
  post(message: PreviewHostToView): void;
  document(): PreviewDocumentState;
  runner: PreviewRunner;
  catalog: ImageCatalog;
  settings(): PreviewSettings;
  log: Logger;
}

interface Attempt {
  request: PreviewRunRequest;
  /** Set by whoever ends the attempt early. */
  cancelReason?: PreviewCancelReason;
}

export class PanelPreview {
  /** The request to run again when the document changes (null: the view stopped). */
  private request: PreviewRunRequest | null = null;
  private inFlight: Attempt | null = null;

  constructor(private readonly deps: PanelPreviewDeps) {}

  async handle(message: PreviewViewToHost): Promise<void> {
    switch (message.type) {
      case "previewListImages":
        return this.listImages();
      case "previewBrowse":
        return this.browse();
      case "previewRun": {
        const { type: _type, ...request } = message;
        return this.start(request, "superseded");
      }
      case "previewStop":
        return this.stop();
    }
  }

  /** The document changed: cancel and run the same request on the new analysis. */
  onDocumentChanged(): void {
    if (this.request !== null) void this.start({ ...this.request, includeInput: false }, "spec-changed");
  }

  /** The view (re)started or went away: stop running. */
  stop(): void {
    this.request = null;
    this.endInFlight("stopped");
  }

  private endInFlight(reason: PreviewCancelReason): void {
    if (this.inFlight === null) return;
    this.inFlight.cancelReason ??= reason;
    this.inFlight = null;
    this.deps.runner.cancel(this);
  }

  private async listImages(): Promise<void> {
    const post = (list: ImageList) => this.deps.post({ type: "previewImages", ...list, channelCap: this.channelCap() });
    post(await this.deps.catalog.list(post));
  }

  private async browse(): Promise<void> {
    const picked = await this.deps.catalog.pick();
    if (!picked.ok) return this.postError(null, picked.code, picked.message);
    if (picked.id === undefined) return;
    const catalog = this.deps.catalog;
    this.deps.post({ type: "previewImages", images: catalog.options(), workspaceTrusted: true, channelCap: this.channelCap(), pickedId: picked.id });
  }

  private channelCap(): number {
    return clampedSettings(this.deps.settings()).channelCap;
  }

  private async start(request: PreviewRunRequest, reasonForPrevious: PreviewCancelReason): Promise<void> {
    this.endInFlight(reasonForPrevious);
    this.request = request;
    const attempt: Attempt = { request };
    this.inFlight = attempt;
    const problem = this.checkRequest(request);
    if (problem !== null) return this.finishWithError(attempt, problem.code, problem.message);
    const image = await this.deps.catalog.read(request.imageId);
    if (this.inFlight !== attempt) return this.postCancelled(attempt);
    if (!image.ok) return this.finishWithError(attempt, image.code, image.message);
    await this.run(attempt, image.bytes);
  }

  private checkRequest(request: PreviewRunRequest): { code: PreviewErrorCode; message: string } | null {
    const { analysis } = this.deps.document();
    if (analysis === null || analysis.parseFailed) return { code: "no-analysis", message: "The file has never been valid JSON, so there is no network to preview." };
    if (!analysis.nodes.some((node) => node.id === request.layerId)) {
      return { code: "unknown-layer", message: `There is no layer "${request.layerId}" in the current file.` };
    }
    return null;
  }

  private async run(attempt: Attempt, bytes: Uint8Array): Promise<void> {
    const { request } = attempt;
    const { analysis, docVersion, seedWritten, analyzeWithInput } = this.deps.document();
    if (analysis === null) return this.finishWithError(attempt, "no-analysis", "There is no analysis to run.");
    const settings = clampedSettings(this.deps.settings());
    const job = buildPreviewJob(analysis, request, settings, seedWritten, bytes);
    const budget = checkPreviewBudget(
      job.analysis, job.options ?? {}, previewLimits(settings.maxMemoryMB), imageBytesToPrepare(bytes, job.analysis.input),
      analyzeWithInput,
    );
    if (!budget.ok) return this.finishWithError(attempt, "over-budget", budget.message);
    const started = Date.now();
    let lastProgress = 0;
    const outcome = await this.deps.runner.run(this, job, (progress) => {
      if (this.inFlight !== attempt) return;
      const now = Date.now();
      if (progress.completed < progress.total && now - lastProgress < PROGRESS_INTERVAL_MS) return;
      lastProgress = now;
      this.deps.post({ type: "previewProgress", runId: request.runId, completed: progress.completed, total: progress.total, layerId: progress.layerId });
    });
    if (this.inFlight !== attempt) return this.postCancelled(attempt);
    this.inFlight = null;
    if (outcome.status !== "done") return this.postUnfinished(attempt, outcome);
    const result = toPreviewResult(outcome.result, {
      docVersion,
      imageId: request.imageId,
      layerId: request.layerId,
      analysis: job.analysis,
      flipOverridden: overridesFlip(analysis, request),
      milliseconds: Date.now() - started,
      inputBytes: request.includeInput ? bytes : undefined,
    });
    this.deps.post({ type: "previewResult", runId: request.runId, result });
  }

  private postUnfinished(attempt: Attempt, outcome: Exclude<PreviewOutcome, { status: "done" }>): void {
    if (outcome.status === "cancelled") return this.postCancelled(attempt);
    const { code, message } = outcome.error;
    if (code === "internal") this.deps.log.error(`Preview failed: ${message}`);
    this.postError(attempt.request.runId, code, code === "internal" ? firstLine(message) : message);
  }

  private finishWithError(attempt: Attempt, code: PreviewErrorCode, message: string): void {
    if (this.inFlight === attempt) this.inFlight = null;
    this.postError(attempt.request.runId, code, message);
  }

  private postCancelled(attempt: Attempt): void {
    this.deps.post({ type: "previewCancelled", runId: attempt.request.runId, reason: attempt.cancelReason ?? "superseded" });
  }

  private postError(runId: number | null, code: PreviewErrorCode, message: string): void {
    this.deps.post({ type: "previewError", runId, code, message });
  }
}

function firstLine(text: string): string {
  return text.split("\n")[0];
}
