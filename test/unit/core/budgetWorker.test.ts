/**
 * Budget-busting jobs through the real preview worker thread: refused (up front, or by the
 * allocation guard while preparing the input) and the same worker then runs a normal preview.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../../../src/engine";
import { PreviewClient } from "../../../src/core/worker/previewClient";
import type { PreviewJob } from "../../../src/core/worker/protocol";

const camera = new Uint8Array(readFileSync(join(__dirname, "../../../media/samples/camera.png")));
const LIMIT = 512 * 1024 * 1024;
const HOSTILE_SPEC = `{"version":1,"input":[1,8,8],"layers":[{"id":"a","type":"adaptiveavgpool2d","outputSize":16384},{"id":"b","type":"adaptivemaxpool2d","outputSize":16384,"inputs":["input"]},{"id":"sum","type":"add","inputs":["a","b"]}]}`;
const normal: PreviewJob = {
  analysis: analyze({ version: 1, input: [1, 64, 64], layers: [{ id: "edges", type: "conv2d", filters: 2, kernel: 3, padding: "same", weights: { kernels: ["sobel-x", "sobel-y"] } }] }),
  image: { kind: "encoded", bytes: camera },
  options: { memoryLimitBytes: LIMIT },
};

describe("budget-busting previews in the real worker", () => {
  let directory = "";
  let client: PreviewClient;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), "preview-budget-"));
    await build({ entryPoints: [join(__dirname, "../../../src/core/worker/previewWorker.ts")], bundle: true, platform: "node", format: "cjs", outfile: join(directory, "previewWorker.js"), logLevel: "silent" });
    client = new PreviewClient(join(directory, "previewWorker.js"));
  });

  afterAll(() => {
    client.dispose();
    rmSync(directory, { recursive: true, force: true });
  });

  it("refuses the 236-byte spec up front, then runs a normal preview", async () => {
    const hostile: PreviewJob = { analysis: analyze(HOSTILE_SPEC), image: { kind: "tensor", tensor: { shape: [1, 8, 8], data: new Float32Array(64) } }, options: { memoryLimitBytes: LIMIT } };
    const refused = await client.run(hostile);
    expect(refused).toMatchObject({ status: "done", result: { status: "stopped", completed: 0, stoppedAt: { layerId: "sum", overBudget: true } } });
    const after = await client.run(normal);
    expect(after).toMatchObject({ status: "done", result: { status: "complete", completed: 1 } });
  });

  it("the allocation guard refuses a 3×16384×16384 input while the image is resized, then runs a normal preview", async () => {
    const huge: PreviewJob = { analysis: analyze({ version: 1, input: [3, 16384, 16384], layers: [{ id: "act", type: "relu" }] }), image: { kind: "encoded", bytes: camera }, options: { memoryLimitBytes: LIMIT } };
    const refused = await client.run(huge);
    expect(refused).toMatchObject({ status: "failed", error: { code: "over-budget" } });
    if (refused.status === "failed") expect(refused.error.message).toMatch(/^Preparing the input image: .* the preview memory limit is 512 MB\.$/);
    const after = await client.run(normal);
    expect(after).toMatchObject({ status: "done", result: { status: "complete", completed: 1 } });
  });
});
