// Benchmark section "core": the convolution core's WebAssembly kernels (relaxed and plain
// SIMD) next to tfjs (cpu, wasm), onnxruntime-web and onnxruntime-node, one thread each, on
// the workloads of bench/peers/graphs.mjs. Same inputs and weights for every engine; every
// peer's output is checked against ours before timing; runs are interleaved; medians.
// Peers live in bench/peers (own package.json, installed here on first use). The section
// re-runs itself in `node --experimental-wasm-relaxed-simd` (NODE_OPTIONS refuses it) where
// the runtime takes that flag (Node 20; newer Node has relaxed SIMD on and refuses it).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { benchTwoWorkers } from "./coreTeam.mjs";
import { printTable } from "./timing.mjs";
import { cleanNpmEnvironment } from "../scripts/npmEnvironment.mjs";

const benchDirectory = fileURLToPath(new URL(".", import.meta.url));
const root = join(benchDirectory, "..");
const peersDirectory = join(benchDirectory, "peers");
const RELAXED_FLAG = "--experimental-wasm-relaxed-simd";
const PEER_PACKAGES = ["@tensorflow/tfjs", "@tensorflow/tfjs-backend-wasm", "onnxruntime-web", "onnxruntime-node", "onnx-proto"];

function ensurePeers() {
  if (PEER_PACKAGES.every((name) => existsSync(join(peersDirectory, "node_modules", name, "package.json")))) return;
  console.log("installing the benchmark peers into bench/peers/node_modules …");
  const result = spawnSync("npm", ["install", "--no-audit", "--no-fund"], { cwd: peersDirectory, stdio: "inherit", env: cleanNpmEnvironment() });
  if (result.status !== 0) throw new Error("npm install in bench/peers failed");
}

/** The section entry used by bench/run.mjs; `only` keeps the workloads whose name contains it (any case). */
export async function benchCore({ only } = {}) {
  ensurePeers();
  const flags = relaxedFlagAccepted() ? [RELAXED_FLAG] : [];
  const args = [...flags, fileURLToPath(import.meta.url), "--child", ...(only === undefined ? [] : [`--only=${only}`])];
  const result = spawnSync(process.execPath, args, { stdio: "inherit" });
  if (result.status !== 0) throw new Error(`core benchmark failed (exit ${result.status})`);
}

/** Node 20 needs the flag for relaxed SIMD; newer Node has relaxed SIMD on and refuses the flag. */
function relaxedFlagAccepted() {
  return spawnSync(process.execPath, [RELAXED_FLAG, "-e", ""], { stdio: "ignore" }).status === 0;
}

async function importCore() {
  const outfile = join(root, "dist", "bench", "coreWasm.mjs");
  await esbuild.build({
    stdin: {
      contents: [
        'export * from "./src/core/index.ts";',
        'export { createWasmBackendSync } from "./src/core/wasm/wasmBackend.ts";',
        'export { WorkerTeam } from "./src/core/parallel/team.ts";',
        'export { weightCache } from "./src/core/runner/weightCache.ts";',
        'export { declareConstantWeights } from "./src/core/kernels/constantWeights.ts";',
        'export { analyze } from "./src/engine/index.ts";',
      ].join("\n"),
      resolveDir: root, loader: "ts",
    },
    outfile, bundle: true, format: "esm", platform: "node", target: "node20", mainFields: ["module", "main"], logLevel: "warning",
  });
  return import(`${pathToFileURL(outfile).href}?t=${Date.now()}`);
}

