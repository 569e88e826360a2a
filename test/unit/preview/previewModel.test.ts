import { describe, expect, it } from "vitest";
import type { PreviewHostToView, PreviewResultData } from "../../../src/protocol";
import { compareRanges, defaultImageId, INITIAL_MODEL, reducePreview, type PreviewAction, type PreviewModel } from "../../../webview/preview/previewModel";

const stats = { minimum: -4, maximum: 4, mean: 0, standardDeviation: 1, fractionZero: 0.1, fractionNegative: 0.4, nonFinite: 0 };

function result(flipKernel: boolean, ranges: [number, number][], extra: Partial<PreviewResultData> = {}): PreviewResultData {
  return {
    docVersion: 3, imageId: "sample:camera.png", layerId: "sobel", status: "complete", completed: 1, total: 1, milliseconds: 5,
    layers: [{ id: "sobel", index: 0, type: "conv2d", shape: [2, 4, 4], stats }],
    selected: {
      id: "sobel", index: 0, type: "conv2d", shape: [2, 4, 4], stats, flipKernel,
      featureMaps: { channels: 2, firstChannel: 0, height: 4, width: 4, maps: ranges.map(([minimum, maximum]) => ({ width: 4, height: 4, minimum, maximum, pixels: "" })) },
    },
    flipOverridden: flipKernel,
    ...extra,
  };
}

function run(actions: PreviewAction[], from: PreviewModel = INITIAL_MODEL): PreviewModel {
  return actions.reduce(reducePreview, from);
}

const host = (message: PreviewHostToView): PreviewAction => ({ kind: "host", message });
const started = (runId: number): PreviewAction => ({ kind: "started", request: { runId, imageId: "sample:camera.png", layerId: "sobel" } });

describe("the preview panel's state", () => {
  it("follows the newest run only: older runs' progress and results are ignored", () => {
    const model = run([
      started(1), started(2),
      host({ type: "previewProgress", runId: 1, completed: 1, total: 9, layerId: "sobel" }),
      host({ type: "previewResult", runId: 1, result: result(false, [[-1, 1]]) }),
      host({ type: "previewProgress", runId: 2, completed: 3, total: 9, layerId: "laplacian" }),
    ]);
    expect(model.runId).toBe(2);
    expect(model.phase).toBe("running");
    expect(model.progress).toEqual({ completed: 3, total: 9, layerId: "laplacian" });
    expect(model.result).toBeNull();
  });

  it("keeps the last result while the file change reruns, then replaces it", () => {
    const first = run([started(1), host({ type: "previewResult", runId: 1, result: result(false, [[-1, 2]], { input: { bytes: "AAA=", byteLength: 2 } }) })]);
    expect(first.inputs["sample:camera.png"]).toEqual({ bytes: "AAA=", byteLength: 2 });
    const rerunning = run([host({ type: "previewCancelled", runId: 1, reason: "spec-changed" })], first);
    expect(rerunning.phase).toBe("running");
    expect(rerunning.notice).toMatch(/changed/);
    expect(rerunning.result).toBe(first.result);
    const done = run([host({ type: "previewResult", runId: 1, result: result(false, [[-5, 5]], { docVersion: 4 }) })], rerunning);
    expect(done.phase).toBe("done");
    expect(done.notice).toBeNull();
    expect(done.result?.docVersion).toBe(4);
  });

  it("shows an error of the current run instead of its maps, and a run-less error as a notice", () => {
    const failed = run([started(1), host({ type: "previewResult", runId: 1, result: result(false, [[0, 1]]) }), started(2),
      host({ type: "previewError", runId: 2, code: "corrupt-file", message: "The PNG is damaged." })]);
    expect(failed.phase).toBe("failed");
    expect(failed.error).toEqual({ code: "corrupt-file", message: "The PNG is damaged." });
    expect(failed.result).toBeNull();
    const untrusted = run([host({ type: "previewError", runId: null, code: "untrusted-workspace", message: "Needs trust." })], failed);
    expect(untrusted.notice).toBe("Needs trust.");
    expect(untrusted.error).toEqual(failed.error);
  });

  it("remembers the images offered and the one picked with Browse…", () => {
    const model = run([host({ type: "previewImages", images: [{ id: "picked:file:///a.png", label: "a.png", group: "picked" }], workspaceTrusted: true, channelCap: 8, pickedId: "picked:file:///a.png" })]);
    expect(model.pickedId).toBe("picked:file:///a.png");
    expect(model.images?.channelCap).toBe(8);
  });

  it("compares the map ranges of the two flip states of the same layer, image and version", () => {
    const model = run([
      started(1), host({ type: "previewResult", runId: 1, result: result(false, [[-3.9, 4], [-1, 2]]) }),
      started(2), host({ type: "previewResult", runId: 2, result: result(true, [[-4, 3.9], [-2, 1]]) }),
    ]);
    expect(compareRanges(model)).toEqual(["#0: −3.9 … 4 → −4 … 3.9", "#1: −1 … 2 → −2 … 1"]);
    const otherVersion = run([started(3), host({ type: "previewResult", runId: 3, result: result(false, [[0, 1], [0, 1]], { docVersion: 9 }) })], model);
    expect(compareRanges(otherVersion)).toEqual([]);
  });

  it("starts on a bundled photo that suits the input", () => {
    const options = [{ id: "sample:astronaut.jpg" }, { id: "sample:camera.png" }];
    expect(defaultImageId(options, 1)).toBe("sample:camera.png");
    expect(defaultImageId(options, 3)).toBe("sample:astronaut.jpg");
    expect(defaultImageId([{ id: "workspace:x" }], 3)).toBe("workspace:x");
    expect(defaultImageId([], 3)).toBeNull();
  });
});
