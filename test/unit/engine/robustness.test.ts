/**
 * Property test: random and mutated specs (seeded PRNG, bounded) never make analyze throw,
 * hang, or report an internal error; plus the 1,000-layer performance budget.
 */
import { describe, expect, it } from "vitest";
import { analyze } from "../../../src/engine";

/** mulberry32: a tiny seeded PRNG. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPES = ["conv2d", "convtranspose2d", "maxpool2d", "minpool2d", "avgpool2d", "adaptiveavgpool2d", "globalmaxpool2d", "batchnorm2d", "dropout", "flatten", "linear", "relu", "leakyrelu", "softmax", "add", "concat", "bogus"];
const KEYS = ["filters", "kernel", "stride", "padding", "dilation", "groups", "bias", "outputPadding", "ceilMode", "countIncludePad", "outputSize", "units", "rate", "slope", "eps", "activation", "weights", "flipKernel", "inputs", "id"];

function value(next: () => number, depth = 0): unknown {
  const roll = next();
  if (roll < 0.35) return Math.floor(next() * 9) - 2;
  if (roll < 0.45) return [Math.floor(next() * 6), Math.floor(next() * 6)];
  if (roll < 0.5) return ["same", "valid", "relu", "sobel-x", "input", "a", "", "kaiming"][Math.floor(next() * 8)];
  if (roll < 0.55) return next() < 0.5;
  if (roll < 0.6) return null;
  if (roll < 0.65) return next() * 3 - 1;
  if (roll < 0.7 && depth < 3) return { kernels: [value(next, depth + 1), "box"] };
  if (roll < 0.75 && depth < 3) return [value(next, depth + 1), value(next, depth + 1), value(next, depth + 1)];
  if (roll < 0.8) return [1e12, -1e12];
  return Math.floor(next() * 4) + 1;
}

function randomSpec(next: () => number): Record<string, unknown> {
  const layers: unknown[] = [];
  const count = Math.floor(next() * 8);
  for (let index = 0; index < count; index++) {
    if (next() < 0.05) {
      layers.push(value(next));
      continue;
    }
    const layer: Record<string, unknown> = { type: TYPES[Math.floor(next() * TYPES.length)] };
    if (next() < 0.6) layer.id = ["a", "b", "c", "input", "1x", `l${index}`][Math.floor(next() * 6)];
    for (let key = 0; key < 4; key++) if (next() < 0.6) layer[KEYS[Math.floor(next() * KEYS.length)]] = value(next);
    if (next() < 0.2) layer.inputs = ["a", "b", "input", "zz"].filter(() => next() < 0.5);
    layers.push(layer);
  }
  const spec: Record<string, unknown> = {
    input: next() < 0.9 ? [Math.floor(next() * 4) + 1, Math.floor(next() * 40) + 1, Math.floor(next() * 40) + 1] : value(next), layers,
  };
  if (next() < 0.1) spec.seed = value(next);
  if (next() < 0.1) spec.version = value(next);
  return spec;
}

/** Deletes, duplicates or replaces a character: mostly invalid JSON, sometimes odd but valid. */
function mutate(text: string, next: () => number): string {
  const position = Math.floor(next() * text.length);
  const roll = next();
  if (roll < 0.33) return text.slice(0, position) + text.slice(position + 1);
  if (roll < 0.66) return text.slice(0, position) + text[position] + text.slice(position);
  return text.slice(0, position) + `{}[],:"0-/*`[Math.floor(next() * 11)] + text.slice(position + 1);
}

