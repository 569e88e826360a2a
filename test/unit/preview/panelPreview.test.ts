import { describe, expect, it } from "vitest";
import { analyze } from "../../../src/engine";
import type { Analysis } from "../../../src/engine/types";
import { ImageCatalog } from "../../../src/extension/preview/imageCatalog";
import { PanelPreview, type PreviewDocumentState } from "../../../src/extension/preview/panelPreview";
import type { PreviewHostToView, PreviewResultData, PreviewViewToHost } from "../../../src/protocol";
import { FakeFiles, InlineRunner, settle, templateText } from "./fakes";

const edges = analyze(templateText("edge-detection"));

function setUp(analysis: Analysis | null = edges, runner = new InlineRunner()) {
  const files = new FakeFiles();
  const catalog = new ImageCatalog(files);
  const posted: PreviewHostToView[] = [];
  const logged: string[] = [];
  const document: PreviewDocumentState = { docVersion: 1, analysis, seedWritten: false };
  const preview = new PanelPreview({
    post: (message) => posted.push(message),
    document: () => document,
    runner,
    catalog,
    settings: () => ({ channelCap: 16, previewSeed: 0 }),
    log: { info: () => {}, warn: () => {}, error: (message) => logged.push(message) },
  });
  const send = async (message: PreviewViewToHost) => {
    await preview.handle(message);
    await settle();
  };
  /** For runs the runner holds: handle() resolves only when the run ends. */
  const start = async (message: PreviewViewToHost) => {
    void preview.handle(message);
    await settle();
  };
  return { files, runner, catalog, posted, logged, document, preview, send, start };
}

function resultOf(posted: PreviewHostToView[]): PreviewResultData {
  const message = posted.filter((candidate) => candidate.type === "previewResult").at(-1);
  if (message?.type !== "previewResult") throw new Error(`no result in ${posted.map((candidate) => candidate.type).join(", ")}`);
  return message.result;
}

const pixels = (base64: string): Uint8Array => new Uint8Array(Buffer.from(base64, "base64"));

