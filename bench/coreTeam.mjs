// The "ResNet-18, 2 workers" row of the core section: the bench graph's ResNet-18 (same
// weights as the peers) as a spec run by runNetwork, on one worker and on two (this thread
// plus a helper started from the preview worker bundle, as previews do). Also measures the
// machine's two-thread ceiling right now: two one-worker runs at once (one here, one in a
// second worker) against one, so a loaded machine shows as such.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import * as esbuild from "esbuild";

/** The bench graph as a cnn.json spec (add + relu become add then relu; the relu keeps the node's id). */
export function specOf(graph) {
  const layers = [];
  let previous = "input";
  const inputsOf = (ids) => (ids.length === 1 && ids[0] === previous ? {} : { inputs: ids });
  for (const node of graph.nodes) {
    switch (node.kind) {
      case "conv": {
        const [filters, , kernel] = node.weight.shape;
        layers.push({ id: node.id, type: "conv2d", ...inputsOf([node.input]), filters, kernel, stride: node.stride, padding: node.pad, groups: node.groups, ...(node.relu ? { activation: "relu" } : {}) });
        break;
      }
      case "maxpool":
        layers.push({ id: node.id, type: "maxpool2d", ...inputsOf([node.input]), kernel: node.kernel, stride: node.stride, padding: node.pad });
        break;
      case "add":
        layers.push({ id: `${node.id}.sum`, type: "add", inputs: node.inputs });
        if (node.relu) layers.push({ id: node.id, type: "relu" });
        else layers[layers.length - 1].id = node.id;
        break;
      case "gap":
        layers.push({ id: `${node.id}.pool`, type: "globalavgpool2d", ...inputsOf([node.input]) }, { id: node.id, type: "flatten" });
        break;
      case "linear":
        layers.push({ id: node.id, type: "linear", ...inputsOf([node.input]), units: node.weight.shape[0] });
        break;
      default:
        throw new Error(`2 workers: unknown node kind ${node.kind}`);
    }
    previous = layers[layers.length - 1].id;
  }
  return { version: 1, input: graph.inputShape, layers };
}

/** The graph's weights in SharedArrayBuffers (the helper reads them without a copy), declared constant. */
export function sharedWeights(core, graph) {
  const shared = (values) => {
    if (values === null) return null;
    const array = new Float32Array(new SharedArrayBuffer(4 * values.length));
    array.set(values);
    return array;
  };
  const given = {};
  for (const node of graph.nodes.filter((candidate) => candidate.weight)) {
    given[node.id] = { weights: shared(node.weight.data), bias: shared(node.bias ?? null) };
    core.declareConstantWeights(given[node.id].weights);
  }
  return given;
}

async function startWorker(source) {
  const worker = new Worker(source, { eval: true });
  worker.unref();
  return worker;
}

