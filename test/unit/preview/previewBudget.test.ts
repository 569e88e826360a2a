/** The host refuses over-budget previews before the worker; settings are clamped; images are stat'ed before they are read. */
import { describe, expect, it } from "vitest";
import { analyze } from "../../../src/engine";
import type { Analysis } from "../../../src/engine/types";
import { ImageCatalog } from "../../../src/extension/preview/imageCatalog";
import { PanelPreview, type PreviewDocumentState } from "../../../src/extension/preview/panelPreview";
import { clampedSettings, runOptionsFor, type PreviewSettings } from "../../../src/extension/preview/previewJob";
import type { PreviewHostToView, PreviewViewToHost } from "../../../src/protocol";
import { FakeFiles, InlineRunner, settle } from "./fakes";

const HOSTILE_SPEC = `{"version":1,"input":[1,8,8],"layers":[{"id":"a","type":"adaptiveavgpool2d","outputSize":16384},{"id":"b","type":"adaptivemaxpool2d","outputSize":16384,"inputs":["input"]},{"id":"sum","type":"add","inputs":["a","b"]}]}`;
const bigInput = (input: number[]): object => ({ version: 1, input, layers: [{ id: "conv1", type: "conv2d", filters: 16, kernel: 3, padding: 1, activation: "relu" }] });

function setUp(spec: string | object, settings: PreviewSettings = { channelCap: 16, previewSeed: 0 }) {
  const files = new FakeFiles();
  const runner = new InlineRunner();
  const posted: PreviewHostToView[] = [];
  const document: PreviewDocumentState = {
    docVersion: 1, analysis: analyze(spec), seedWritten: false,
    analyzeWithInput: typeof spec === "string" ? undefined : (input) => analyze({ ...spec, input }),
  };
  const preview = new PanelPreview({
    post: (message) => posted.push(message), document: () => document, runner, catalog: new ImageCatalog(files), settings: () => settings,
    log: { info: () => {}, warn: () => {}, error: () => {} },
  });
  const send = async (message: PreviewViewToHost) => {
    await preview.handle(message);
    await settle();
  };
  return { files, runner, posted, document, send };
}

function lastError(posted: PreviewHostToView[]): Extract<PreviewHostToView, { type: "previewError" }> | undefined {
  return posted.filter((message): message is Extract<PreviewHostToView, { type: "previewError" }> => message.type === "previewError").at(-1);
}

describe("budget checks on the host", () => {
  it("refuses the 236-byte spec before the worker, naming the layer and the numbers", async () => {
    const { runner, posted, send } = setUp(HOSTILE_SPEC);
    await send({ type: "previewListImages" });
    await send({ type: "previewRun", runId: 1, imageId: "sample:camera.png", layerId: "sum" });
    expect(runner.jobs).toEqual([]);
    expect(lastError(posted)).toEqual({
      type: "previewError", runId: 1, code: "over-budget",
      message: "Input 1×8×8 needs ~4.02 GB at layer sum (1×16384×16384 float32 = 1.00 GB, with 2.00 GB of inputs and earlier outputs held); the preview memory limit is 512 MB. The limit is the setting cnnDesigner.preview.maxMemoryMB.",
    });
  });

  it("suggests the largest halved input that fits, and runs a normal preview afterwards", async () => {
    const { runner, posted, send, document } = setUp(bigInput([3, 4096, 4096]));
    await send({ type: "previewListImages" });
    await send({ type: "previewRun", runId: 1, imageId: "sample:camera.png", layerId: "conv1" });
    expect(runner.jobs).toEqual([]);
    expect(lastError(posted)?.message).toMatch(/^Input 3×4096×4096 needs ~2\.\d\d GB at layer conv1 \(16×4096×4096 float32 = 1\.00 GB, .*\); the preview memory limit is 512 MB\. With input 3×1024×1024 it needs ~\d+ MB\. The limit is the setting cnnDesigner\.preview\.maxMemoryMB\.$/);
    document.analysis = analyze(bigInput([3, 256, 256]));
    await send({ type: "previewRun", runId: 2, imageId: "sample:camera.png", layerId: "conv1" });
    expect(posted.at(-1)).toMatchObject({ type: "previewResult", runId: 2, result: { status: "complete" } });
  });

  it("a larger maxMemoryMB lets the same input run up to its maximum; the job carries the limits", () => {
    const analysis: Analysis = analyze(bigInput([3, 64, 64]));
    const options = runOptionsFor(analysis, { runId: 1, imageId: "x", layerId: "conv1" }, { channelCap: 16, previewSeed: 0, maxMemoryMB: 1e9 });
    expect(options.memoryLimitBytes).toBe(4096 * 1024 * 1024);
    expect(options.macsLimit).toBe(40e9);
  });
});

describe("settings are clamped", () => {
  it.each([
    [{ channelCap: 1e9, maxMemoryMB: 1e12 }, { channelCap: 256, maxMemoryMB: 4096 }],
    [{ channelCap: -3, maxMemoryMB: 1 }, { channelCap: 1, maxMemoryMB: 128 }],
    [{ channelCap: Number.NaN, maxMemoryMB: Number.POSITIVE_INFINITY }, { channelCap: 16, maxMemoryMB: 512 }],
    [{ channelCap: 7.9, maxMemoryMB: undefined }, { channelCap: 7, maxMemoryMB: 512 }],
  ])("%j → %j", (given, expected) => {
    expect(clampedSettings({ previewSeed: 0, ...given })).toEqual({ previewSeed: 0, ...expected });
  });

  it("the posted channel cap and the kernels sent follow the clamped cap", async () => {
    const { posted, send } = setUp(bigInput([3, 32, 32]), { channelCap: 1e9, previewSeed: 0 });
    await send({ type: "previewListImages" });
    expect(posted[0]).toMatchObject({ type: "previewImages", channelCap: 256 });
    const options = runOptionsFor(analyze(bigInput([3, 32, 32])), { runId: 1, imageId: "x", layerId: "conv1" }, { channelCap: 1e9, previewSeed: 0 });
    expect(options.maxChannels).toBe(16);
    expect(options.maxKernelFilters).toBe(64);
  });
});

describe("image files are checked before they are read", () => {
  it("a 5 GB file is refused from its size; its bytes are never read", async () => {
    const { files, posted, send } = setUp(bigInput([3, 32, 32]));
    files.sizes.set("file:///w/photos/cat.png", 5 * 1024 ** 3);
    await send({ type: "previewListImages" });
    await send({ type: "previewRun", runId: 3, imageId: "workspace:file:///w/photos/cat.png", layerId: "conv1" });
    expect(files.stats).toContain("file:///w/photos/cat.png");
    expect(files.reads).not.toContain("file:///w/photos/cat.png");
    expect(lastError(posted)).toEqual({ type: "previewError", runId: 3, code: "file-too-large", message: "cat.png is 5120.0 MB; the limit is 25.0 MB. Save a smaller copy (a preview needs only a few hundred pixels per side)." });
  });
});
