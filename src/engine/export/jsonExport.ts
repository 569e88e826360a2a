/**
 * "Export layer spec as JSON": the spec in normalised version-1 form. Pure.
 *
 * - Every default is written out, from the engine's resolved layer: stride, padding, dilation,
 *   groups, bias, weights, flipKernel, ceilMode, countIncludePad, eps, rate, slope, alpha…
 * - Spatial values are a whole number when both axes agree and [height, width] otherwise.
 *   Conv padding keeps the user's mode: "same" / "valid" stay strings (so the file still says
 *   what was meant), explicit padding is a number or a pair.
 * - `weights` keeps what the user wrote (preset names stay names; absent means "kaiming").
 * - Every layer gets an explicit id (a derived `<type>_<index>` becomes explicit, made unique
 *   if an explicit id already uses it). `inputs` is written only where the layer had it (and
 *   merges always have it), so the graph is the same.
 * - Unknown top-level and layer keys are kept, after the known ones, in their order.
 * - With `computed`, a top-level "computed" object is added for readers of the file:
 *   { "totals": { params, macs }, "layers": { id: { outputShape, params, macs } } }. The engine does not read it: re-importing the
 *   file gives exactly one warning, the unknown top-level key "computed".
 *
 * Specs with errors are refused (analyze(exported) must equal analyze(original)), unless
 * `keepErrors` asks for them (the CLI's `export --to json`): then every top-level field and
 * every layer that has an error is written as the file has it (so re-analysing gives the same
 * errors), the rest normalised, and a top-level "errors" lists the errors. Text that is not
 * a JSON object at all is still refused.
 */
import { analyze } from "../analyze";
import { NameAllocator } from "../freshIds";
import { declarationOf, handlerFor } from "../layers/registry";
import { parseSpec } from "../parse";
import { TOP_LEVEL_KEYS } from "../topLevel";
import type { Analysis, NodeInfo, ResolvedLayer } from "../types";
import { topLevelJson, unwritableValue } from "./compactJson";
import { exportRefusal, type ExportResult } from "./refusal";

export interface JsonExportOptions {
  /** Add the top-level "computed" map of shapes, parameters and MACs. */
  computed?: boolean;
  /** Write a spec with errors too, the errors marked (see above). */
  keepErrors?: boolean;
  /** analyze(spec), when the caller has it already (the CLI): not computed again. */
  analysis?: Analysis;
}

/** The top-level key listing the errors of a spec exported with `keepErrors`. */
export const ERRORS_KEY = "errors";

/** The top-level key holding computed shapes (ignored, with one warning, on re-import). */
export const COMPUTED_KEY = "computed";

const COMMON_LAYER_KEYS = ["id", "type", "inputs"];

type Fields = Record<string, unknown>;

export function exportSpecJson(spec: string | object, options: JsonExportOptions = {}): ExportResult {
  const analysis = options.analysis ?? analyze(spec);
  const refusal = exportRefusal(analysis, "the spec as JSON");
  const top = parseSpec(spec).value;
  if (refusal !== null && options.keepErrors && !analysis.parseFailed && isObject(top)) {
    return written(exportWithErrors(analysis, top, options), { layers: 1, [COMPUTED_KEY]: 2, [ERRORS_KEY]: 1 });
  }
  if (refusal !== null) return { ok: false, message: refusal };
  return written(exportValid(analysis, top as Fields, options), { layers: 1, [COMPUTED_KEY]: 2 });
}

/**
 * The output as text, or a refusal when it holds a value JSON cannot hold: a number the file
 * wrote beyond a double's range (1e400 reads as Infinity) or nesting deeper than
 * MAX_EXPORT_NESTING, in a kept unknown key or a field kept as written.
 */
function written(output: Fields, expanded: Readonly<Record<string, number>>): ExportResult {
  const problem = unwritableValue(output);
  if (problem) return { ok: false, message: `Cannot export the spec as JSON: ${problem}` };
  return { ok: true, text: topLevelJson(output, expanded) };
}

function exportValid(analysis: Analysis, top: Fields, options: JsonExportOptions): Fields {
  const rawLayers = top.layers as Fields[];
  const ids = explicitIds(analysis.nodes);
  const layers = analysis.nodes.map((node) => normaliseLayer(node, rawLayers[node.index], ids[node.index]));
  const output: Fields = { version: 1 };
  if (analysis.name !== undefined) output.name = analysis.name;
  output.input = analysis.input;
  output.seed = analysis.seed;
  for (const key of Object.keys(top)) {
    if (!(TOP_LEVEL_KEYS as readonly string[]).includes(key) && !(options.computed && key === COMPUTED_KEY)) output[key] = top[key];
  }
  output.layers = layers;
  if (options.computed) output[COMPUTED_KEY] = computedMap(analysis, ids);
  return output;
}

