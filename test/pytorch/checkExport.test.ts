/**
 * The PyTorch export, checked by PyTorch itself: every template and every extra spec
 * (extraSpecs.ts) is exported, and ONE /usr/bin/python3 process (run_export.py) builds each
 * module, runs zeros through it with a forward hook on every layer, and reports each layer's
 * output shape and parameter count, which must equal the engine's. It also reads back preview
 * weights, loads torchvision's own state_dicts into the exported ResNet-18 / VGG-16 / AlexNet
 * (same keys, same outputs) and runs one file's __main__ block.
 *
 * Needs torch in /usr/bin/python3 (Debian's python3-torch). Without it the test is skipped
 * with the reason printed, except under CI (process.env.CI), where it fails.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyze, kernelTaps, presetKernel, type Analysis, type ResolvedLayer } from "../../src/engine";
import { exportPytorch, type PytorchModuleInfo } from "../../src/engine/export/pytorch";
import { EXTRA_SPECS } from "./extraSpecs";

const PYTHON = "/usr/bin/python3";
const repoRoot = resolve(__dirname, "../..");
const templatesDir = join(repoRoot, "media/templates");
const TORCHVISION_TWINS: Record<string, string> = { resnet18: "resnet18", vgg16: "vgg16", alexnet: "alexnet" };

interface Case {
  name: string;
  spec: string | object;
  analysis: Analysis;
  className: string;
  modules: PytorchModuleInfo[];
  file: string;
}

interface PythonResult {
  name: string;
  error?: string;
  shapes: Record<string, number[]>;
  params: Record<string, number>;
  missing: string[];
  total: number;
  output: number[];
  weights: Record<string, unknown>;
  biases: Record<string, number[]>;
  torchvision?: { loaded: boolean; maxDifference: number };
  mainOutput?: string;
}

function torchProblem(): string | null {
  const probe = spawnSync(PYTHON, ["-c", "import torch"], { encoding: "utf8", timeout: 60_000 });
  if (probe.error) return `${PYTHON} cannot run (${probe.error.message})`;
  return probe.status === 0 ? null : `${PYTHON} cannot import torch (${probe.stderr.trim().split("\n").pop()}); install python3-torch`;
}

function loadCases(directory: string): Case[] {
  const templates = readdirSync(templatesDir).filter((file) => file.endsWith(".cnn.json")).sort()
    .map((file) => ({ name: file.replace(/\.cnn\.json$/, ""), spec: readFileSync(join(templatesDir, file), "utf8") as string | object }));
  const extras = Object.entries(EXTRA_SPECS).map(([name, spec]) => ({ name: `extra-${name}`, spec }));
  return [...templates, ...extras].map(({ name, spec }) => {
    const exported = exportPytorch(spec, { sourceName: `${name}.cnn.json` });
    if (!exported.ok) throw new Error(`${name}: ${exported.message}`);
    const file = join(directory, `${name.replace(/[^A-Za-z0-9]/g, "_")}.py`);
    writeFileSync(file, exported.text);
    return { name, spec, analysis: analyze(spec), className: exported.className, modules: exported.modules, file };
  });
}

function kernelModules(testCase: Case): string[] {
  return testCase.analysis.nodes.filter((node) => node.layer && "weights" in node.layer && node.layer.weights.kind !== "kaiming")
    .map((node) => testCase.modules[testCase.analysis.nodes.indexOf(node)].qualifiedName);
}

function runPython(cases: Case[], directory: string): Map<string, PythonResult> {
  const jobs = cases.map((testCase) => ({
    name: testCase.name, file: testCase.file, className: testCase.className, modules: testCase.modules,
    weights: kernelModules(testCase), torchvision: TORCHVISION_TWINS[testCase.name] ?? null, runMain: testCase.name === "lenet5",
  }));
  const jobsFile = join(directory, "jobs.json");
  writeFileSync(jobsFile, JSON.stringify(jobs));
  const run = spawnSync(PYTHON, [join(__dirname, "run_export.py"), jobsFile], { encoding: "utf8", timeout: 280_000, maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`run_export.py failed (${run.status ?? run.signal}): ${run.stderr}`);
  const parsed = JSON.parse(run.stdout) as { results: PythonResult[] };
  return new Map(parsed.results.map((result) => [result.name, result]));
}

/** The contract (spec-format.md, preview weights): filter o's kernel on each of its C/groups channels, / C/groups. */
function expectedWeight(layer: ResolvedLayer): number[][][][] | null {
  if ((layer.type !== "conv2d" && layer.type !== "convtranspose2d") || layer.weights.kind !== "kernels") return null;
  const kernels = layer.weights.kernels.map((source) => kernelTaps(source, layer.kernel[0], layer.kernel[1]));
  const inPerGroup = layer.inChannels / layer.groups;
  if (layer.type === "conv2d") {
    const oriented = layer.flipKernel ? kernels.map((kernel) => [...kernel].reverse().map((row) => [...row].reverse())) : kernels;
    return oriented.map((kernel) => Array.from({ length: inPerGroup }, () => kernel.map((row) => row.map((value) => value / inPerGroup))));
  }
  const outPerGroup = layer.filters / layer.groups;
  return Array.from({ length: layer.inChannels }, (_, channel) => Array.from({ length: outPerGroup }, (_, local) =>
    kernels[Math.floor(channel / inPerGroup) * outPerGroup + local].map((row) => row.map((value) => value / inPerGroup))));
}

