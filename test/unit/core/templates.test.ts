/**
 * Done-check: every template in media/templates/ previews on a bundled photo within the
 * memory bound (< 300 MB growth of JS heap + array buffers, sampled after every layer),
 * and the edge-detection maps are written to test-artifacts/core/ as PNGs for inspection.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze } from "../../../src/engine";
import { channelToGray8, encodeGrayPng, prepareImage, runNetwork, type Tensor } from "../../../src/core";

const root = join(__dirname, "../../..");
const templates = ["lenet5", "tutorial", "edge-detection", "alexnet", "vgg16", "resnet18", "unet-small", "mobilenet-block"];
const present = templates.filter((name) => existsSync(join(root, "media/templates", `${name}.cnn.json`)));
const photo = new Uint8Array(readFileSync(join(root, "media/samples/camera.png")));
const MEMORY_BOUND_BYTES = 300 * 1024 * 1024;

function jsMemory(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

function prepare(name: string): { analysis: ReturnType<typeof analyze>; image: Tensor } {
  const analysis = analyze(readFileSync(join(root, "media/templates", `${name}.cnn.json`), "utf8"));
  expect(analysis.diagnostics.filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
  const image = prepareImage(photo, analysis.input!);
  if (!image.ok) throw new Error(image.error.message);
  return { analysis, image: image.value };
}

describe("every template previews within the memory bound", () => {
  it.each(present)("%s", (name) => {
    const { analysis, image } = prepare(name);
    const baseline = jsMemory();
    let peak = baseline;
    const result = runNetwork(analysis, image, { onProgress: () => (peak = Math.max(peak, jsMemory())) });
    peak = Math.max(peak, jsMemory());
    expect(result.stoppedAt).toBeUndefined();
    expect(result.status).toBe("complete");
    expect(result.completed).toBe(analysis.nodes.length);
    expect(peak - baseline).toBeLessThan(MEMORY_BOUND_BYTES);
    for (const layer of result.layers) expect(layer.stats.nonFinite, layer.id).toBe(0);
  }, 600_000);
});

describe("edge-detection artefacts", () => {
  it.runIf(present.includes("edge-detection"))("writes the Sobel and Laplacian maps of the photo as PNGs", () => {
    const { analysis, image } = prepare("edge-detection");
    const result = runNetwork(analysis, image, { keepTensors: ["sobel", "laplacian", "log", "flipped"], maxDisplayPixels: Infinity });
    const directory = join(root, "test-artifacts/core");
    mkdirSync(directory, { recursive: true });
    writeFileSync(join(directory, "edge-input.png"), encodeGrayPng(channelToGray8(image, 0)));
    const written: Record<string, Tensor> = {};
    for (const layer of result.layers) {
      if (!layer.tensor) continue;
      written[layer.id] = layer.tensor;
      for (let channel = 0; channel < layer.shape[0]; channel++) {
        writeFileSync(join(directory, `edge-${layer.id}-${channel}.png`), encodeGrayPng(channelToGray8(layer.tensor, channel)));
      }
    }
    // Sobel-x with flipKernel is exactly −(Sobel-x): the kernel is antisymmetric under rotation.
    const sobelX = written.sobel.data.subarray(0, 256 * 256);
    expect(Array.from(written.flipped.data.subarray(0, 1000))).toEqual(Array.from(sobelX.subarray(0, 1000), (value) => -value || 0));
    // Edges are sparse: most Laplacian responses are small next to the strongest.
    const laplacian = Array.from(written.laplacian.data.subarray(0, 256 * 256), Math.abs).sort((a, b) => a - b);
    expect(laplacian[Math.floor(laplacian.length / 2)]).toBeLessThan(0.1 * laplacian[laplacian.length - 1]);
  });
});
