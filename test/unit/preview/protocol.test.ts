import { describe, expect, it } from "vitest";
import { isPreviewViewToHost, validateViewToHost } from "../../../src/protocol";

function refusedBecause(message: unknown): string {
  const result = validateViewToHost(message);
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.value)}`);
  return result.reason;
}

describe("preview messages from the view", () => {
  it.each([
    { type: "previewListImages" },
    { type: "previewBrowse" },
    { type: "previewStop" },
    { type: "previewRun", runId: 1, imageId: "sample:camera.png", layerId: "sobel" },
    { type: "previewRun", runId: 2, imageId: "workspace:file:///w/a.png", layerId: "layer1.0.conv1", flipKernel: true, allChannels: false, includeInput: true },
  ])("accepts %j unchanged", (message) => {
    const result = validateViewToHost(message);
    expect(result).toEqual({ ok: true, value: message });
  });

  it.each([
    [{ type: "previewRun", imageId: "a", layerId: "b" }, `"runId" must be an integer ≥ 0`],
    [{ type: "previewRun", runId: -1, imageId: "a", layerId: "b" }, `"runId" must be an integer ≥ 0`],
    [{ type: "previewRun", runId: 1.5, imageId: "a", layerId: "b" }, `"runId" must be an integer ≥ 0`],
    [{ type: "previewRun", runId: 1, imageId: "", layerId: "b" }, `"imageId" must be a non-empty string`],
    [{ type: "previewRun", runId: 1, imageId: 3, layerId: "b" }, `"imageId" must be a non-empty string`],
    [{ type: "previewRun", runId: 1, imageId: "a", layerId: "x".repeat(201) }, `"layerId" must be a non-empty string`],
    [{ type: "previewRun", runId: 1, imageId: "a", layerId: "b", flipKernel: "yes" }, `"flipKernel" must be true or false`],
    [{ type: "previewRun", runId: 1, imageId: "a", layerId: "b", includeInput: 1 }, `"includeInput" must be true or false`],
    [{ type: "previewRun", runId: 1, imageId: "a", layerId: "b", path: "/etc/passwd" }, `unexpected key "path" in message previewRun`],
    [{ type: "previewBrowse", uri: "file:///etc" }, `unexpected key "uri" in message previewBrowse`],
    [{ type: "previewRunAll" }, `unknown message type "previewRunAll"`],
  ])("refuses %j", (message, reason) => {
    expect(refusedBecause(message)).toBe(reason);
  });

  it("tells preview messages from the others", () => {
    expect(isPreviewViewToHost({ type: "previewStop" })).toBe(true);
    expect(isPreviewViewToHost({ type: "editIntent" })).toBe(false);
  });
});
