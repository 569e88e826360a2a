// The fuzz tier: `node test/fuzz/run.mjs [--seed N] [--cases N] [--only I,J] [--file spec.cnn.json]`
//   [--workers 2] [--call-timeout-ms 20000] [--rss-limit-mb 1024] [--heap-limit-mb 768] [--cli-sample 50] [--no-cli]
//
// Generates hostile specs (test/fuzz/generate.ts: every template mutated, plus 20,000-layer specs,
// 200,000-element arrays, deep nesting, broken text; fixed seed, deterministic) and puts each through
// analyze, locate, the JSON and PyTorch exporters, the tables and the CLI report, in a pool of
// worker_threads workers (test/fuzz/worker.ts, bundled here with esbuild into test-artifacts/fuzz/.build).
// Watchdogs: each call must end within --call-timeout-ms (else the worker is terminated and restarted);
// each worker's V8 heap is capped (--heap-limit-mb); the process RSS is sampled and must stay under
// --rss-limit-mb (on an overrun the running cases are re-run alone, so the case that needs the memory
// is the one that fails). A sample of the cases also goes through the built CLI (dist/cli.js check):
// exit 0 or 1, no stack trace, no raw control characters, within the time limit.
// A failing case prints its index, mutation and failures; its spec is written to test-artifacts/fuzz/.
// Last line: `fuzz: N passed, N failed` (one per case); the figures above it give the wall time.
// Time budget: the default run (2000 cases and its CLI sample) within 2 minutes on a 2-core machine
// that runs nothing else (113 s measured). The per-call watchdog (20 s) detects hangs and work that
// grows with a number inside the file; it is not a speed goal (the slowest call, ~3 s for a
// 200,000-layer export, is reported above the last line; speed goals live in npm run bench).
import * as esbuild from "esbuild";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { clearInterval, clearTimeout, setImmediate, setInterval, setTimeout } from "node:timers";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const artifacts = join(root, "test-artifacts/fuzz");
const buildDir = join(artifacts, ".build");

// ---------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------

const DEFAULT_SEED = 15;

