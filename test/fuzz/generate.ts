/**
 * The fuzz tier's case generator (pure, deterministic): case `index` of run `seed` is always the
 * same text. Every template is mutated in turn by a "light" mutation class (hostile numbers,
 * wrong types, injected fields, hostile ids, duplicate keys, text damage, broken structure);
 * every HEAVY_EVERY-th case is a "heavy" one instead (20,000-layer specs, 200,000-element
 * arrays, deep nesting, preset kernels at huge declared sizes, huge strings).
 *
 * Values that JSON.stringify cannot write (1e400, -0, duplicate keys, `__proto__` keys) are
 * built with Raw / Entries and written by our own serialiser.
 */
import { parse } from "jsonc-parser";

export interface Template {
  name: string;
  text: string;
}

export interface FuzzCase {
  index: number;
  template: string;
  /** Class and what was done, e.g. "numeric: layers[2].stride = 1e15". */
  mutation: string;
  heavy: boolean;
  text: string;
}

/** One heavy case every HEAVY_EVERY cases (the last of each block). */
export const HEAVY_EVERY = 50;

// ---------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------

export type Rng = () => number;

/** mulberry32. */
export function prng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function caseSeed(seed: number, index: number): number {
  let hash = (seed ^ 0x9e3779b9) >>> 0;
  hash = Math.imul(hash ^ index, 0x85ebca6b) >>> 0;
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35) >>> 0;
  return (hash ^ (hash >>> 16)) >>> 0;
}

const int = (rng: Rng, below: number): number => Math.floor(rng() * below);
const pick = <T>(rng: Rng, values: readonly T[]): T => values[int(rng, values.length)];

// ---------------------------------------------------------------------------
// Values JSON.stringify cannot write, and the serialiser
// ---------------------------------------------------------------------------

/** Text written as is (1e400, -0, a 100,000-deep nesting...). */
export class Raw {
  constructor(readonly text: string) {}
}

/** An object as a list of entries: duplicate keys, `__proto__`. */
export class Entries {
  constructor(readonly entries: [string, unknown][]) {}
}

type Json = unknown;

/** The value as written in the text (raw values marked), shortened. */
function describe(value: Json): string {
  const out: string[] = [];
  write(value, out);
  const text = (value instanceof Raw ? "raw " : "") + out.join("");
  return text.length > 60 ? `${text.slice(0, 40)}…(${text.length} chars)` : text;
}

/** No Raw or Entries inside: JSON.stringify can write it (much faster than `write`). */
function plain(value: Json): boolean {
  if (value instanceof Raw || value instanceof Entries) return false;
  if (Array.isArray(value)) return value.every(plain);
  if (value !== null && typeof value === "object") {
    for (const key in value) if (!plain((value as Record<string, Json>)[key])) return false;
  }
  return true;
}

function write(value: Json, out: string[]): void {
  if (value !== null && typeof value === "object" && plain(value)) {
    out.push(JSON.stringify(value));
  } else if (value instanceof Raw) {
    out.push(value.text);
  } else if (value instanceof Entries) {
    out.push("{");
    value.entries.forEach(([key, inner], position) => {
      if (position > 0) out.push(", ");
      out.push(JSON.stringify(key), ": ");
      write(inner, out);
    });
    out.push("}");
  } else if (Array.isArray(value)) {
    out.push("[");
    value.forEach((inner, position) => {
      if (position > 0) out.push(", ");
      write(inner, out);
    });
    out.push("]");
  } else if (value !== null && typeof value === "object") {
    out.push("{");
    Object.keys(value).forEach((key, position) => {
      if (position > 0) out.push(", ");
      out.push(JSON.stringify(key), ": ");
      write((value as Record<string, Json>)[key], out);
    });
    out.push("}");
  } else if (value === undefined) {
    out.push("null");
  } else {
    out.push(JSON.stringify(value));
  }
}

