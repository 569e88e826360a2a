/**
 * Preview budgets (issue #16): the up-front estimate bounds what the allocation guard counts
 * for every template on both backends (and is not absurdly higher), hostile specs are refused
 * before anything big is allocated, and the guard stops a run that passes the limit anyway.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { analyze } from "../../../src/engine";
import { prepareImage, runNetwork, setKernelBackend, type RunOptions, type Tensor } from "../../../src/core";
import { AllocationGuard, allocateFloats, MemoryBudgetExceeded, withAllocationGuard } from "../../../src/core/budget/allocationGuard";
import { checkBudget } from "../../../src/core/budget/budgetCheck";
import { estimateRun } from "../../../src/core/budget/estimate";
import { weightCache } from "../../../src/core/runner/weightCache";
import { createWasmBackendSync } from "../../../src/core/wasm/wasmBackend";
import { supportedFlavours } from "../../../src/core/wasm/wasmInstance";
import { previewLimits } from "../../../src/extension/preview/previewBudget";
import { MAX_MEMORY_MB } from "../../../src/extension/preview/previewJob";

const root = join(__dirname, "../../..");
const templates = ["lenet5", "tutorial", "edge-detection", "alexnet", "vgg16", "resnet18", "unet-small", "mobilenet-block"];
const photo = new Uint8Array(readFileSync(join(root, "media/samples/camera.png")));
const MB = 1024 * 1024;

function template(name: string): { analysis: ReturnType<typeof analyze>; image: Tensor } {
  const analysis = analyze(readFileSync(join(root, "media/templates", `${name}.cnn.json`), "utf8"));
  const image = prepareImage(photo, analysis.input!);
  if (!image.ok) throw new Error(image.error.message);
  return { analysis, image: image.value };
}

/** Runs with a counting guard (no limit) and fresh weights: what the core really allocates. */
function measuredPeak(analysis: ReturnType<typeof analyze>, image: Tensor, options: RunOptions): number {
  weightCache().clear();
  const guard = new AllocationGuard(Infinity);
  const result = withAllocationGuard(guard, () => runNetwork(analysis, image, options));
  expect(result.status).toBe("complete");
  return guard.peakBytes;
}

afterEach(() => setKernelBackend(null));

describe("the estimate bounds the counted peak of every template", () => {
  const backends = [["typescript", () => null], ...supportedFlavours().map((flavour) => [`wasm-${flavour}`, () => createWasmBackendSync(flavour)] as const)] as const;
  for (const [backendName, makeBackend] of backends) {
    it.each(templates)(`%s (${backendName})`, (name) => {
      setKernelBackend(makeBackend());
      const { analysis, image } = template(name);
      const options: RunOptions = { maxDisplayPixels: 256 * 256, maxKernelFilters: 16, maxKernelChannels: 1 };
      const measured = measuredPeak(analysis, image, options);
      const estimate = estimateRun(analysis, options).peak.bytes;
      expect(estimate).toBeGreaterThanOrEqual(measured);
      expect(estimate).toBeLessThan(2 * measured + 8 * MB);
      // The default budget admits every template, with at least 4× headroom.
      expect(checkBudget(estimateRun(analysis, options), analysis.input, previewLimits(MAX_MEMORY_MB.default)).ok).toBe(true);
      expect(4 * estimate).toBeLessThan(MAX_MEMORY_MB.default * MB);
    }, 600_000);
  }
});

/** Issue #16's 236-byte spec: two adaptive pools to 16384² (1 GB each), then their sum. */
export const HOSTILE_SPEC = `{"version":1,"input":[1,8,8],"layers":[{"id":"a","type":"adaptiveavgpool2d","outputSize":16384},{"id":"b","type":"adaptivemaxpool2d","outputSize":16384,"inputs":["input"]},{"id":"sum","type":"add","inputs":["a","b"]}]}`;
const LIMIT = 512 * MB;