describe("analyze never throws", () => {
  it("on 3,000 random specs as objects and as text", () => {
    const next = random(1234);
    const started = performance.now();
    for (let trial = 0; trial < 1500; trial++) {
      const spec = randomSpec(next);
      for (const input of [spec, JSON.stringify(spec, null, 1)]) {
        const analysis = analyze(input);
        expect(analysis.diagnostics.some((diagnostic) => diagnostic.code === "internal-error"), JSON.stringify(spec)).toBe(false);
        expect(analysis.nodes.length).toBe(Array.isArray(spec.layers) ? (spec.layers as unknown[]).length : 0);
      }
    }
    expect(performance.now() - started).toBeLessThan(15000);
  });

  it("on 2,000 character mutations of a real spec", () => {
    const next = random(99);
    const base = JSON.stringify({ version: 1, input: [3, 32, 32], layers: [
      { id: "c1", type: "conv2d", filters: 8, kernel: 3, padding: "same", activation: "relu" },
      { id: "p1", type: "maxpool2d", kernel: 2, ceilMode: true },
      { id: "c2", type: "conv2d", filters: 8, kernel: 3, padding: 1, weights: { kernels: Array(8).fill("sobel-x") } },
      { id: "sum", type: "add", inputs: ["c2", "p1"] },
      { type: "flatten" }, { type: "linear", units: 10 },
    ] }, null, 2);
    for (let trial = 0; trial < 2000; trial++) {
      const analysis = analyze(mutate(mutate(base, next), next));
      expect(analysis.diagnostics.some((diagnostic) => diagnostic.code === "internal-error")).toBe(false);
    }
  });

  it("on hostile inputs: deep nesting, huge numbers, cycles, odd values", () => {
    const cyclic: Record<string, unknown> = { input: [1, 4, 4] };
    cyclic.layers = [cyclic, { type: "relu", weights: cyclic }];
    const hostile: unknown[] = [
      "[".repeat(100000), `{"input":[1,2,2],"layers":${"[".repeat(50000)}${"]".repeat(50000)}}`, "\u0000", "{\"a\":1e999999}",
      { input: [1, 1e9, 1e9], layers: [{ type: "conv2d", filters: 1e9, kernel: 3, stride: 1e9 }, { type: "maxpool2d", kernel: 2, stride: 7 }] },
      { input: [1, 4, 4], layers: [{ type: "conv2d", filters: NaN, kernel: Infinity }] },
      cyclic, [], 5, null, undefined, () => 1, Object.create(null),
      { input: [1, 4, 4], layers: [{ type: "__proto__" }, { type: "constructor" }, { type: "toString", id: "hasOwnProperty" }] },
    ];
    for (const input of hostile) {
      const analysis = analyze(input as object);
      expect(analysis.diagnostics.some((diagnostic) => diagnostic.code === "internal-error")).toBe(false);
    }
  });
});

describe("performance", () => {
  function chain(length: number): object {
    const layers = Array.from({ length }, (_, index) => (index % 2 === 0
      ? { id: `c${index}`, type: "conv2d", filters: 16, kernel: 3, padding: 1, activation: "relu" }
      : { id: `b${index}`, type: "batchnorm2d" }));
    return { version: 1, input: [16, 32, 32], layers };
  }

  /** The fastest of N runs: the code's own cost, robust to the 2 shared cores being busy. */
  function fastest(runs: number, task: () => void): number {
    let best = Infinity;
    const deadline = performance.now() + 4000;
    for (let run = 0; run < runs && (run < 5 || performance.now() < deadline); run++) {
      const started = performance.now();
      task();
      best = Math.min(best, performance.now() - started);
    }
    return best;
  }

  it("a 1,000-layer chain analyses in well under 5 ms", () => {
    const spec = chain(1000);
    const analysis = analyze(spec);
    expect(analysis.nodes[999].outputShape).toEqual([16, 32, 32]);
    expect(analysis.nodes[999].receptiveField?.size).toEqual([1001, 1001]);
    expect(fastest(200, () => analyze(spec))).toBeLessThan(5);
  });

  it("the same chain as text (≈100 KB) stays fast too", () => {
    const text = JSON.stringify(chain(1000), null, 2);
    expect(analyze(text).diagnostics).toEqual([]);
    expect(fastest(50, () => analyze(text))).toBeLessThan(15);
  });
});