/** Top level one key a line, layers one a line (as the templates are written). */
export function render(value: Json): string {
  if (value === null || typeof value !== "object" || Array.isArray(value) || value instanceof Raw || value instanceof Entries) {
    const out: string[] = [];
    write(value, out);
    return out.join("");
  }
  const lines: string[] = ["{"];
  const keys = Object.keys(value);
  keys.forEach((key, position) => {
    const inner = (value as Record<string, Json>)[key];
    const out: string[] = [`  ${JSON.stringify(key)}: `];
    if (key === "layers" && Array.isArray(inner)) {
      out.push("[\n");
      inner.forEach((layer, layerPosition) => {
        out.push("    ");
        write(layer, out);
        out.push(layerPosition < inner.length - 1 ? ",\n" : "\n");
      });
      out.push("  ]");
    } else {
      write(inner, out);
    }
    lines.push(out.join("") + (position < keys.length - 1 ? "," : ""));
  });
  lines.push("}");
  return lines.join("\n") + "\n";
}

// ---------------------------------------------------------------------------
// Hostile values
// ---------------------------------------------------------------------------

const HOSTILE_NUMBERS: readonly Json[] = [
  0, -1, 2 ** 31, 2 ** 31 - 1, -(2 ** 31), 2 ** 32, 2 ** 53 + 2, 1e9, 1e15, 1e300, -1e300, 0.5, 1e-300, 5e-324, 1.0000001, 65536, 46341,
  new Raw("-0"), new Raw("1e400"), new Raw("-1e400"), new Raw("1E+999999999"), new Raw("123456789012345678901234567890"), new Raw("1e-400"), new Raw("2.0"),
];
const NAN_ISH: readonly Json[] = ["NaN", "Infinity", "-Infinity", "1e400", null, "", "0x10"];
const WRONG_TYPES: readonly Json[] = [
  "3", "", "same", "valid", "relu", "\u001b[31mred\u001b[0m", "a\nb", [], [1], [1, 2, 3], [[3, 3]], [3, "3"], [null, null], {}, { a: 1 }, { kernels: [] }, true, false, null,
];
const CONTROL_STRINGS: readonly string[] = [
  "\u001b[2J\u001b[31mowned\u001b[0m", "line\nbreak", "cr\roverwrite", "tab\there", "nul\u0000byte", "bell\u0007", "\u202eevil\u202c", "\u2028sep\u2029", "\ufeffbom",
  "\ud800lone", "lone\udfff", "\u0085c1\u009b31m", 'q"uote\\', "x\"\"\"\nimport os  # ", "# coding: utf-7", "|pipe|*md*`code`<b>&amp;", "=HYPERLINK(\"x\")", "+1+1", "@SUM(A1)",
  "-2+3", "emoji😀", "\u0301combining",
];
const WEIRD_KEYS: readonly string[] = ["__proto__", "constructor", "hasOwnProperty", "toString", "valueOf", "prototype", "", " ", "computed", "\u001b[31m"];
const KNOWN_KEYS: readonly string[] = [
  "filters", "kernel", "stride", "padding", "dilation", "groups", "bias", "outputPadding", "ceilMode", "countIncludePad", "outputSize", "units", "rate", "slope",
  "eps", "alpha", "activation", "weights", "flipKernel", "inputs", "id", "type",
];
const TYPES: readonly string[] = [
  "conv2d", "convtranspose2d", "maxpool2d", "avgpool2d", "minpool2d", "adaptiveavgpool2d", "adaptivemaxpool2d", "globalavgpool2d", "globalmaxpool2d",
  "batchnorm2d", "dropout", "flatten", "linear", "relu", "relu6", "leakyrelu", "elu", "sigmoid", "tanh", "gelu", "silu", "hardswish", "softmax", "add", "concat",
];
const HOSTILE_TYPES: readonly string[] = ["__proto__", "constructor", "toString", "hasOwnProperty", "Conv2D", "conv", "", "CONV2D", "conv2d ", "\u001b[31mconv2d"];
const PRESETS: readonly string[] = ["identity", "sobel-x", "sobel-y", "scharr-x", "laplacian-4", "laplacian-8", "gaussian", "box", "sharpen", "emboss", "shift-left", "nope"];

