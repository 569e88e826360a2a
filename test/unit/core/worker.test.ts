/** The preview worker: its handler with a fake port, and a real worker_threads round trip. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../../../src/engine";
import type { Analysis } from "../../../src/engine/types";
import { createPreviewHandler, transferables } from "../../../src/core/worker/previewHandler";
import { PreviewClient } from "../../../src/core/worker/previewClient";
import type { HostToWorker, PreviewJob, WorkerToHost } from "../../../src/core/worker/protocol";

const camera = new Uint8Array(readFileSync(join(__dirname, "../../../media/samples/camera.png")));
const small = analyze({
  version: 1, input: [1, 32, 32],
  layers: [{ id: "edges", type: "conv2d", filters: 2, kernel: 3, padding: "same", bias: false, weights: { kernels: ["sobel-x", "sobel-y"] } }, { id: "pool", type: "maxpool2d", kernel: 2 }],
});
const slow = analyze({ version: 1, input: [3, 128, 128], layers: Array.from({ length: 6 }, (_unused, index) => ({ id: `c${index}`, type: "conv2d", filters: 256, kernel: 3, padding: 1 })) });

function runHandler(messages: HostToWorker[]): WorkerToHost[] {
  const replies: WorkerToHost[] = [];
  const handler = createPreviewHandler((message) => replies.push(message));
  for (const message of messages) handler.handle(message);
  return replies;
}

describe("preview handler (fake port)", () => {
  it("decodes the image, reports progress and returns the result", () => {
    const replies = runHandler([{ type: "runPreview", requestId: 7, analysis: small, image: { kind: "encoded", bytes: camera } }]);
    expect(replies.map((reply) => reply.type)).toEqual(["previewProgress", "previewProgress", "previewDone"]);
    const done = replies[2];
    if (done.type !== "previewDone") throw new Error("expected previewDone");
    expect(done.requestId).toBe(7);
    expect(done.result.status).toBe("complete");
    expect(done.result.layers[0].featureMaps!.maps).toHaveLength(2);
    expect(transferables(done.result).length).toBeGreaterThanOrEqual(4);
  });

  it("returns a refused image as previewFailed with the image error code", () => {
    const replies = runHandler([{ type: "runPreview", requestId: 1, analysis: small, image: { kind: "encoded", bytes: new TextEncoder().encode("GIF89a....") } }]);
    expect(replies).toEqual([{ type: "previewFailed", requestId: 1, error: expect.objectContaining({ code: "unsupported-format" }) }]);
  });

  it("cancels a run whose id is no longer the newest in the shared flag", () => {
    const flag = new SharedArrayBuffer(4);
    new Int32Array(flag)[0] = 2;
    const replies = runHandler([{ type: "init", cancelFlag: flag }, { type: "runPreview", requestId: 1, analysis: small, image: { kind: "encoded", bytes: camera } }]);
    expect(replies.at(-1)).toMatchObject({ type: "previewDone", result: { status: "cancelled", completed: 0 } });
  });

  it("turns an unexpected exception into previewFailed internal", () => {
    const broken = { input: [1, 32, 32], nodes: null } as unknown as Analysis;
    const replies = runHandler([{ type: "runPreview", requestId: 3, analysis: broken, image: { kind: "tensor", tensor: { shape: [1, 32, 32], data: new Float32Array(1024) } } }]);
    expect(replies).toEqual([{ type: "previewFailed", requestId: 3, error: expect.objectContaining({ code: "internal" }) }]);
  });
});

describe("preview worker (real thread)", () => {
  let directory = "";
  let client: PreviewClient;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), "preview-worker-"));
    await build({ entryPoints: [join(__dirname, "../../../src/core/worker/previewWorker.ts")], bundle: true, platform: "node", format: "cjs", outfile: join(directory, "previewWorker.js"), logLevel: "silent" });
    client = new PreviewClient(join(directory, "previewWorker.js"));
  });

  afterAll(() => {
    client.dispose();
    rmSync(directory, { recursive: true, force: true });
  });

  it("runs a preview round trip with progress", async () => {
    const progress: string[] = [];
    const outcome = await client.run({ analysis: small, image: { kind: "encoded", bytes: camera } }, (step) => progress.push(step.layerId));
    expect(progress).toEqual(["edges", "pool"]);
    expect(outcome.status).toBe("done");
    if (outcome.status === "done") {
      expect(outcome.result.layers[1].shape).toEqual([2, 16, 16]);
      expect(outcome.result.layers[1].featureMaps!.maps[0].pixels).toBeInstanceOf(Uint8Array);
    }
  });

  it("a newer request cancels an older one", async () => {
    const job: PreviewJob = { analysis: slow, image: { kind: "tensor", tensor: { shape: [3, 128, 128], data: new Float32Array(3 * 128 * 128).fill(0.5) } } };
    const started = Date.now();
    const first = client.run(job);
    const second = client.run({ analysis: small, image: { kind: "encoded", bytes: camera } });
    expect(await first).toEqual({ status: "cancelled" });
    expect((await second).status).toBe("done");
    // The slow network alone takes several seconds; the cancel stops it within a block.
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it("reports image errors as data", async () => {
    const outcome = await client.run({ analysis: small, image: { kind: "encoded", bytes: new Uint8Array(0) } });
    expect(outcome).toMatchObject({ status: "failed", error: { code: "empty-file" } });
  });
});