function expectClose(actual: unknown, expected: number[][][][], label: string): void {
  const flatActual = (actual as number[][][][]).flat(3);
  const flatExpected = expected.flat(3);
  expect(flatActual.length, label).toBe(flatExpected.length);
  flatExpected.forEach((value, index) => expect(Math.abs(flatActual[index] - value), `${label}[${index}]`).toBeLessThan(1e-6));
}

const problem = torchProblem();
if (problem && !process.env.CI) console.log(`PyTorch export check skipped: ${problem}`);

describe.skipIf(problem !== null && !process.env.CI)("PyTorch export, checked by PyTorch 1.13", () => {
  let directory = "";
  let cases: Case[] = [];
  let results = new Map<string, PythonResult>();

  beforeAll(() => {
    if (problem) throw new Error(`CI must have PyTorch: ${problem}`);
    directory = mkdtempSync(join(tmpdir(), "cnn-export-"));
    cases = loadCases(directory);
    results = runPython(cases, directory);
  });
  afterAll(() => {
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  const names = [
    ...readdirSync(templatesDir).filter((file) => file.endsWith(".cnn.json")).sort().map((file) => file.replace(/\.cnn\.json$/, "")),
    ...Object.keys(EXTRA_SPECS).map((name) => `extra-${name}`),
  ];

  it.each(names)("%s: every layer's shape and parameters, the total and the output equal the engine's", (name) => {
    const testCase = cases.find((candidate) => candidate.name === name);
    const result = results.get(name);
    expect(testCase && result, `no result for ${name}`).toBeTruthy();
    if (!testCase || !result) return;
    expect(result.error, result.error).toBeUndefined();
    expect(result.missing).toEqual([]);
    testCase.analysis.nodes.forEach((node, position) => {
      const moduleName = testCase.modules[position].qualifiedName;
      expect({
        id: node.id, shape: result.shapes[moduleName], params: result.params[moduleName],
      }).toEqual({ id: node.id, shape: node.outputShape, params: node.params });
    });
    expect(result.total).toBe(testCase.analysis.totals.params);
    expect(result.output).toEqual([1, ...(testCase.analysis.nodes[testCase.analysis.nodes.length - 1].outputShape ?? [])]);
  });

  it.each(["edge-detection", "extra-previewWeights"])("%s: preview kernels are the initial weights (bias 0)", (name) => {
    const testCase = cases.find((candidate) => candidate.name === name) as Case;
    const result = results.get(name) as PythonResult;
    let checked = 0;
    testCase.analysis.nodes.forEach((node, position) => {
      const expected = node.layer ? expectedWeight(node.layer) : null;
      if (!expected) return;
      const moduleName = testCase.modules[position].qualifiedName;
      expectClose(result.weights[moduleName], expected, `${node.id}.weight`);
      if (moduleName in result.biases) expect(result.biases[moduleName].every((value) => value === 0), `${node.id}.bias`).toBe(true);
      checked++;
    });
    expect(checked).toBeGreaterThan(1);
  });

  it("edge-detection: the sobel filter's weights are the sobel-x preset (one input channel)", () => {
    const sobel = results.get("edge-detection")?.weights.sobel as number[][][][];
    expect(sobel[0][0]).toEqual(presetKernel("sobel-x", 3, 3));
  });

  it("preview initialisers: ones / zeros set every weight, bias 0", () => {
    const result = results.get("extra-previewWeights") as PythonResult;
    expect((result.weights.ones as number[][][][]).flat(3)).toEqual(Array(8).fill(1)); // 2 filters × 4 input channels
    expect((result.weights.zeros as number[][][][]).flat(3)).toEqual(Array(4).fill(0)); // 2 filters × 2 input channels
    expect(result.biases.ones).toEqual([0, 0]);
    expect(result.biases.xavier).toEqual([0, 0]);
  });

  it.each(Object.keys(TORCHVISION_TWINS))("%s: torchvision's state_dict loads (strict) and gives the same output", (name) => {
    const twin = results.get(name)?.torchvision;
    expect(twin?.loaded).toBe(true);
    expect(twin?.maxDifference).toBeLessThan(1e-4);
  });

  it("lenet5: the __main__ block prints the designer's output shape and parameter count", () => {
    const printed = results.get("lenet5")?.mainOutput ?? "";
    expect(printed).toContain("output shape: [1, 10]");
    expect(printed).toContain("parameters: 61706");
  });
});