function hostileValue(rng: Rng): Json {
  const roll = rng();
  if (roll < 0.5) return pick(rng, HOSTILE_NUMBERS);
  if (roll < 0.6) return pick(rng, NAN_ISH);
  if (roll < 0.75) return [pick(rng, HOSTILE_NUMBERS), pick(rng, HOSTILE_NUMBERS)];
  if (roll < 0.8) return { kernels: Array.from({ length: 1 + int(rng, 3) }, () => pick(rng, [...PRESETS, [[new Raw("1e400")]], [[pick(rng, HOSTILE_NUMBERS)]]])) };
  if (roll < 0.9) return pick(rng, WRONG_TYPES);
  return pick(rng, CONTROL_STRINGS);
}

// ---------------------------------------------------------------------------
// Paths into a spec
// ---------------------------------------------------------------------------

type Path = (string | number)[];
type Container = Record<string, Json> | Json[];

function pathText(path: Path): string {
  return path.map((segment, position) => (typeof segment === "number" ? `[${segment}]` : position === 0 ? segment : `.${segment}`)).join("") || "(root)";
}

/** Every path below the root (leaves when `leavesOnly`), depth-first. */
function collectPaths(value: Json, path: Path, out: Path[], filter: (value: Json) => boolean): void {
  if (path.length > 0 && filter(value)) out.push(path);
  if (Array.isArray(value)) value.forEach((inner, position) => collectPaths(inner, [...path, position], out, filter));
  else if (value !== null && typeof value === "object" && !(value instanceof Raw) && !(value instanceof Entries)) {
    for (const key of Object.keys(value)) collectPaths((value as Record<string, Json>)[key], [...path, key], out, filter);
  }
}

/** Sets the value at `path`; false when an earlier mutation replaced a container on the way. */
function setAt(root: Json, path: Path, value: Json): boolean {
  let node = root as Container;
  for (const segment of path.slice(0, -1)) {
    node = (node as Record<string | number, Json>)[segment] as Container;
    if (node === null || typeof node !== "object" || node instanceof Raw || node instanceof Entries) return false;
  }
  const last = path[path.length - 1];
  if (last === "__proto__") Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
  else (node as Record<string | number, Json>)[last] = value;
  return true;
}

function layersOf(spec: Json): Record<string, Json>[] {
  const layers = (spec as Record<string, Json>).layers;
  return Array.isArray(layers) ? (layers.filter((layer) => layer !== null && typeof layer === "object" && !Array.isArray(layer)) as Record<string, Json>[]) : [];
}

// ---------------------------------------------------------------------------
// Light mutations: on a template (parsed, comments dropped), then written out
// ---------------------------------------------------------------------------

interface Mutated {
  spec: Json;
  notes: string[];
  /** Applied to the written text (text-level damage). */
  text?: (text: string) => string;
}

type LightMutation = (rng: Rng, spec: Json) => Mutated;

function setMany(rng: Rng, spec: Json, paths: Path[], count: number, valueOf: () => Json): string[] {
  const notes: string[] = [];
  for (let step = 0; step < count && paths.length > 0; step++) {
    const path = pick(rng, paths);
    const value = valueOf();
    if (setAt(spec, path, value)) notes.push(`${pathText(path)} = ${describe(value)}`);
  }
  return notes;
}

const numeric: LightMutation = (rng, spec) => {
  const paths: Path[] = [];
  collectPaths(spec, [], paths, (value) => typeof value === "number");
  const valueOf = () => (rng() < 0.85 ? pick(rng, HOSTILE_NUMBERS) : pick(rng, NAN_ISH));
  return { spec, notes: setMany(rng, spec, paths, 1 + int(rng, 3), valueOf) };
};

const wrongType: LightMutation = (rng, spec) => {
  const paths: Path[] = [];
  collectPaths(spec, [], paths, () => true);
  return { spec, notes: setMany(rng, spec, paths, 1 + int(rng, 2), () => pick(rng, WRONG_TYPES)) };
};