/** CPU nanoseconds each thread of this process has run (Linux schedstat), or null elsewhere. */
function threadCpu() {
  if (!existsSync("/proc/self/task")) return null;
  const cpu = {};
  for (const id of readdirSync("/proc/self/task")) {
    try {
      cpu[id] = Number(readFileSync(`/proc/self/task/${id}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      // The thread ended meanwhile.
    }
  }
  return cpu;
}

/**
 * CPU milliseconds per run of this thread, and of the busiest other thread, over `runs` calls:
 * what the work costs each thread whatever else the machine runs.
 */
function cpuPerRun(run, runs) {
  const self = readFileSync("/proc/thread-self/stat", "utf8").split(" ")[0];
  const before = threadCpu();
  for (let index = 0; index < runs; index++) run();
  const after = threadCpu();
  const delta = (id) => (after[id] - (before[id] ?? after[id])) / runs / 1e6;
  const others = Object.keys(after).filter((id) => id !== self).map(delta).sort((a, b) => b - a);
  return { self: delta(self), busiestOther: others[0] ?? 0 };
}

/** 1 vs 2 workers on previews of growing networks (default preview options): where sharing starts to pay. */
function benchSizes(core, team) {
  const rows = [];
  for (const [size, filters] of [[32, 16], [64, 32], [96, 32], [128, 64]]) {
    const analysis = core.analyze({
      version: 1, input: [3, size, size], layers: [
        { id: "a", type: "conv2d", filters, kernel: 3, padding: 1, activation: "relu" },
        { id: "b", type: "conv2d", filters, kernel: 3, padding: 1 }, { id: "bn", type: "batchnorm2d" }, { id: "r", type: "relu" },
        { id: "p", type: "maxpool2d", kernel: 2 }, { id: "c", type: "conv2d", filters: 2 * filters, kernel: 3, padding: 1, activation: "relu" },
      ],
    });
    const image = { shape: [3, size, size], data: new Float32Array(3 * size * size).fill(0.25) };
    const times = { one: [], two: [] };
    for (let round = 0; round < 21; round++) {
      for (const mode of ["one", "two"]) {
        const start = performance.now();
        core.runNetwork(analysis, image, mode === "two" ? { team } : {});
        times[mode].push(performance.now() - start);
      }
    }
    const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    rows.push(`${(analysis.totals.macs / 1e6).toFixed(0)} M MACs ${median(times.one).toFixed(1)} → ${median(times.two).toFixed(1)} ms (×${(median(times.one) / median(times.two)).toFixed(2)})`);
  }
  console.log(`  previews by network size, 1 → 2 workers (median of 21): ${rows.join("; ")}`);
}

/** Runs the 2-workers row; `reference` is our one-worker output of the graph, `peers` [{ name, ms }] from the table. */
export async function benchTwoWorkers({ core, root, graph, reference, oursMs, peers, mismatch }) {
  const helperFile = join(root, "dist", "bench", "previewWorker.js");
  await esbuild.build({ entryPoints: [join(root, "src/core/worker/previewWorker.ts")], outfile: helperFile, bundle: true, format: "cjs", platform: "node", target: "node20", mainFields: ["module", "main"], logLevel: "warning" });
  const helper = new Worker(helperFile, { workerData: { role: "helper" } });
  helper.unref();
  helper.on("error", (error) => console.error(`the helper worker failed: ${error.stack ?? error}`));
  let stopping = false;
  helper.on("exit", (code) => stopping || console.error(`the helper worker exited (${code})`));
  const team = new core.WorkerTeam((message) => helper.postMessage(message));
  const analysis = core.analyze(specOf(graph));
  if (analysis.diagnostics.some((diagnostic) => diagnostic.severity === "error")) throw new Error(`2 workers: the spec is invalid: ${analysis.diagnostics[0].message}`);
  const givenWeights = sharedWeights(core, graph);
  const image = { shape: graph.inputShape, data: graph.input };
  const options = { displayLayers: [], givenWeights, keepTensors: [graph.output] };
  const run = (withTeam) => {
    const result = core.runNetwork(analysis, image, withTeam ? { ...options, team } : options);
    if (result.status !== "complete") throw new Error(`2 workers: run ${result.status}: ${result.stoppedAt?.reason}`);
    return result.layers.find((layer) => layer.id === graph.output).tensor.data;
  };
  for (const withTeam of [false, true]) {
    const problem = mismatch(reference, run(withTeam));
    if (problem !== null) throw new Error(`ResNet-18 (runNetwork, ${withTeam ? 2 : 1} worker(s)) disagrees with ours: ${problem}`);
  }
  // The ceiling: a second thread running the same one-worker run at the same time.
  const coreUrl = pathToFileURL(join(root, "dist", "bench", "coreWasm.mjs")).href;
  const ceilingWorker = await startWorker(`
    const { parentPort } = require("node:worker_threads");
    let state = null;
    parentPort.on("message", async (message) => {
      if (message.setup) {
        const core = await import(${JSON.stringify(coreUrl)});
        core.setKernelBackend(core.createWasmBackendSync("relaxed"));
        state = { core, ...message.setup };
        parentPort.postMessage("ready");
        return;
      }
      state.core.runNetwork(state.analysis, state.image, state.options);
      parentPort.postMessage("done");
    });`);
  const answer = () => new Promise((resolve) => ceilingWorker.once("message", resolve));
  ceilingWorker.postMessage({ setup: { analysis, image, options: { displayLayers: [], givenWeights } } });
  await answer();
  const samples = { one: [], two: [], both: [] };
  for (let round = 0; round < 9; round++) {
    let start = performance.now();
    run(false);
    samples.one.push(performance.now() - start);
    start = performance.now();
    run(true);
    samples.two.push(performance.now() - start);
    start = performance.now();
    const other = answer();
    ceilingWorker.postMessage({});
    run(false);
    await other;
    samples.both.push(performance.now() - start);
  }
  await ceilingWorker.terminate();
  const cpu = threadCpu() === null ? null : { one: cpuPerRun(() => run(false), 8), two: cpuPerRun(() => run(true), 8) };
  const sizes = () => benchSizes(core, team);
  stopping = true;
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const [one, two, both] = [median(samples.one), median(samples.two), median(samples.both)];
  console.log("\nResNet-18, 2 workers (runNetwork on the graph above as a spec, its weights; stats only, no previews; median of 9 interleaved):");
  console.log(`  1 worker ${one.toFixed(1)} ms, 2 workers ${two.toFixed(1)} ms: ×${(one / two).toFixed(2)} (target ≥ 1.4×)`);
  console.log(`  this machine's two-thread ceiling right now: two 1-worker runs at once take ${both.toFixed(1)} ms, ×${((2 * one) / both).toFixed(2)} the throughput of one (2.00 on an idle machine)`);
  if (cpu !== null) {
    const { one: alone, two: shared } = cpu;
    const bound = alone.self / Math.max(shared.self, shared.busiestOther);
    console.log(`  CPU time per run (immune to load): 1 worker ${alone.self.toFixed(1)} ms; 2 workers ${shared.self.toFixed(1)} ms here + ${shared.busiestOther.toFixed(1)} ms in the helper (work ×${((shared.self + shared.busiestOther) / alone.self).toFixed(2)}); with a core each: ≈ ×${bound.toFixed(2)}`);
  }
  const versus = peers.map(({ name, ms }) => `${name} ${ms.toFixed(1)} ms (×${(ms / two).toFixed(2)})`).join(", ");
  console.log(`  ours 1 worker, forward only: ${oursMs.toFixed(1)} ms; peers, one thread each, ×peer/2 workers: ${versus}`);
  sizes();
  await helper.terminate();
}