function isObject(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Where the errors are: top-level keys (other than a layer's entry) and layer indexes. */
function errorLocations(analysis: Analysis): { keys: Set<string>; layers: Set<number> } {
  const keys = new Set<string>();
  const layers = new Set<number>();
  const indexOf = new Map(analysis.nodes.map((node) => [node.id, node.index]));
  for (const diagnostic of analysis.diagnostics) {
    if (diagnostic.severity !== "error") continue;
    const [key, index] = diagnostic.path;
    if (key === "layers" && typeof index === "number") layers.add(index);
    else if (typeof key === "string") keys.add(key);
    const layerIndex = diagnostic.layerId === undefined ? undefined : indexOf.get(diagnostic.layerId);
    if (layerIndex !== undefined) layers.add(layerIndex);
  }
  return { keys, layers };
}

/** A spec with errors: erroneous fields and layers as written, the rest normalised, the errors listed. */
function exportWithErrors(analysis: Analysis, top: Fields, options: JsonExportOptions): Fields {
  const errors = errorLocations(analysis);
  const resolved: Fields = { version: 1, name: analysis.name, input: analysis.input ?? undefined, seed: analysis.seed };
  const output: Fields = {};
  for (const key of TOP_LEVEL_KEYS) {
    if (key === "layers") continue;
    const value = errors.keys.has(key) || resolved[key] === undefined ? top[key] : resolved[key];
    if (value !== undefined) output[key] = value;
  }
  for (const key of Object.keys(top)) {
    if (!(TOP_LEVEL_KEYS as readonly string[]).includes(key) && key !== ERRORS_KEY) output[key] = top[key];
  }
  output.layers = Array.isArray(top.layers) && !errors.keys.has("layers") ? layersWithErrors(analysis, top.layers, errors.layers) : top.layers;
  if (options.computed) output[COMPUTED_KEY] = computedMap(analysis, analysis.nodes.map((node) => node.id));
  output[ERRORS_KEY] = analysis.diagnostics.filter((diagnostic) => diagnostic.severity === "error")
    .map((diagnostic) => ({ layer: diagnostic.layerId, path: diagnostic.path, code: diagnostic.code, message: diagnostic.message }));
  return output;
}

function layersWithErrors(analysis: Analysis, rawLayers: unknown[], erroneous: ReadonlySet<number>): unknown[] {
  const ids = explicitIds(analysis.nodes);
  const byIndex = new Map(analysis.nodes.map((node, position) => [node.index, { node, id: ids[position] }]));
  return rawLayers.map((raw, index) => {
    const entry = byIndex.get(index);
    return entry && entry.node.layer && isObject(raw) && !erroneous.has(index) ? normaliseLayer(entry.node, raw, entry.id) : raw;
  });
}

/** Explicit ids stay; derived ones become explicit, suffixed where an explicit id has them. */
export function explicitIds(nodes: readonly Pick<NodeInfo, "id" | "explicitId">[], used = new NameAllocator()): string[] {
  for (const node of nodes) if (node.explicitId) used.add(node.id);
  return nodes.map((node) => {
    if (node.explicitId) return node.id;
    const id = used.unique(node.id);
    used.add(id);
    return id;
  });
}

function normaliseLayer(node: NodeInfo, raw: Fields, id: string): Fields {
  const layer = node.layer;
  if (!layer) throw new Error(`layer ${node.id} has no resolved geometry although the spec has no errors`);
  const output: Fields = { id, type: node.type };
  if ("inputs" in raw) output.inputs = [...node.inputs];
  Object.assign(output, resolvedFields(layer, raw));
  const known = new Set([...COMMON_LAYER_KEYS, ...(handlerFor(node.type)?.fields ?? [])]);
  for (const key of Object.keys(raw)) if (!known.has(key)) output[key] = raw[key];
  return output;
}

function resolvedFields(layer: ResolvedLayer, raw: Fields): Fields {
  return declarationOf(layer).exportFields(layer, raw);
}

/** { totals: { params, macs }, layers: { id: { outputShape, params, macs } } }. */
function computedMap(analysis: Analysis, ids: readonly string[]): Fields {
  const layers: Fields = {};
  analysis.nodes.forEach((node, position) => {
    layers[ids[position]] = { outputShape: node.outputShape, params: node.params, macs: node.macs };
  });
  return { totals: { params: analysis.totals.params, macs: analysis.totals.macs }, layers };
}