const inject: LightMutation = (rng, spec) => {
  const layers = layersOf(spec);
  const notes: string[] = [];
  for (let step = 0, count = 1 + int(rng, 3); step < count && layers.length > 0; step++) {
    const position = int(rng, layers.length);
    const key = rng() < 0.85 ? pick(rng, KNOWN_KEYS) : pick(rng, WEIRD_KEYS);
    const value = key === "type" ? pick(rng, rng() < 0.5 ? TYPES : HOSTILE_TYPES) : hostileValue(rng);
    setAt(layers[position], [key], value);
    notes.push(`layer ${position} ${JSON.stringify(key)} = ${describe(value)}`);
  }
  return { spec, notes };
};

const ids: LightMutation = (rng, spec) => {
  const layers = layersOf(spec);
  const notes: string[] = [];
  const top = spec as Record<string, Json>;
  for (let step = 0, count = 1 + int(rng, 3); step < count && layers.length > 0; step++) {
    const position = int(rng, layers.length);
    const layer = layers[position];
    const roll = rng();
    if (roll < 0.25) {
      const other = layers[int(rng, layers.length)];
      layer.id = other.id;
      notes.push(`layer ${position} id = duplicate ${describe(other.id)}`);
    } else if (roll < 0.5) {
      const id = pick<Json>(rng, [...CONTROL_STRINGS, "input", "__proto__", "constructor", "toString", "", "a".repeat(100_000), 7, "1x", "a b", "x.", ".x", "a..b", "a.0.b"]);
      layer.id = id;
      notes.push(`layer ${position} id = ${describe(id)}`);
    } else if (roll < 0.75) {
      const choices: Json[] = [
        [layer.id], [`${String(layers[layers.length - 1].id)}`], ["nope"], ["input", "input"], [], "input", [null], [7], [["input"]],
        Array.from({ length: 1000 }, () => "input"), [pick(rng, CONTROL_STRINGS)],
      ];
      const inputs = pick(rng, choices);
      layer.inputs = inputs;
      notes.push(`layer ${position} inputs = ${describe(inputs)}`);
    } else if (roll < 0.9) {
      top.name = pick<Json>(rng, [...CONTROL_STRINGS, "x".repeat(100_000), 42, null, ["a"]]);
      notes.push(`name = ${describe(top.name)}`);
    } else {
      layer.type = pick(rng, HOSTILE_TYPES);
      notes.push(`layer ${position} type = ${describe(layer.type)}`);
    }
  }
  return { spec, notes };
};

const duplicateKeys: LightMutation = (rng, spec) => {
  const top = spec as Record<string, Json>;
  const layers = top.layers as Json[];
  if (rng() < 0.3 || !Array.isArray(layers) || layers.length === 0) {
    const key = pick(rng, ["layers", "input", "version", "name", "seed"]);
    const second: Json = key === "layers" ? [{ id: "x", type: "relu" }] : key === "input" ? [1, 2 ** 31, 1] : key === "name" ? "\u001b[31m" : new Raw("1e400");
    const entries: [string, Json][] = Object.keys(top).map((name) => [name, top[name]]);
    entries.splice(int(rng, entries.length + 1), 0, [key, second]);
    return { spec: new Entries(entries), notes: [`top level: duplicate ${JSON.stringify(key)} = ${describe(second)}`] };
  }
  const position = int(rng, layers.length);
  const layer = layers[position];
  if (layer === null || typeof layer !== "object" || Array.isArray(layer)) return { spec, notes: ["(no layer object)"] };
  const entries: [string, Json][] = Object.keys(layer).map((name) => [name, (layer as Record<string, Json>)[name]]);
  const key = entries.length > 0 && rng() < 0.7 ? pick(rng, entries)[0] : pick(rng, KNOWN_KEYS);
  const second = key === "id" ? "dup" : hostileValue(rng);
  entries.splice(int(rng, entries.length + 1), 0, [key, second]);
  layers[position] = new Entries(entries);
  return { spec, notes: [`layer ${position}: duplicate key ${JSON.stringify(key)} = ${describe(second)}`] };
};

const COMMENTS = ["// a comment", "/* block */", "/* \u001b[31m esc */", "// \u2028 separator", "/**/", "/* multi\nline */"];

