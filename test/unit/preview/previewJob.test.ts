import { describe, expect, it } from "vitest";
import { analyze } from "../../../src/engine";
import type { ResolvedConv } from "../../../src/engine/types";
import { analysisForRun, buildPreviewJob, overridesFlip, runOptionsFor } from "../../../src/extension/preview/previewJob";
import { templateText } from "./fakes";

const edges = analyze(templateText("edge-detection"));
const resnet = analyze(templateText("resnet18"));
const settings = { channelCap: 16, previewSeed: 7 };

function conv(analysis: ReturnType<typeof analyze>, id: string): ResolvedConv {
  const layer = analysis.nodes.find((node) => node.id === id)?.layer;
  if (layer?.type !== "conv2d") throw new Error(`${id} is not a conv2d`);
  return layer;
}

describe("the job a run request becomes", () => {
  it("overrides flipKernel on the selected conv2d only, in a copy", () => {
    const flipped = analysisForRun(edges, { layerId: "sobel", flipKernel: true }, edges.seed);
    expect(conv(flipped, "sobel").flipKernel).toBe(true);
    expect(conv(flipped, "scharr").flipKernel).toBe(false);
    expect(conv(edges, "sobel").flipKernel).toBe(false);
    expect(flipped.nodes.find((node) => node.id === "scharr")).toBe(edges.nodes.find((node) => node.id === "scharr"));
    // the file's "flipped" layer has flipKernel: true; the override can turn it off
    expect(conv(analysisForRun(edges, { layerId: "flipped", flipKernel: false }, 0), "flipped").flipKernel).toBe(false);
  });

  it("changes nothing when there is nothing to override", () => {
    expect(analysisForRun(edges, { layerId: "sobel" }, edges.seed)).toBe(edges);
    expect(analysisForRun(edges, { layerId: "sobel", flipKernel: false }, edges.seed)).toBe(edges);
    expect(analysisForRun(edges, { layerId: "positive", flipKernel: true }, edges.seed)).toBe(edges);
    expect(overridesFlip(edges, { layerId: "sobel", flipKernel: true })).toBe(true);
    expect(overridesFlip(edges, { layerId: "sobel", flipKernel: false })).toBe(false);
    expect(overridesFlip(edges, { layerId: "flipped", flipKernel: true })).toBe(false);
    expect(overridesFlip(edges, { layerId: "positive", flipKernel: true })).toBe(false);
  });

  it("uses the file's seed when it has one, else the setting's", () => {
    const bytes = new Uint8Array([1]);
    expect(buildPreviewJob(edges, { runId: 1, imageId: "i", layerId: "sobel" }, settings, true, bytes).analysis.seed).toBe(edges.seed);
    expect(buildPreviewJob(edges, { runId: 1, imageId: "i", layerId: "sobel" }, settings, false, bytes).analysis.seed).toBe(7);
  });

  it("runs up to the selected layer and displays only it, with the channel cap", () => {
    const options = runOptionsFor(resnet, { runId: 1, imageId: "i", layerId: "layer1.0.conv1" }, settings);
    expect(options).toMatchObject({ upToLayerId: "layer1.0.conv1", displayLayers: ["layer1.0.conv1"], maxChannels: 16, maxKernelFilters: 16, maxKernelChannels: 1, maxDisplayPixels: 256 * 256 });
    const all = runOptionsFor(resnet, { runId: 1, imageId: "i", layerId: "layer4.1.conv2", allChannels: true }, settings);
    expect(all.maxChannels).toBe(512);
    expect(all.maxKernelFilters).toBe(64);
    // 512 maps share about a million displayed pixels
    expect(all.maxDisplayPixels).toBe(2048);
    expect(runOptionsFor(edges, { runId: 1, imageId: "i", layerId: "sobel" }, { ...settings, channelCap: 1 }).maxChannels).toBe(1);
  });
});
