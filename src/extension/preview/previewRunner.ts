/**
 * One preview worker for the whole extension, shared by every panel. A panel's new run
 * supersedes whatever ran before (its own or another panel's); a panel cancels only its own.
 */
import type { RunProgress } from "../../core/runner/runTypes";
import type { PreviewClient, PreviewOutcome } from "../../core/worker/previewClient";
import type { PreviewJob } from "../../core/worker/protocol";

export type { PreviewOutcome };

export interface PreviewRunner {
  run(owner: object, job: PreviewJob, onProgress: (progress: RunProgress) => void): Promise<PreviewOutcome>;
  /** Cancels the running job if `owner` started it. */
  cancel(owner: object): void;
}

/** The subset of PreviewClient the runner uses (a fake in unit tests). */
export type PreviewClientLike = Pick<PreviewClient, "run" | "cancel" | "dispose" | "warm">;

export class SharedPreviewRunner implements PreviewRunner {
  private client: PreviewClientLike | null = null;
  private activeOwner: object | null = null;

  constructor(private readonly createClient: () => PreviewClientLike) {}

  async run(owner: object, job: PreviewJob, onProgress: (progress: RunProgress) => void): Promise<PreviewOutcome> {
    this.client ??= this.createClient();
    this.activeOwner = owner;
    const outcome = await this.client.run(job, onProgress);
    if (this.activeOwner === owner && outcome.status !== "cancelled") this.activeOwner = null;
    return outcome;
  }

  /** Starts the worker ahead of the first run (a designer opened). */
  warm(): void {
    this.client ??= this.createClient();
    this.client.warm();
  }

  cancel(owner: object): void {
    if (this.activeOwner !== owner) return;
    this.activeOwner = null;
    this.client?.cancel();
  }

  dispose(): void {
    this.activeOwner = null;
    this.client?.dispose();
    this.client = null;
  }
}