function insertAtLineEnds(rng: Rng, text: string, piece: () => string, chance: number): string {
  return text.split("\n").map((line) => (rng() < chance ? `${line} ${piece()}` : line)).join("\n");
}

const textDamage: LightMutation = (rng, spec) => {
  const kinds: [string, (text: string) => string][] = [
    ["BOM", (text) => `\ufeff${text}`],
    ["two BOMs", (text) => `\ufeff\ufeff${text}`],
    ["BOM inside", (text) => text.replace("\n", "\n\ufeff")],
    ["comments", (text) => `// header\n${insertAtLineEnds(rng, text, () => pick(rng, COMMENTS), 0.4)}`],
    ["unterminated block comment", (text) => `${text}/* never closed`],
    ["comment at end without newline", (text) => `${text.trimEnd()}//`],
    ["CRLF", (text) => text.replace(/\n/g, "\r\n")],
    ["CR only", (text) => text.replace(/\n/g, "\r")],
    ["trailing commas", (text) => text.replace(/\}(\s*)\]/g, "},$1]").replace(/\]\n\}/, "],\n}")],
    ["truncated", (text) => text.slice(0, int(rng, text.length))],
    ["char deleted", (text) => { const at = int(rng, text.length); return text.slice(0, at) + text.slice(at + 1); }],
    ["char inserted", (text) => { const at = int(rng, text.length); return text.slice(0, at) + pick(rng, [..."{}[],:\"0-/*\\", "\u0000", "\u001b", "\ud800"]) + text.slice(at); }],
    ["chars swapped", (text) => { const at = int(rng, Math.max(1, text.length - 1)); return text.slice(0, at) + text.charAt(at + 1) + text.charAt(at) + text.slice(at + 2); }],
    ["NUL bytes", (text) => text.replace(/,/g, (comma) => (rng() < 0.2 ? `${comma}\u0000` : comma))],
    ["lone surrogate in strings", (text) => text.replace(/"id": "/g, (match) => (rng() < 0.3 ? `${match}\ud800` : match))],
    ["bad escapes", (text) => text.replace(/"type": "/, '"type": "\\x41\\u12')],
    ["bad number tokens", (text) => text.replace(/: (\d+)/, (_match, digits: string) => `: ${pick(rng, ["0" + digits, "+" + digits, "." + digits, digits + ".", "0x10", "Infinity", "NaN", "-", "1e", "--1"])}`)],
    ["whole file", () => pick(rng, ["", " ", "\n", "null", "[]", "{}", "1e400", '"str"', "{", "}", "[[[[[", "\ufeff", "//", "/*", "true", "{\"layers\": null}", "\u0000"])],
    ["garbage tail", (text) => `${text}${pick(rng, ["x", "}", "{}", "\u0000", ",", "// ok", "]"])}`],
    ["binary prefix", (text) => `\u0000\u0001\u0002\u00ff${text}`],
  ];
  const [name, apply] = pick(rng, kinds);
  return { spec, notes: [`text: ${name}`], text: apply };
};

const structure: LightMutation = (rng, spec) => {
  const top = spec as Record<string, Json>;
  const options: [string, () => void][] = [
    ["layers", () => { top.layers = pick<Json>(rng, [{}, "x", null, 123, [], [1, "a", null, [], true], { 0: { type: "relu" } }, [[{ type: "relu" }]]]); }],
    ["input", () => { top.input = pick<Json>(rng, [[], [3], [3, 32], [3, 32, 32, 1], [3, "32", 32], [[3], [32], [32]], new Raw("1e400"), { c: 3 }, [0, 0, 0], [-3, 32, 32], [2 ** 31, 2 ** 31, 2 ** 31], [1e300, 1, 1], null, "3x32x32"]); }],
    ["version", () => { top.version = pick<Json>(rng, [2, "1", new Raw("1e400"), null, 0, -1, 1.5, [1]]); }],
    ["seed", () => { top.seed = pick<Json>(rng, [-1, 1.5, 2 ** 53 + 2, "x", new Raw("1e400"), null, 1e300, [0]]); }],
    ["remove key", () => { delete top[pick(rng, ["layers", "input", "version"])]; }],
    ["layer not object", () => { const layers = top.layers as Json[]; if (Array.isArray(layers) && layers.length > 0) layers[int(rng, layers.length)] = pick<Json>(rng, [null, 1, "conv2d", [], true, new Raw("1e400")]); }],
    ["layer emptied", () => { const layers = top.layers as Json[]; if (Array.isArray(layers) && layers.length > 0) layers[int(rng, layers.length)] = {}; }],
    ["layers reversed", () => { const layers = top.layers as Json[]; if (Array.isArray(layers)) layers.reverse(); }],
    ["layers shuffled", () => { const layers = top.layers as Json[]; if (Array.isArray(layers)) for (let at = layers.length - 1; at > 0; at--) { const other = int(rng, at + 1); [layers[at], layers[other]] = [layers[other], layers[at]]; } }],
  ];
  const [name, apply] = pick(rng, options);
  apply();
  if (name === "layers" || name === "input" || name === "version" || name === "seed") return { spec, notes: [`${name} = ${describe(top[name])}`] };
  return { spec, notes: [`structure: ${name}`] };
};

/** Not an object at the top. */
const topLevel: LightMutation = (rng, spec) => {
  const wrapped = pick<Json>(rng, [[spec], "spec", 1, null, { spec }, [spec, spec]]);
  return { spec: wrapped, notes: [`top level = ${describe(wrapped)}`] };
};

const LIGHT: readonly [string, LightMutation][] = [
  ["numeric", numeric], ["numeric", numeric], ["numeric", numeric], ["type", wrongType], ["type", wrongType], ["inject", inject], ["inject", inject],
  ["ids", ids], ["ids", ids], ["dup-keys", duplicateKeys], ["text", textDamage], ["text", textDamage], ["structure", structure], ["top-level", topLevel],
];

// ---------------------------------------------------------------------------
// Heavy cases
// ---------------------------------------------------------------------------

const BIG_LAYERS = 20_000;
const BIG_ARRAY = 200_000;

function chainLayer(position: number): Record<string, Json> {
  const kind = position % 4;
  if (kind === 0) return { id: `l${position}`, type: "conv2d", filters: 4, kernel: 3, padding: 1 };
  if (kind === 1) return { id: `l${position}`, type: "batchnorm2d" };
  if (kind === 2) return { id: `l${position}`, type: "relu" };
  return { id: `l${position}`, type: "add", inputs: [`l${position - 1}`, `l${position - 3}`] };
}

function network(layers: Json[], input: Json = [4, 16, 16]): Record<string, Json> {
  return { version: 1, name: "fuzz", input, layers };
}

function deep(depth: number, open: string, close: string): Raw {
  return new Raw(open.repeat(depth) + "1".slice(open === "[" ? 0 : 1) + close.repeat(depth));
}

const HEAVY: readonly [string, (rng: Rng) => Json | string][] = [
  ["20k-layer chain (conv/bn/relu/add)", () => network(Array.from({ length: BIG_LAYERS }, (_, position) => chainLayer(position)))],
  ["20k layers, one duplicate id", () => network(Array.from({ length: BIG_LAYERS }, () => ({ id: "x", type: "relu" })))],
  ["20k layers, ids from 3 values", () => network(Array.from({ length: BIG_LAYERS }, (_, position) => ({ id: `d${position % 3}`, type: "relu" })))],
  ["20k layers without ids, explicit ids colliding with derived ones", () => network(Array.from({ length: BIG_LAYERS }, (_, position) => (position % 2 ? { type: "relu" } : { id: `relu_${position + 1}`, type: "relu" })))],
  ["20k layers, each an error with related locations", () => network(Array.from({ length: BIG_LAYERS }, (_, position) => ({ id: `e${position}`, type: "add", inputs: ["input", `e${position + 5}`, "nope"], kernel: 99 })))],
  ["20k layers, kernel exceeds input", () => network(Array.from({ length: BIG_LAYERS }, (_, position) => ({ id: `k${position}`, type: "conv2d", inputs: ["input"], filters: 2, kernel: 99 })))],
  ["20k layers, huge strides (fix search)", (rng) => network(Array.from({ length: BIG_LAYERS }, (_, position) => ({ id: `s${position}`, type: "conv2d", inputs: ["input"], filters: 2, kernel: 3, stride: pick(rng, [1e9, 1e15, 2 ** 31, 1e300]) })), [3, 1000, 1000])],
  ["20k layers, unknown types", () => network(Array.from({ length: BIG_LAYERS }, (_, position) => ({ id: `u${position}`, type: `conv${position}` })))],
  ["20k layers, wide residual DAG", () => network(Array.from({ length: BIG_LAYERS }, (_, position) => (position < 50 ? { id: `w${position}`, type: "relu" } : { id: `w${position}`, type: "concat", inputs: Array.from({ length: 50 }, (_, back) => `w${position - 1 - back}`) })), [1, 8, 8])],
  ["200k layers of null", () => network(Array.from({ length: BIG_ARRAY }, () => null))],
  ["concat of 200k inputs (input)", () => network([{ id: "c", type: "concat", inputs: Array.from({ length: BIG_ARRAY }, () => "input") }])],
  ["concat of 200k inputs (an earlier layer)", () => network([{ id: "a", type: "conv2d", filters: 2, kernel: 3 }, { id: "c", type: "concat", inputs: Array.from({ length: BIG_ARRAY }, () => "a") }])],
  ["add of 200k unknown inputs", () => network([{ id: "c", type: "add", inputs: Array.from({ length: BIG_ARRAY }, (_, position) => `n${position}`) }])],
  ["200k kernels for 2 filters", () => network([{ id: "c", type: "conv2d", filters: 2, kernel: 3, weights: { kernels: Array.from({ length: BIG_ARRAY }, () => "sobel-x") } }])],
  ["200k kernels for 200k filters", () => network([{ id: "c", type: "conv2d", filters: BIG_ARRAY, kernel: 3, weights: { kernels: Array.from({ length: BIG_ARRAY }, (_, position) => PRESETS[position % 6]) } }])],
  ["450x450 kernel matrix", () => network([{ id: "c", type: "conv2d", filters: 1, kernel: 450, weights: { kernels: [Array.from({ length: 450 }, () => Array.from({ length: 450 }, () => 1))] } }], [1, 500, 500])],
  ["200k-element input", () => network([{ id: "r", type: "relu" }], Array.from({ length: BIG_ARRAY }, () => 3))],
  ["200k-element kernel field", () => network([{ id: "c", type: "conv2d", filters: 2, kernel: Array.from({ length: BIG_ARRAY }, () => 3) }])],
  ["200k unknown keys on a layer", () => network([new Entries(Array.from({ length: BIG_ARRAY / 4 }, (_, position): [string, Json] => [`k${position}`, position]).concat([["type", "relu"]]))])],
  ["preset kernel at 2^31 x 2^31", () => network([{ id: "c", type: "conv2d", filters: 1, kernel: 2 ** 31, weights: { kernels: ["sobel-x"] } }])],
  ["preset kernel at 1e9 / gaussian", () => network([{ id: "c", type: "conv2d", filters: 2, kernel: [1e9, 1e9], weights: { kernels: ["gaussian", "box"] } }], [1, 2 ** 31, 2 ** 31])],
  ["preset kernel at 46341^2 on a big input", () => network([{ id: "c", type: "conv2d", filters: 1, kernel: 46341, weights: { kernels: ["identity"] } }], [1, 50000, 50000])],
  ["preset kernels at 1e15, valid-looking", () => network([{ id: "c", type: "convtranspose2d", filters: 3, kernel: 1e15, weights: { kernels: ["box", "sharpen", "emboss"] } }])],
  ["huge stride and dilation, fix search", (rng) => network([{ id: "c", type: pick(rng, ["conv2d", "maxpool2d", "avgpool2d"]), filters: 2, kernel: 3, stride: pick(rng, [1e9, 1e15, 2 ** 31 - 1, 1e300]), dilation: pick(rng, [1, 1e9]) }], [3, pick(rng, [1e9, 2 ** 31 - 1, 1e15]), 1000])],
  ["deep array nesting at kernel (100k)", () => network([{ id: "c", type: "conv2d", filters: 1, kernel: deep(100_000, "[", "]") }])],
  ["deep array nesting at kernel (5k)", () => network([{ id: "c", type: "conv2d", filters: 1, kernel: deep(5_000, "[", "]") }])],
  ["deep object nesting at an unknown key (100k)", () => network([{ id: "c", type: "relu", extra: new Raw('{"a":'.repeat(100_000) + "1" + "}".repeat(100_000)) }])],
  ["deep nesting in kernels (20k)", () => network([{ id: "c", type: "conv2d", filters: 1, kernel: 3, weights: { kernels: [deep(20_000, "[", "]")] } }])],
  ["whole document nested 100k deep", () => "[".repeat(100_000) + "]".repeat(100_000)],
  ["unbalanced nesting 200k open", () => '{"layers": ' + "[".repeat(BIG_ARRAY)],
  ["1M-character id and name with escapes", () => ({ ...network([{ id: "\u001b[31m" + "i".repeat(1_000_000), type: "relu" }]), name: "\u001b]0;title\u0007".repeat(50_000) })],
  ["20k comments between layers", () => render(network(Array.from({ length: BIG_LAYERS }, (_, position) => ({ id: `c${position}`, type: "relu" })))).replace(/\n/g, "\n// comment /* x */\n")],
  ["2MB of whitespace", () => " ".repeat(1_000_000) + render(network([{ type: "relu" }])) + "\n".repeat(1_000_000)],
  ["200k parse errors", () => "{" + ",".repeat(BIG_ARRAY) + "}"],
  ["200k duplicate keys", () => render(network([new Entries(Array.from({ length: BIG_ARRAY }, (): [string, Json] => ["kernel", 3]).concat([["type", "conv2d"], ["filters", 1]]))]))],
];

// ---------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------

interface ParsedTemplate {
  name: string;
  value: Json;
}

let parsedCache: { source: readonly Template[]; parsed: ParsedTemplate[] } | undefined;

function parsedTemplates(templates: readonly Template[]): ParsedTemplate[] {
  if (parsedCache?.source !== templates) parsedCache = {
    source: templates, parsed: templates.map((template) => ({ name: template.name, value: parse(template.text) as Json })),
  };
  return parsedCache.parsed;
}

export function isHeavy(index: number): boolean {
  return index % HEAVY_EVERY === HEAVY_EVERY - 1;
}

/** Case `index` of run `seed`. */
export function makeCase(seed: number, index: number, templates: readonly Template[]): FuzzCase {
  const rng = prng(caseSeed(seed, index));
  if (isHeavy(index)) {
    const heavyIndex = Math.floor(index / HEAVY_EVERY);
    const [name, build] = HEAVY[heavyIndex % HEAVY.length];
    const built = build(rng);
    return { index, template: "-", mutation: `heavy: ${name}`, heavy: true, text: typeof built === "string" ? built : render(built) };
  }
  const parsed = parsedTemplates(templates);
  const lightIndex = index - Math.floor(index / HEAVY_EVERY);
  const template = parsed[lightIndex % parsed.length];
  const [className, mutation] = LIGHT[Math.floor(lightIndex / parsed.length) % LIGHT.length];
  const result = mutation(rng, structuredClone(template.value));
  // A second, different mutation now and then: combinations find more.
  let notes = result.notes;
  let spec = result.spec;
  let textStep = result.text;
  if (rng() < 0.25 && spec !== null && typeof spec === "object" && !Array.isArray(spec) && !(spec instanceof Entries) && !(spec instanceof Raw)) {
    const [, extra] = pick(rng, LIGHT);
    const second = extra(rng, spec);
    spec = second.spec;
    notes = [...notes, ...second.notes];
    textStep = second.text ?? textStep;
  }
  let text = render(spec);
  if (textStep) text = textStep(text);
  return { index, template: template.name, mutation: `${className}: ${notes.join("; ") || "(no change)"}`, heavy: false, text };
}
