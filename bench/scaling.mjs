// Benchmark section `scaling`: every stage that a hostile *.cnn.json can feed (analysis,
// locating each diagnostic and related location, each exporter and the shape tables) on
// specs of 1k, 10k and 100k layers, with the growth ratio per 10× (≈ 10 is linear; the last
// column flags anything near quadratic, see RATIO_LIMIT). Cases: a chain, a DAG with adds,
// concats, duplicate ids, broken layers and forward references, and that DAG without its
// errors (the PyTorch exporter refuses specs with errors).
import { buildAndImport } from "./build.mjs";
import { printTable } from "./timing.mjs";

const SIZES = [1000, 10000, 100000];

/**
 * Above this growth per 10× a stage is reported as superlinear. Linear work measures 10–30
 * here (1k layers fit in the caches and the young generation, 100k do not); quadratic work
 * measures ≈ 100.
 */
const RATIO_LIMIT = 40;

function specText(layers) {
  return `{\n  "version": 1,\n  "input": [8, 32, 32],\n  "layers": [\n${layers.map((layer) => `    ${JSON.stringify(layer)}`).join(",\n")}\n  ]\n}\n`;
}

/** `count` layers: conv, batch norm, relu, repeated. */
export function chainText(count) {
  const layers = [];
  for (let index = 0; index < count; index++) {
    const kind = index % 3;
    if (kind === 0) layers.push({ id: `conv${index}`, type: "conv2d", filters: 8, kernel: 3, padding: 1 });
    else if (kind === 1) layers.push({ id: `bn${index}`, type: "batchnorm2d" });
    else layers.push({ id: `relu${index}`, type: "relu" });
  }
  return specText(layers);
}

/**
 * About `count` layers in blocks of 8: two branches, an add, a concat and a 1×1 conv back to 8
 * channels; with `hostile`, each block also has a duplicate id, a broken layer (its error
 * points at its producer as a related location) and a forward reference.
 */
export function dagText(count, hostile) {
  const layers = [];
  let previous = "input";
  for (let block = 0; layers.length < count; block++) {
    const name = (suffix) => `b${block}.${suffix}`;
    layers.push(
      { id: name("a"), type: "conv2d", filters: 8, kernel: 3, padding: 1, inputs: [previous] },
      { id: name("b"), type: "conv2d", filters: 8, kernel: 1, inputs: [previous] },
      { id: name("sum"), type: "add", inputs: [name("a"), name("b")] },
      { id: name("cat"), type: "concat", inputs: [name("sum"), name("a"), name("b")] },
      { id: name("mix"), type: "conv2d", filters: 8, kernel: 1 },
    );
    if (hostile) {
      layers.push(
        { id: name("a"), type: "relu", inputs: [name("mix")] },
        { id: name("bad"), type: "conv2d", filters: 8, kernel: 99, inputs: [name("mix")] },
        { id: name("next"), type: "relu", inputs: [`b${block + 1}.a`] },
      );
    } else {
      layers.push({ id: name("bn"), type: "batchnorm2d" }, { id: name("relu"), type: "relu" }, { id: name("out"), type: "relu" });
    }
    previous = name("mix");
  }
  return specText(layers);
}

/** CPU milliseconds (user + system) of this process since `start`: waiting for a busy core does not count. */
function cpuMillisecondsSince(start) {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * The fastest of `runs` calls after warm-up calls (2, or up to 300 ms), in CPU time (robust to the shared
 * cores being busy; wall time would measure the neighbours), garbage collection included.
 */
function fastestMilliseconds(run, runs) {
  const warmUntil = process.cpuUsage();
  for (let warm = 0; warm < 2 || (warm < 50 && cpuMillisecondsSince(warmUntil) < 300); warm++) run();
  let best = Infinity;
  for (let index = 0; index < runs; index++) {
    const start = process.cpuUsage();
    run();
    best = Math.min(best, cpuMillisecondsSince(start));
  }
  return best;
}

function stages({ engine, exporters, summary }, text, valid) {
  const analysis = engine.analyze(text);
  const locateAll = () => {
    engine.locate("{}", []); // forget the cached tree: the one parse per text is part of locating
    for (const diagnostic of analysis.diagnostics) {
      const range = diagnostic.offset === undefined ? engine.locate(text, diagnostic.path) : { offset: diagnostic.offset };
      engine.positionInText(text, range.offset);
      for (const related of diagnostic.related ?? []) engine.positionInText(text, engine.locate(text, related.path).offset);
    }
  };
  const table = summary.summarize(analysis);
  const list = [
    ["analysis", () => engine.analyze(text)],
    ["locating", locateAll],
    ["JSON export", () => exporters.exportSpecJson(text, { keepErrors: true })],
    ["shape table: text", () => summary.toTextTable(summary.summarize(analysis))],
    ["shape table: markdown", () => summary.toMarkdown(table)],
    ["shape table: csv", () => summary.toCsv(table)],
  ];
  if (valid) list.push(["PyTorch export", () => exporters.exportPytorch(text)]);
  return { list, diagnostics: analysis.diagnostics.length };
}

/** Runs the section and returns its measurements (also printed). */
export async function benchScaling({ only } = {}) {
  const modules = {
    engine: await buildAndImport("src/engine/index.ts", "engine"),
    exporters: await buildAndImport("src/engine/export/index.ts", "exporters"),
    summary: await buildAndImport("src/engine/summary.ts", "summary"),
  };
  const cases = [
    { name: "chain", text: chainText, valid: true },
    { name: "DAG", text: (count) => dagText(count, false), valid: true },
    { name: "hostile DAG", text: (count) => dagText(count, true), valid: false },
  ].filter((entry) => only === undefined || entry.name.includes(only));
  const rows = [["case", "stage", ...SIZES.map((size) => `${size / 1000}k ms`), "×10 ratios", ""]];
  const results = [];
  for (const entry of cases) {
    const timings = new Map();
    const notes = [];
    for (const size of SIZES) {
      const text = entry.text(size);
      const { list, diagnostics } = stages(modules, text, entry.valid);
      notes.push(`${size / 1000}k: ${(text.length / 1024).toFixed(0)} KiB, ${diagnostics} diagnostics`);
      for (const [stage, run] of list) {
        if (!timings.has(stage)) timings.set(stage, []);
        timings.get(stage).push(fastestMilliseconds(run, size >= 100000 ? 1 : size >= 10000 ? 3 : 9));
      }
    }
    for (const [stage, times] of timings) {
      const ratios = times.slice(1).map((time, index) => time / Math.max(times[index], 0.01));
      const flag = ratios.some((ratio) => ratio > RATIO_LIMIT) ? "SUPERLINEAR" : "ok";
      rows.push([entry.name, stage, ...times.map((time) => time.toFixed(1)), ratios.map((ratio) => ratio.toFixed(1)).join(", "), flag]);
      results.push({ case: entry.name, stage, times, ratios, flag });
    }
    console.log(`${entry.name}: ${notes.join("; ")}`);
  }
  console.log(`\nCPU ms (all threads: JIT and GC included), fastest of 9 / 3 / 1 runs after warm-up; a ratio ≈ 10 per 10× is linear, above ${RATIO_LIMIT} is flagged`);
  printTable(rows);
  return results;
}