describe("a panel's preview (real core, in-thread)", () => {
  it("lists the images with the channel cap: the samples first (a run need not wait for the workspace search), then all", async () => {
    const { posted, send } = setUp();
    await send({ type: "previewListImages" });
    expect(posted).toEqual([
      expect.objectContaining({ type: "previewImages", workspaceTrusted: true, channelCap: 16 }),
      expect.objectContaining({ type: "previewImages", workspaceTrusted: true, channelCap: 16 }),
    ]);
    const ids = (index: number) => (posted[index] as { images: { id: string }[] }).images.map((image) => image.id);
    expect(ids(0).every((id) => id.startsWith("sample:"))).toBe(true);
    expect(ids(1)).toEqual(expect.arrayContaining(ids(0)));
  });

  it("previews Sobel maps on a photo: progress, signed maps, the sobel kernels, the input bytes", async () => {
    const { posted, send } = setUp();
    await send({ type: "previewListImages" });
    await send({ type: "previewRun", runId: 4, imageId: "sample:camera.png", layerId: "sobel", includeInput: true });
    expect(posted.filter((message) => message.type === "previewProgress")).toEqual([{ type: "previewProgress", runId: 4, completed: 1, total: 1, layerId: "sobel" }]);
    const result = resultOf(posted);
    expect(result).toMatchObject({ docVersion: 1, imageId: "sample:camera.png", layerId: "sobel", status: "complete", flipOverridden: false });
    const selected = result.selected!;
    expect(selected.shape).toEqual([2, 256, 256]);
    expect(selected.stats.minimum).toBeLessThan(0);
    expect(selected.stats.maximum).toBeGreaterThan(0);
    expect(selected.flipKernel).toBe(false);
    const maps = selected.featureMaps!;
    expect(maps.maps).toHaveLength(2);
    expect(pixels(maps.maps[0].pixels)).toHaveLength(256 * 256);
    expect(maps.maps[0].minimum).toBeLessThan(0);
    expect(selected.kernels!.values).toEqual([-1, 0, 1, -2, 0, 2, -1, 0, 1, -1, -2, -1, 0, 0, 0, 1, 2, 1]);
    expect(result.input).toEqual({ bytes: Buffer.from(await new FakeFiles().readFile("file:///samples/camera.png")).toString("base64"), byteLength: 32749 });
  });

  it("true convolution on sobel inverts the maps' signs: ranges swap and every pixel level mirrors", async () => {
    const { posted, send } = setUp();
    await send({ type: "previewListImages" });
    await send({ type: "previewRun", runId: 1, imageId: "sample:camera.png", layerId: "sobel" });
    const plain = resultOf(posted).selected!.featureMaps!.maps;
    await send({ type: "previewRun", runId: 2, imageId: "sample:camera.png", layerId: "sobel", flipKernel: true });
    const result = resultOf(posted);
    expect(result.flipOverridden).toBe(true);
    expect(result.selected!.flipKernel).toBe(true);
    const flipped = result.selected!.featureMaps!.maps;
    for (const [index, map] of flipped.entries()) {
      expect(map.minimum).toBeCloseTo(-plain[index].maximum, 5);
      expect(map.maximum).toBeCloseTo(-plain[index].minimum, 5);
      const before = pixels(plain[index].pixels);
      const worst = pixels(map.pixels).reduce((largest, level, at) => Math.max(largest, Math.abs(level - (255 - before[at]))), 0);
      expect(worst).toBeLessThanOrEqual(1);
    }
  });

  it("relu maps have no negatives; every layer that ran has statistics", async () => {
    const { posted, send } = setUp();
    await send({ type: "previewListImages" });
    await send({ type: "previewRun", runId: 1, imageId: "sample:astronaut.jpg", layerId: "positive" });
    const result = resultOf(posted);
    expect(result.selected!.stats.minimum).toBe(0);
    expect(result.selected!.stats.fractionNegative).toBe(0);
    expect(result.layers.map((layer) => layer.id)).toEqual(["sobel", "scharr", "laplacian", "blur", "log", "flipped", "edges", "positive"]);
    expect(result.layers.find((layer) => layer.id === "edges")!.stats.minimum).toBeLessThan(0);
    expect(result.selected!.kernels).toBeUndefined();
  });

  it("a document change cancels the run and runs the same request on the new analysis", async () => {
    const { posted, send, start, runner, document, preview } = setUp();
    await send({ type: "previewListImages" });
    runner.hold = true;
    await start({ type: "previewRun", runId: 3, imageId: "sample:camera.png", layerId: "sobel", includeInput: true });
    expect(runner.waiting).toBe(true);
    document.docVersion = 2;
    document.analysis = analyze(templateText("edge-detection").replace(`"filters": 2, "kernel": 3, "padding": "same", "bias": false,\n      "weights": { "kernels": ["sobel-x", "sobel-y"] }`, `"filters": 1, "kernel": 3, "padding": "same", "bias": false,\n      "weights": { "kernels": ["sobel-y"] }`));
    preview.onDocumentChanged();
    await settle();
    expect(posted.at(-1)).toEqual({ type: "previewCancelled", runId: 3, reason: "spec-changed" });
    runner.finish();
    await settle();
    const result = resultOf(posted);
    expect(result.docVersion).toBe(2);
    expect(result.selected!.shape).toEqual([1, 256, 256]);
    expect(result.input).toBeUndefined();
    expect(runner.jobs).toHaveLength(2);
  });

  it("after previewStop a document change runs nothing", async () => {
    const { posted, send, start, runner, preview } = setUp();
    await send({ type: "previewListImages" });
    runner.hold = true;
    await start({ type: "previewRun", runId: 1, imageId: "sample:camera.png", layerId: "sobel" });
    await send({ type: "previewStop" });
    expect(posted.at(-1)).toEqual({ type: "previewCancelled", runId: 1, reason: "stopped" });
    preview.onDocumentChanged();
    await settle();
    expect(runner.jobs).toHaveLength(1);
    expect(runner.waiting).toBe(false);
  });

  it("another panel's run supersedes this one's", async () => {
    const first = setUp();
    const second = setUp(edges, first.runner);
    first.runner.hold = true;
    await first.send({ type: "previewListImages" });
    await first.start({ type: "previewRun", runId: 1, imageId: "sample:camera.png", layerId: "sobel" });
    await second.send({ type: "previewListImages" });
    await second.start({ type: "previewRun", runId: 9, imageId: "sample:camera.png", layerId: "scharr" });
    expect(first.posted.at(-1)).toEqual({ type: "previewCancelled", runId: 1, reason: "superseded" });
    first.runner.finish();
    await settle();
    expect(resultOf(second.posted).layerId).toBe("scharr");
  });

  it("a file that is not an image is an error message, not a crash", async () => {
    const { posted, send, logged } = setUp();
    await send({ type: "previewListImages" });
    await send({ type: "previewRun", runId: 5, imageId: "workspace:file:///w/photos/cat.png", layerId: "sobel" });
    const error = posted.at(-1);
    expect(error).toMatchObject({ type: "previewError", runId: 5, code: "unsupported-format" });
    expect(error?.type === "previewError" && error.message).toMatch(/PNG|JPEG/);
    expect(logged).toEqual([]);
  });

  it("refuses unknown images, unknown layers and a file without analysis as data", async () => {
    const { posted, send } = setUp();
    await send({ type: "previewRun", runId: 1, imageId: "sample:camera.png", layerId: "sobel" });
    expect(posted.at(-1)).toMatchObject({ type: "previewError", runId: 1, code: "unknown-image" });
    await send({ type: "previewListImages" });
    await send({ type: "previewRun", runId: 2, imageId: "sample:camera.png", layerId: "nope" });
    expect(posted.at(-1)).toMatchObject({ type: "previewError", runId: 2, code: "unknown-layer", message: `There is no layer "nope" in the current file.` });
    const empty = setUp(null);
    await empty.send({ type: "previewRun", runId: 3, imageId: "sample:camera.png", layerId: "sobel" });
    expect(empty.posted.at(-1)).toMatchObject({ type: "previewError", runId: 3, code: "no-analysis" });
  });

  it("a network with an invalid layer stops there: the result says where and why", async () => {
    const broken = analyze({ version: 1, input: [1, 8, 8], layers: [
      { id: "a", type: "conv2d", filters: 2, kernel: 3 },
      { id: "big", type: "conv2d", filters: 2, kernel: 9 },
      { id: "after", type: "relu" },
    ] });
    const { posted, send } = setUp(broken);
    await send({ type: "previewListImages" });
    await send({ type: "previewRun", runId: 1, imageId: "sample:camera.png", layerId: "after" });
    const result = resultOf(posted);
    expect(result.status).toBe("stopped");
    expect(result.stoppedAt?.layerId).toBe("big");
    expect(result.stoppedAt?.reason).toMatch(/kernel/);
    expect(result.selected).toBeNull();
    expect(result.layers.map((layer) => layer.id)).toEqual(["a"]);
  });

  it("Browse… in an untrusted workspace is refused with a message", async () => {
    const { posted, send, files } = setUp();
    files.trusted = false;
    await send({ type: "previewBrowse" });
    expect(posted).toEqual([expect.objectContaining({ type: "previewError", runId: null, code: "untrusted-workspace" })]);
    files.trusted = true;
    await send({ type: "previewBrowse" });
    expect(posted.at(-1)).toMatchObject({ type: "previewImages", pickedId: "picked:file:///elsewhere/dog.jpg" });
  });
});