function parseOptions(argv) {
  const options = {
    seed: DEFAULT_SEED, cases: 2000, only: null, file: null, workers: 2, callTimeoutMs: 20_000, rssLimitMb: 1024, heapLimitMb: 768,
    cliSample: 50, cli: true,
  };
  const numeric = { "--seed": "seed", "--cases": "cases", "--workers": "workers", "--call-timeout-ms": "callTimeoutMs", "--rss-limit-mb": "rssLimitMb", "--heap-limit-mb": "heapLimitMb", "--cli-sample": "cliSample" };
  for (let index = 0; index < argv.length; index++) {
    const [name, inline] = argv[index].includes("=") ? argv[index].split(/=(.*)/s) : [argv[index], undefined];
    const value = () => inline ?? argv[++index];
    if (name in numeric) {
      const parsed = Number(value());
      if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} needs a whole number`);
      options[numeric[name]] = parsed;
    } else if (name === "--only") {
      options.only = String(value()).split(",").map(Number);
      if (options.only.some((entry) => !Number.isInteger(entry) || entry < 0)) throw new Error("--only needs case indices, e.g. --only 3,17");
    } else if (name === "--file") {
      options.file = resolve(String(value()));
    } else if (name === "--no-cli") {
      options.cli = false;
    } else {
      throw new Error(`unknown option ${name}`);
    }
  }
  options.workers = Math.max(1, options.workers);
  return options;
}

// ---------------------------------------------------------------------------
// Build
// ---------------------------------------------------------------------------

async function bundle() {
  await esbuild.build({
    entryPoints: { worker: join(root, "test/fuzz/worker.ts"), generate: join(root, "test/fuzz/generate.ts") },
    outdir: buildDir,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    mainFields: ["module", "main"],
    sourcemap: true,
    logLevel: "warning",
  });
}

function readTemplates() {
  const folder = join(root, "media/templates");
  return readdirSync(folder).filter((name) => name.endsWith(".cnn.json")).sort().map((name) => ({ name: name.replace(/\.cnn\.json$/, ""), text: readFileSync(join(folder, name), "utf8") }));
}

// ---------------------------------------------------------------------------
// The worker pool with its watchdogs
// ---------------------------------------------------------------------------

const MB = 1024 * 1024;

class Pool {
  constructor(options, templates, onResult) {
    this.options = options;
    this.templates = templates;
    this.onResult = onResult;
    this.slots = [];
    this.slowest = { ms: 0, call: "", index: -1 };
    this.calls = 0;
    this.peakRss = 0;
    this.peakArrayBuffers = 0;
    this.restarts = 0;
    this.rssOverruns = 0;
    this.callTotals = new Map();
    this.rssEvents = [];
  }

  async start() {
    for (let id = 0; id < this.options.workers; id++) this.slots.push(await this.spawn(id));
    this.sampler = setInterval(() => this.sample(), 20);
  }

  spawn(id) {
    return new Promise((resolveSlot, reject) => {
      const worker = new Worker(join(buildDir, "worker.js"), {
        workerData: { templates: this.templates },
        resourceLimits: { maxOldGenerationSizeMb: this.options.heapLimitMb, maxYoungGenerationSizeMb: 64 },
        execArgv: ["--enable-source-maps"],
        stdout: false,
        stderr: false,
      });
      const slot = { id, worker, job: null, call: "", callStarted: 0, timer: null, dead: false };
      const onReady = (message) => {
        if (message?.type !== "ready") return;
        worker.off("message", onReady);
        worker.on("message", (inner) => this.message(slot, inner));
        resolveSlot(slot);
      };
      worker.on("message", onReady);
      worker.on("error", (error) => {
        if (!slot.job) return reject(error);
        const heap = error?.code === "ERR_WORKER_OUT_OF_MEMORY";
        this.finishWithFailure(slot, heap ? `heap limit: the worker ran out of its ${this.options.heapLimitMb} MB V8 heap (${error.message})` : `worker crashed: ${error?.stack ?? error}`);
      });
      worker.on("exit", (code) => {
        if (slot.job && !slot.dead) this.finishWithFailure(slot, `worker exited with code ${code}`);
      });
    });
  }

  /** Runs one job ({ index, seed, text? }); resolves with { failures, textLength }. */
  run(job) {
    const slot = this.slots.find((candidate) => !candidate.job && !candidate.dead);
    if (!slot) throw new Error("no idle worker");
    return new Promise((resolveJob) => {
      slot.job = { ...job, resolve: resolveJob, peakHeap: 0, started: performance.now() };
      this.arm(slot, "start");
      slot.worker.postMessage({ seed: job.seed, index: job.index, text: job.text });
    });
  }

  idle() {
    return this.slots.filter((slot) => !slot.job && !slot.dead).length;
  }

  busy() {
    return this.slots.filter((slot) => slot.job);
  }

  arm(slot, call) {
    clearTimeout(slot.timer);
    slot.call = call;
    slot.callStarted = performance.now();
    slot.timer = setTimeout(() => {
      this.finishWithFailure(slot, `time limit: call "${slot.call}" still running after ${this.options.callTimeoutMs} ms; worker terminated`);
    }, this.options.callTimeoutMs);
  }

  message(slot, message) {
    if (!slot.job) return;
    if (message.type === "begin") {
      this.arm(slot, message.call);
    } else if (message.type === "end") {
      clearTimeout(slot.timer);
      this.calls++;
      this.callTotals.set(message.call, (this.callTotals.get(message.call) ?? 0) + message.ms);
      if (message.ms > this.slowest.ms) this.slowest = { ms: message.ms, call: message.call, index: slot.job.index };
      slot.job.peakHeap = Math.max(slot.job.peakHeap, message.heapUsed);
      this.peakArrayBuffers = Math.max(this.peakArrayBuffers, message.arrayBuffers);
      if (message.arrayBuffers > this.options.rssLimitMb * MB) {
        slot.job.extraFailure = { call: message.call, message: `memory: ${Math.round(message.arrayBuffers / MB)} MB of ArrayBuffers after the call (limit ${this.options.rssLimitMb} MB)` };
      }
    } else if (message.type === "done") {
      clearTimeout(slot.timer);
      const job = slot.job;
      slot.job = null;
      const failures = job.extraFailure ? [...message.failures, job.extraFailure] : message.failures;
      job.resolve({ failures, textLength: message.textLength, peakHeap: job.peakHeap, ms: performance.now() - job.started });
    }
  }

  /** Ends the slot's job as failed, terminates its worker and starts a fresh one in its place. */
  finishWithFailure(slot, text, extra = {}) {
    const job = slot.job;
    if (!job) return;
    clearTimeout(slot.timer);
    slot.job = null;
    this.replace(slot);
    job.resolve({
      failures: [{ call: slot.call, message: text }], textLength: 0, peakHeap: job.peakHeap, ms: performance.now() - job.started, ...extra,
    });
  }

  replace(slot) {
    slot.dead = true;
    this.restarts++;
    const position = this.slots.indexOf(slot);
    const old = slot.worker;
    const ready = old.terminate().catch(() => undefined).then(() => this.spawn(slot.id));
    this.pending = (this.pending ?? Promise.resolve()).then(() => ready).then((fresh) => {
      this.slots[position] = fresh;
    });
  }

  /** Waits for replaced workers to be up. */
  async settle() {
    while (this.pending) {
      const pending = this.pending;
      await pending;
      if (pending === this.pending) this.pending = null;
    }
  }

  sample() {
    const { rss } = process.memoryUsage();
    this.peakRss = Math.max(this.peakRss, rss);
    if (rss <= this.options.rssLimitMb * MB) return;
    const busy = this.busy();
    if (busy.length === 0) return;
    this.rssOverruns++;
    const solo = busy.length === 1;
    this.rssEvents.push(`${Math.round(rss / MB)} MB with case${busy.length > 1 ? "s" : ""} ${busy.map((slot) => `${slot.job.index} (${slot.call})`).join(" and ")}${solo ? "" : ", re-run alone"}`);
    for (const slot of busy) {
      const message = `memory: process RSS ${Math.round(rss / MB)} MB > ${this.options.rssLimitMb} MB during call "${slot.call}"${solo ? " (running alone)" : ""}`;
      this.finishWithFailure(slot, message, { rssOverrun: true, solo });
    }
  }

  async stop() {
    clearInterval(this.sampler);
    await this.settle();
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }
}

/** Waits (up to 5 s) for the RSS to fall under the limit after terminated workers. */
async function cooldown(limitBytes) {
  for (let waited = 0; waited < 5000 && process.memoryUsage().rss > limitBytes; waited += 50) {
    await new Promise((done) => setTimeout(done, 50));
  }
}

async function runPool(options, templates, jobs) {
  const pool = new Pool(options, templates);
  await pool.start();
  const results = new Map();
  const queue = [...jobs];
  const soloQueue = [];
  let done = 0;
  const started = performance.now();
  await new Promise((finishAll) => {
    const pump = async () => {
      if (pump.running) return;
      pump.running = true;
      try {
        for (;;) {
          await pool.settle();
          if (soloQueue.length > 0) {
            if (pool.busy().length > 0) break;
            await cooldown(options.rssLimitMb * MB);
            dispatch(soloQueue.shift(), true);
            break;
          }
          if (queue.length === 0 || pool.idle() === 0) break;
          dispatch(queue.shift(), false);
        }
      } finally {
        pump.running = false;
      }
      if (queue.length === 0 && soloQueue.length === 0 && pool.busy().length === 0 && !pool.pending) finishAll();
    };
    const dispatch = (job, solo) => {
      pool.run(job).then((result) => {
        if (result.rssOverrun && !result.solo && !solo) {
          soloQueue.push(job); // ran next to another case: run it alone to see which one needs the memory
        } else {
          results.set(job.index, result);
          done++;
          if (done % 500 === 0) process.stderr.write(`fuzz: progress ${done}/${jobs.length} (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
        }
        setImmediate(pump);
      });
    };
    pump();
  });
  await pool.stop();
  return { results, pool };
}