/** Our engine: the public core functions, every activation kept. */
function oursEngine(core, backend, graph) {
  const weights = new Map(
    graph.nodes.filter((node) => node.weight).map((node) => [node.id, { shape: node.weight.shape, data: node.weight.data }]),
  );
  // Weights are made once, as the peers' sessions and models hold them: ours may pack them once too.
  for (const weight of weights.values()) core.declareConstantWeights(weight.data);
  const relu = (tensor) => core.applyActivation(tensor, { type: "relu" });
  const runNode = (node, values) => {
    switch (node.kind) {
      case "conv": {
        // ReLU fused into the convolution, as the peers' graphs fuse it.
        return core.conv2d(values.get(node.input), weights.get(node.id), node.bias, { stride: node.stride, padding: node.pad, groups: node.groups }, node.relu ? "relu" : undefined);
      }
      case "add": {
        const sum = core.add(node.inputs.map((id) => values.get(id)));
        return node.relu ? relu(sum) : sum;
      }
      case "maxpool":
        return core.maxPool2d(values.get(node.input), { kernel: node.kernel, stride: node.stride, padding: node.pad });
      case "gap":
        return core.flatten(core.globalAvgPool2d(values.get(node.input)));
      case "linear":
        return core.linear(values.get(node.input), weights.get(node.id), node.bias);
      default:
        throw new Error(`ours: unknown node kind ${node.kind}`);
    }
  };
  return {
    name: `ours-${backend.name.split("-")[1]}`,
    run: async () => {
      core.setKernelBackend(backend);
      const values = new Map([["input", { shape: graph.inputShape, data: graph.input }]]);
      for (const node of graph.nodes) values.set(node.id, runNode(node, values));
      return values.get(graph.output).data;
    },
    toNchw: (data) => data,
  };
}

function mismatch(reference, data) {
  if (reference.length !== data.length) return `length ${data.length} ≠ ${reference.length}`;
  let largest = 1;
  let worst = 0;
  for (let index = 0; index < reference.length; index++) {
    largest = Math.max(largest, Math.abs(reference[index]));
    worst = Math.max(worst, Math.abs(reference[index] - data[index]));
  }
  return worst <= 1e-3 * largest ? null : `max |difference| ${worst.toExponential(2)} (largest value ${largest.toFixed(2)})`;
}

/** Interleaved rounds; an engine stops once it has `minRuns` samples and used `budgetMs`. */
async function timeInterleaved(engines, { rounds = 15, minRuns = 3, budgetMs = 4000 } = {}) {
  const samples = engines.map(() => []);
  const spent = engines.map(() => 0);
  for (const engine of engines) await engine.run();
  for (let round = 0; round < rounds; round++) {
    for (const [index, engine] of engines.entries()) {
      if (samples[index].length >= minRuns && spent[index] > budgetMs) continue;
      const start = performance.now();
      await engine.run();
      const elapsed = performance.now() - start;
      samples[index].push(elapsed);
      spent[index] += elapsed;
    }
  }
  return samples.map((times) => times.sort((a, b) => a - b)[Math.floor(times.length / 2)]);
}

async function childMain() {
  const { workloads } = await import(pathToFileURL(join(peersDirectory, "graphs.mjs")).href);
  const { tfjsEngine, onnxRuntimeEngine } = await import(pathToFileURL(join(peersDirectory, "engines.mjs")).href);
  const core = await importCore();
  // Every flavour this runtime compiles (relaxed needs the flag on Node 20, nothing on newer Node).
  const backends = ["relaxed", "plain"].flatMap((flavour) => {
    try {
      return [core.createWasmBackendSync(flavour)];
    } catch {
      return [];
    }
  });
  const only = process.argv.find((arg) => arg.startsWith("--only="))?.slice(7).toLowerCase();
  const peerNames = ["tfjs-cpu", "tfjs-wasm", "ort-web", "ort-node"];
  const rows = [["workload", ...backends.map((backend) => `${backend.name} ms`), "GFLOP/s", ...peerNames.map((name) => `${name} ms`), ...peerNames.map((name) => `×${name}`)]];
  let twoWorkers = null;
  // The "ResNet-18, 2 workers" row needs the ResNet-18 row (its reference output and peer times).
  const selected = (name) => only === undefined || name.toLowerCase().includes(only) || (name.startsWith("ResNet-18") && "resnet-18, 2 workers".includes(only));
  for (const graph of workloads().filter((workload) => selected(workload.name))) {
    const ours = backends.map((backend) => oursEngine(core, backend, graph));
    const reference = (await ours[0].run()).slice();
    const outputShape = graph.output === "fc" ? [1, 1000] : [1, ...outputShapeOf(core, graph)];
    const peers = [
      await tfjsEngine("cpu", graph), await tfjsEngine("wasm", graph),
      await onnxRuntimeEngine("web", graph, outputShape), await onnxRuntimeEngine("node", graph, outputShape),
    ];
    for (const engine of [...ours.slice(1), ...peers]) {
      const problem = mismatch(reference, engine.toNchw(await engine.run()));
      if (problem !== null) throw new Error(`${graph.name}: ${engine.name} disagrees with ours: ${problem}`);
    }
    const times = await timeInterleaved([...ours, ...peers]);
    const oursTimes = times.slice(0, ours.length);
    const peerTimes = times.slice(ours.length);
    const best = oursTimes[0];
    if (graph.name.startsWith("ResNet-18")) {
      twoWorkers = { graph, reference, oursMs: best, peers: peerNames.map((name, index) => ({ name, ms: peerTimes[index] })) };
    }
    rows.push([
      graph.name, ...oursTimes.map((ms) => ms.toFixed(2)), (graph.flops / best / 1e6).toFixed(1) + (graph.unit === "Gop/s" ? " op" : ""),
      ...peerTimes.map((ms) => ms.toFixed(2)), ...peerTimes.map((ms) => `${(ms / best).toFixed(2)}×`),
    ]);
    console.log(`  ${graph.name}: done`);
  }
  console.log(`\none thread each; ms = median of interleaved runs; ×peer = peer time / ours (${backends[0].name}); > 1 means ours is faster`);
  console.log("ResNet-18 row: the forward pass only (weights already made, batch norm folded), like the peers");
  printTable(rows);
  if (twoWorkers !== null) await benchTwoWorkers({ core, root, mismatch, ...twoWorkers });
  if (only === undefined || "resnet-18 preview".includes(only.toLowerCase())) benchPreview(core, backends[0]);
}