describe("hostile specs are refused before anything big is allocated", () => {
  it("the 236-byte spec: stopped up front, naming the layer and the numbers, nothing allocated", () => {
    expect(HOSTILE_SPEC.length).toBeLessThan(240);
    const analysis = analyze(HOSTILE_SPEC);
    const image = { shape: [1, 8, 8], data: new Float32Array(64) };
    const counting = new AllocationGuard(Infinity);
    const result = withAllocationGuard(counting, () => runNetwork(analysis, image, { memoryLimitBytes: LIMIT }));
    expect(result.status).toBe("stopped");
    expect(result.layers).toEqual([]);
    expect(result.stoppedAt).toMatchObject({ layerId: "sum", overBudget: true });
    expect(result.stoppedAt!.reason).toBe("Input 1×8×8 needs ~4.02 GB at layer sum (1×16384×16384 float32 = 1.00 GB, with 2.00 GB of inputs and earlier outputs held); the preview memory limit is 512 MB.");
    expect(counting.claimedBytes).toBe(0);
  });

  it("input 3×4096×4096 with 16 filters: over the limit at conv1", () => {
    const analysis = analyze({ version: 1, input: [3, 4096, 4096], layers: [{ id: "conv1", type: "conv2d", filters: 16, kernel: 3, padding: 1, activation: "relu" }] });
    const verdict = checkBudget(estimateRun(analysis), analysis.input, { memoryBytes: LIMIT, macs: Infinity });
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.exceeded).toBe("memory");
    expect(verdict.message).toMatch(/^Input 3×4096×4096 needs ~[\d.]+ GB at layer conv1 \(16×4096×4096 float32 = 1\.00 GB, with 192 MB of inputs and earlier outputs held, 1\.19 GB of weights and scratch\); the preview memory limit is 512 MB\.$/);
  });

  it("a kernel larger than 64×64 is sent as a summary, without generating its weights for display", () => {
    const analysis = analyze({ version: 1, input: [1, 100, 100], layers: [{ id: "wide", type: "conv2d", filters: 2, kernel: 100 }] });
    const result = runNetwork(analysis, { shape: [1, 100, 100], data: new Float32Array(10_000) }, {});
    expect(result.layers[0].kernels).toMatchObject({ summarized: true, shownFilters: 0, kernelHeight: 100, kernelWidth: 100 });
    expect(result.layers[0].kernels!.data).toHaveLength(0);
  });

  it("feature maps are downsampled to at most 1024 pixels a side, however thin", () => {
    const analysis = analyze({ version: 1, input: [1, 1, 100_000], layers: [{ id: "act", type: "relu" }] });
    const result = runNetwork(analysis, { shape: [1, 1, 100_000], data: new Float32Array(100_000) }, { maxDisplayPixels: 65_536 });
    const [map] = result.layers[0].featureMaps!.maps;
    expect(map.width).toBeLessThanOrEqual(1024);
    expect(map.pixels.length).toBe(map.width * map.height);
  });
});

describe("the allocation guard", () => {
  it("stops a run at the first allocation past the limit, naming the layer; nothing larger is allocated", () => {
    const analysis = analyze({ version: 1, input: [3, 512, 512], layers: [{ id: "c1", type: "conv2d", filters: 8, kernel: 3, padding: 1 }, { id: "c2", type: "conv2d", filters: 64, kernel: 3, padding: 1 }] });
    const image = { shape: [3, 512, 512], data: new Float32Array(3 * 512 * 512) };
    const guard = new AllocationGuard(32 * MB);
    const result = withAllocationGuard(guard, () => runNetwork(analysis, image, {}));
    expect(result.status).toBe("failed");
    expect(result.stoppedAt).toMatchObject({ layerId: "c2", overBudget: true });
    expect(result.stoppedAt!.reason).toMatch(/^Layer c2: .* needs 64 MB more with [\d.]+ MB in use; the preview memory limit is 32 MB\.$/);
    expect(guard.peakBytes).toBeLessThanOrEqual(32 * MB);
    expect(guard.largestClaimBytes).toBeLessThan(32 * MB);
  });

  it("throws a typed error and counts nothing for the refused claim", () => {
    const guard = new AllocationGuard(1024);
    withAllocationGuard(guard, () => allocateFloats(128));
    expect(() => withAllocationGuard(guard, () => allocateFloats(1024, "a test array"))).toThrow(MemoryBudgetExceeded);
    expect(guard.claimedBytes).toBe(512);
  });
});
