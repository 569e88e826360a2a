// Benchmark section: analyze() on large generated networks, next to JSON.parse of the same
// text (the floor: analyze parses the text too, with comments allowed and positions kept).
import { buildAndImport } from "./build.mjs";
import { medianMilliseconds, printTable } from "./timing.mjs";

/** A chain of `count` 3×3 convolutions with padding 1 on a 16×32×32 input. */
export function convChainText(count) {
  const layers = [];
  for (let index = 0; index < count; index++) {
    layers.push(`    { "id": "conv${index}", "type": "conv2d", "filters": 16, "kernel": 3, "padding": 1, "activation": "relu" }`);
  }
  return `// ${count}-layer convolution chain\n{\n  "version": 1,\n  "name": "chain",\n  "input": [16, 32, 32],\n  "layers": [\n${layers.join(",\n")}\n  ]\n}\n`;
}

/** `count` ResNet basic blocks (conv-bn-relu-conv-bn, add, relu) on a 64×56×56 input: 7 layers each. */
export function resnetDagText(count) {
  const layers = [`    { "id": "stem", "type": "conv2d", "filters": 64, "kernel": 3, "padding": 1, "bias": false }`];
  let previous = "stem";
  for (let block = 0; block < count; block++) {
    const prefix = `block${block}`;
    layers.push(
      `    { "id": "${prefix}.conv1", "type": "conv2d", "filters": 64, "kernel": 3, "padding": 1, "bias": false }`,
      `    { "id": "${prefix}.bn1", "type": "batchnorm2d" }`,
      `    { "id": "${prefix}.relu1", "type": "relu" }`,
      `    { "id": "${prefix}.conv2", "type": "conv2d", "filters": 64, "kernel": 3, "padding": 1, "bias": false }`,
      `    { "id": "${prefix}.bn2", "type": "batchnorm2d" }`,
      `    { "id": "${prefix}.add", "type": "add", "inputs": ["${prefix}.bn2", "${previous}"] }`,
      `    { "id": "${prefix}.relu", "type": "relu" }`,
    );
    previous = `${prefix}.relu`;
  }
  return `// ${count}-block ResNet-style graph\n{\n  "version": 1,\n  "name": "dag",\n  "input": [64, 56, 56],\n  "layers": [\n${layers.join(",\n")}\n  ]\n}\n`;
}

function checkClean(name, analysis, expectedNodes) {
  const errors = analysis.diagnostics.filter((diagnostic) => diagnostic.severity === "error");
  if (analysis.nodes.length !== expectedNodes || errors.length > 0) {
    throw new Error(`${name}: expected ${expectedNodes} nodes and no errors, got ${analysis.nodes.length} nodes and ${errors.length} errors (${errors[0]?.message ?? ""})`);
  }
}

/** Runs the section and returns its measurements (also printed). */
export async function benchAnalyze({ runs = 21, warmup = 5 } = {}) {
  const engine = await buildAndImport("src/engine/index.ts", "engine");
  const cases = [
    { name: "conv chain, 1,000 layers", text: convChainText(1000), nodes: 1000 },
    { name: "ResNet DAG, 200 blocks", text: resnetDagText(200), nodes: 1 + 200 * 7 },
  ];
  const results = cases.map(({ name, text, nodes }) => {
    checkClean(name, engine.analyze(text), nodes);
    const analyzeMs = medianMilliseconds(() => engine.analyze(text), { runs, warmup });
    const parseMs = medianMilliseconds(() => JSON.parse(text.replace(/^\/\/.*\n/, "")), { runs, warmup });
    return { name, layers: nodes, kilobytes: text.length / 1024, analyzeMs, parseMs, ratio: analyzeMs / parseMs };
  });
  console.log(`analyze() — median of ${runs} runs after ${warmup} warm-up runs`);
  printTable([
    ["case", "layers", "text KiB", "analyze ms", "JSON.parse ms", "ratio"],
    ...results.map((result) => [result.name, result.layers, result.kilobytes.toFixed(0), result.analyzeMs.toFixed(2), result.parseMs.toFixed(3), `${result.ratio.toFixed(0)}×`]),
  ]);
  return results;
}