/**
 * What a user waits for: runNetwork on the ResNet-18 template and the bundled photo, with
 * batch norm, stats, feature maps and kernel previews; first with the weight cache empty
 * (weights generated, as on a spec's first preview), then with it filled (re-runs).
 */
function benchPreview(core, backend) {
  core.setKernelBackend(backend);
  const analysis = core.analyze(readFileSync(join(root, "media/templates/resnet18.cnn.json"), "utf8"));
  const prepared = core.prepareImage(new Uint8Array(readFileSync(join(root, "media/samples/camera.png"))), analysis.input);
  if (!prepared.ok) throw new Error(prepared.error.message);
  const timeRun = (clearCache) => {
    if (clearCache) core.weightCache().clear();
    const start = performance.now();
    const result = core.runNetwork(analysis, prepared.value);
    const elapsed = performance.now() - start;
    if (result.status !== "complete") throw new Error(`ResNet-18 preview: ${result.status}`);
    return { elapsed, layers: result.layers };
  };
  timeRun(true);
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const cold = [];
  const warm = [];
  let last = { elapsed: 0, layers: [] };
  for (let round = 0; round < 5; round++) {
    cold.push(timeRun(true).elapsed);
    last = timeRun(false);
    warm.push(last.elapsed);
  }
  const byType = new Map();
  for (const layer of last.layers) byType.set(layer.type, (byType.get(layer.type) ?? 0) + layer.milliseconds);
  const layerTotal = [...byType.values()].reduce((a, b) => a + b, 0);
  console.log(`\nResNet-18 preview end to end (runNetwork on the template, ${backend.name}, median of 5):`);
  console.log(`  first run of a spec (weights generated): ${median(cold).toFixed(0)} ms; re-run (weights cached): ${median(warm).toFixed(0)} ms`);
  const parts = [...byType].sort((a, b) => b[1] - a[1]).map(([type, ms]) => `${type} ${ms}`).join(", ");
  console.log(`  last re-run by layer type (ms): ${parts}; stats, feature maps and kernel previews ${Math.max(0, Math.round(last.elapsed - layerTotal))}`);
}

function outputShapeOf(core, graph) {
  const node = graph.nodes[graph.nodes.length - 1];
  const [channels, height, width] = graph.inputShape;
  if (node.kind === "maxpool") {
    const info = core.computePool2dInfo([channels, height, width], { kernel: node.kernel, stride: node.stride, padding: node.pad });
    return [info.channels, info.outHeight, info.outWidth];
  }
  const info = core.computeConv2dInfo(
    [channels, height, width], node.weight.shape, { stride: node.stride, padding: node.pad, groups: node.groups },
  );
  return [info.outChannels, info.outHeight, info.outWidth];
}

if (process.argv.includes("--child")) await childMain();