// ---------------------------------------------------------------------------
// The CLI on a sample
// ---------------------------------------------------------------------------

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|\p{Cs}/gu;

function terminalProblem(text, lineFeedsOnly) {
  UNSAFE.lastIndex = 0;
  for (let match = UNSAFE.exec(text); match; match = UNSAFE.exec(text)) {
    const character = match[0];
    const allowed = character === "\n" || (!lineFeedsOnly && (character === "\t" || (character === "\r" && text[match.index + 1] === "\n")));
    if (!allowed) {
      const code = `U+${character.codePointAt(0).toString(16).padStart(4, "0")}`;
      return `raw ${code} at offset ${match.index} (…${JSON.stringify(text.slice(Math.max(0, match.index - 30), match.index + 10)).slice(1, -1)}…)`;
    }
  }
  return undefined;
}

const STACK_TRACE = /^\s+at .+(\(.*:\d+:\d+\)|:\d+:\d+)$|node:internal|^\w*Error: |Uncaught/m;

function runCli(cli, args, timeoutMs) {
  return new Promise((resolveRun) => {
    const started = performance.now();
    const child = spawn(process.execPath, [cli, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    const stdout = [];
    const stderr = [];
    child.stdout.on("data", (chunk) => stdout.push(chunk));
    child.stderr.on("data", (chunk) => stderr.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolveRun({ code, signal, timedOut, ms: performance.now() - started, stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8") });
    });
  });
}

const CLI_VARIANTS = [[], ["--format", "markdown"], ["--format", "csv"], ["--json"], ["--order", "hwc"]];

async function cliChecks(options, cases, generate, templates) {
  let cli = join(root, "dist/cli.js");
  if (!existsSync(cli)) {
    cli = join(buildDir, "cli.js");
    await esbuild.build({ entryPoints: [join(root, "src/cli/main.ts")], outfile: cli, bundle: true, platform: "node", format: "cjs", target: "node20", mainFields: ["module", "main"], logLevel: "warning" });
  }
  const help = await runCli(cli, ["--help"], 10_000);
  // `export <file> --to a|b|c` when the CLI has it (the formats are read from its usage).
  const exportFormats = /\bexport <file[^\n]*--to ([a-z|]+)/.exec(help.stdout)?.[1].split("|") ?? [];
  const hasExport = exportFormats.length > 0;
  const folder = mkdtempSync(join(tmpdir(), "cnn-fuzz-"));
  const failures = new Map();
  let slowest = { ms: 0, index: -1, args: "" };
  let runs = 0;
  try {
    const work = cases.map((entry, position) => async () => {
      const text = entry.text ?? generate.makeCase(options.seed, entry.index, templates).text;
      const file = join(folder, `case-${entry.index}.cnn.json`);
      writeFileSync(file, text);
      const runsOf = [["check", file, ...CLI_VARIANTS[position % CLI_VARIANTS.length]]];
      if (hasExport) runsOf.push(["export", file, "--to", exportFormats[position % exportFormats.length]]);
      for (const args of runsOf) {
        const result = await runCli(cli, args, options.callTimeoutMs);
        runs++;
        const shown = `cli ${args[0]} ${args.slice(2).join(" ")}`.trim();
        if (result.ms > slowest.ms) slowest = { ms: result.ms, index: entry.index, args: shown };
        const problems = [];
        if (result.timedOut) problems.push(`time limit: still running after ${options.callTimeoutMs} ms`);
        else if (result.signal) problems.push(`killed by ${result.signal}`);
        else if (result.code !== 0 && result.code !== 1) problems.push(`exit code ${result.code} (expected 0 or 1): ${result.stderr.slice(0, 300)}`);
        if (STACK_TRACE.test(result.stderr)) problems.push(`stack trace on stderr: ${result.stderr.slice(0, 400)}`);
        const machineText = args.includes("--json") || ["json", "pytorch", "svg"].includes(args[3]);
        const out = terminalProblem(result.stdout, machineText);
        if (out) problems.push(`stdout: ${out}`);
        const err = terminalProblem(result.stderr, false);
        if (err) problems.push(`stderr: ${err}`);
        if (problems.length > 0) {
          failures.set(entry.index, [...(failures.get(entry.index) ?? []), ...problems.map((message) => ({ call: shown, message }))]);
        }
      }
      unlinkSync(file);
    });
    const lanes = Array.from({ length: Math.min(options.workers, work.length) }, async () => {
      while (work.length > 0) await work.shift()();
    });
    await Promise.all(lanes);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return { failures, slowest, runs, cli, hasExport, exportFormats };
}

/** ~`count` indices spread over the run, every fifth one a heavy case. */
function cliSample(cases, count, isHeavy, heavyEvery) {
  const picked = new Set();
  for (let k = 0; k < count && k < cases; k++) {
    let index = Math.floor((k * cases) / count);
    if (k % 5 === 4) {
      const heavy = index - (index % heavyEvery) + heavyEvery - 1;
      if (heavy < cases && isHeavy(heavy)) index = heavy;
    }
    picked.add(index);
  }
  return [...picked].sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

const REPRO_INLINE_LIMIT = 256 * 1024;

function writeRepros(options, failed, generate, templates) {
  mkdirSync(artifacts, { recursive: true });
  const written = new Set();
  const paths = new Map();
  for (const entry of failed) {
    if (entry.fromFile) continue;
    const generated = generate.makeCase(options.seed, entry.index, templates);
    const base = join(artifacts, `seed-${options.seed}-case-${entry.index}`);
    const large = generated.text.length > REPRO_INLINE_LIMIT;
    if (large && written.has(generated.mutation)) {
      paths.set(entry.index, `(same as the first case with this mutation: ${paths.get([...paths.keys()].find((index) => failed.find((other) => other.index === index)?.mutation === generated.mutation))})`);
      continue;
    }
    written.add(generated.mutation);
    writeFileSync(`${base}.cnn.json`, generated.text);
    const notes = [`seed ${options.seed}, case ${entry.index}, template ${generated.template}`, `mutation: ${generated.mutation}`, ...entry.failures.map((failure) => `${failure.call}: ${failure.message}`), `rerun: node test/fuzz/run.mjs --seed ${options.seed} --only ${entry.index}`];
    if (/\p{Cs}/u.test(generated.text)) notes.push("note: the spec holds lone surrogates, written to the file as U+FFFD");
    writeFileSync(`${base}.txt`, notes.join("\n") + "\n");
    paths.set(entry.index, `${base.slice(root.length + 1)}.cnn.json`);
  }
  return paths;
}

function cleanOldRepros() {
  if (!existsSync(artifacts)) return;
  for (const name of readdirSync(artifacts)) if (/^seed-\d+-case-\d+\.(cnn\.json|txt)$/.test(name)) unlinkSync(join(artifacts, name));
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const started = performance.now();
  await bundle();
  const require = createRequire(import.meta.url);
  const generate = require(join(buildDir, "generate.js"));
  const templates = readTemplates();
  if (!options.file && !options.only) cleanOldRepros(); // a rerun of some cases keeps the full run's repros

  let jobs;
  if (options.file) jobs = [{ index: 0, seed: options.seed, text: readFileSync(options.file, "utf8"), fromFile: true }];
  else jobs = (options.only ?? Array.from({ length: options.cases }, (_, index) => index)).map((index) => ({ index, seed: options.seed }));
  const { results, pool } = await runPool(options, templates, jobs);
  const poolSeconds = (performance.now() - started) / 1000;

  let cli = null;
  if (options.cli) {
    const sample = options.file || options.only
      ? jobs
      : cliSample(options.cases, options.cliSample, generate.isHeavy, generate.HEAVY_EVERY).map((index) => ({ index }));
    cli = await cliChecks(options, sample, generate, templates);
    for (const [index, failures] of cli.failures) results.get(index).failures.push(...failures);
  }

  const failed = [];
  for (const job of jobs) {
    const result = results.get(job.index);
    if (result.failures.length > 0) {
      const mutation = job.fromFile ? `file ${options.file}` : generate.makeCase(options.seed, job.index, templates).mutation;
      failed.push({ index: job.index, mutation, failures: result.failures, fromFile: job.fromFile });
    }
  }
  failed.sort((a, b) => a.index - b.index);
  const repros = writeRepros(options, failed, generate, templates);
  for (const entry of failed) {
    console.log(`FAIL case ${entry.index}: ${entry.mutation}`);
    for (const failure of entry.failures) console.log(`    [${failure.call}] ${failure.message.replace(/\n/g, "\n      ")}`);
    if (!entry.fromFile) console.log(`    repro: ${repros.get(entry.index)}  (node test/fuzz/run.mjs --seed ${options.seed} --only ${entry.index})`);
  }

  const seconds = (performance.now() - started) / 1000;
  const slowCases = jobs.map((job) => ({ index: job.index, ms: results.get(job.index).ms })).sort((a, b) => b.ms - a.ms).slice(0, 5);
  const heavyCount = jobs.filter((job) => !job.fromFile && generate.isHeavy(job.index)).length;
  console.log(`\nfuzz figures: seed ${options.seed}; ${jobs.length} cases (${heavyCount} heavy), ${pool.calls} calls in ${options.workers} workers, ${poolSeconds.toFixed(1)} s; ${seconds.toFixed(1)} s in all`);
  console.log(`  slowest call: ${pool.slowest.call} on case ${pool.slowest.index}, ${pool.slowest.ms.toFixed(0)} ms (limit ${options.callTimeoutMs} ms); worker restarts: ${pool.restarts}; RSS overruns: ${pool.rssOverruns}`);
  console.log(`  time by call: ${[...pool.callTotals].sort((a, b) => b[1] - a[1]).map(([call, ms]) => `${call} ${(ms / 1000).toFixed(1)} s`).join(", ")}`);
  console.log(`  slowest cases: ${slowCases.map((entry) => `${entry.index} (${(entry.ms / 1000).toFixed(1)} s)`).join(", ")}`);
  if (pool.rssEvents.length > 0) console.log(`  RSS overruns: ${pool.rssEvents.join("; ")}`);
  console.log(`  peak RSS ${Math.round(pool.peakRss / MB)} MB (limit ${options.rssLimitMb} MB), peak worker ArrayBuffers ${Math.round(pool.peakArrayBuffers / MB)} MB, worker heap limit ${options.heapLimitMb} MB`);
  if (cli) console.log(`  CLI: ${cli.runs} runs of ${cli.cli.slice(root.length + 1)} (${cli.hasExport ? `check and export --to ${cli.exportFormats.join("|")}` : "check; no export command"}), slowest ${cli.slowest.args} on case ${cli.slowest.index}, ${cli.slowest.ms.toFixed(0)} ms`);
  console.log(`fuzz: ${jobs.length - failed.length} passed, ${failed.length} failed`);
  process.exitCode = failed.length > 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(error?.stack ?? String(error));
  console.log("fuzz: 0 passed, 1 failed");
  process.exitCode = 1;
});
