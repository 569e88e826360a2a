/** Fakes for the host side of the preview: files, a runner on the real core (in-thread), a document. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { RunProgress } from "../../../src/core/runner/runTypes";
import type { PreviewOutcome } from "../../../src/core/worker/previewClient";
import { createPreviewHandler } from "../../../src/core/worker/previewHandler";
import type { PreviewJob } from "../../../src/core/worker/protocol";
import type { ImageFile, ImageFileSystem } from "../../../src/extension/preview/imageCatalog";
import type { PreviewRunner } from "../../../src/extension/preview/previewRunner";

export const repoRoot = join(__dirname, "../../..");
export const templateText = (name: string): string => readFileSync(join(repoRoot, "media/templates", `${name}.cnn.json`), "utf8");
export const sampleBytes = (name: string): Uint8Array => new Uint8Array(readFileSync(join(repoRoot, "media/samples", name)));

export class FakeFiles implements ImageFileSystem {
  trusted = true;
  workspace: ImageFile[] = [{ uri: "file:///w/photos/cat.png", name: "cat.png", detail: "photos/cat.png" }];
  picked: ImageFile | undefined = { uri: "file:///elsewhere/dog.jpg", name: "dog.jpg" };
  readonly contents = new Map<string, Uint8Array>([
    ["file:///samples/camera.png", sampleBytes("camera.png")],
    ["file:///samples/astronaut.jpg", sampleBytes("astronaut.jpg")],
    ["file:///w/photos/cat.png", new TextEncoder().encode("not really a PNG")],
    ["file:///elsewhere/dog.jpg", sampleBytes("chelsea.jpg")],
  ]);
  readonly reads: string[] = [];

  isTrusted(): boolean {
    return this.trusted;
  }
  async listSamples(): Promise<ImageFile[]> {
    return [{ uri: "file:///samples/camera.png", name: "camera.png" }, { uri: "file:///samples/astronaut.jpg", name: "astronaut.jpg" }];
  }
  async findWorkspaceImages(limit: number): Promise<ImageFile[]> {
    return this.workspace.slice(0, limit);
  }
  async pickImage(): Promise<ImageFile | undefined> {
    return this.picked;
  }
  readonly stats: string[] = [];
  /** Sizes reported by fileSize instead of the contents' (a huge file that is never read). */
  readonly sizes = new Map<string, number>();
  async fileSize(uri: string): Promise<number> {
    this.stats.push(uri);
    const bytes = this.contents.get(uri);
    if (!bytes) throw new Error("ENOENT: no such file");
    return this.sizes.get(uri) ?? bytes.byteLength;
  }
  async readFile(uri: string): Promise<Uint8Array> {
    this.reads.push(uri);
    const bytes = this.contents.get(uri);
    if (!bytes) throw new Error("ENOENT: no such file");
    return bytes;
  }
}

interface Pending {
  owner: object;
  job: PreviewJob;
  onProgress: (progress: RunProgress) => void;
  resolve: (outcome: PreviewOutcome) => void;
}

/**
 * Runs jobs on the real core in this thread. With `hold`, jobs wait until finish() so tests
 * can change the document or start another run meanwhile; a newer run cancels an older one.
 */
export class InlineRunner implements PreviewRunner {
  hold = false;
  readonly jobs: PreviewJob[] = [];
  private pending: Pending | null = null;

  run(owner: object, job: PreviewJob, onProgress: (progress: RunProgress) => void): Promise<PreviewOutcome> {
    this.jobs.push(job);
    this.pending?.resolve({ status: "cancelled" });
    return new Promise((resolve) => {
      this.pending = { owner, job, onProgress, resolve };
      if (!this.hold) this.finish();
    });
  }

  cancel(owner: object): void {
    if (this.pending?.owner !== owner) return;
    this.pending.resolve({ status: "cancelled" });
    this.pending = null;
  }

  get waiting(): boolean {
    return this.pending !== null;
  }

  /** Runs the held job now. */
  finish(): void {
    const pending = this.pending;
    if (!pending) throw new Error("no job is waiting");
    this.pending = null;
    let outcome: PreviewOutcome = { status: "failed", error: { code: "internal", message: "no reply" } };
    const handler = createPreviewHandler((message) => {
      if (message.type === "previewProgress") pending.onProgress(message);
      else if (message.type === "previewDone") outcome = message.result.status === "cancelled" ? { status: "cancelled" } : { status: "done", result: message.result };
      else outcome = { status: "failed", error: message.error };
    });
    handler.handle({ type: "runPreview", requestId: 1, ...pending.job });
    pending.resolve(outcome);
  }
}

/** Lets pending promise callbacks run. */
export async function settle(): Promise<void> {
  for (let round = 0; round < 5; round++) await new Promise((resolve) => setImmediate(resolve));
}
