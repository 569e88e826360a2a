/**
 * analyze(spec): parse → top level → ids → per layer (fields, inputs, shape, params, MACs,
 * receptive field) → positions. Linear in the number of layers; never throws.
 */
import type { Node } from "jsonc-parser";
import { LayerContext, type PendingDiagnostic, type Producer } from "./context";
import { duplicateKeyDiagnostics } from "./duplicateKeys";
import { checkExactRange, reportInexactTotals } from "./exactRange";
import { collectLayers, resolveInputs, type LayerEntry, type LayerGraph } from "./graph";
import type { FieldRule, LayerOutcome, NetworkEnvironment } from "./layers/handler";
import { handlerFor, LAYER_TYPES, TYPE_ALIASES } from "./layers/registry";
import { locateInTree } from "./locate";
import { applyNetworkReads, COVERED_CODE, type LayerReads } from "./networkReads";
import { parseSpec } from "./parse";
import { inputField, unionFields, wholeInputField, windowField } from "./receptiveField";
import { closestName } from "./suggest";
import { readTopLevel } from "./topLevel";
import type { Analysis, Diagnostic, NodeInfo, ReceptiveField, Severity } from "./types";
import { reportUnknownKeys } from "./unknownKeys";

interface Propagated {
  shape: number[] | null;
  field: ReceptiveField | undefined;
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

function emptyAnalysis(parseFailed: boolean, diagnostics: Diagnostic[]): Analysis {
  return { nodes: [], diagnostics, totals: { params: 0, macs: 0 }, input: null, seed: 0, parseFailed };
}

function nextField(rule: FieldRule, producers: readonly Propagated[], input: number[] | null): ReceptiveField | undefined {
  const fields = producers.map((producer) => producer.field);
  if (rule.kind === "whole") return input ? wholeInputField(input[1], input[2]) : undefined;
  if (fields.some((field) => field === undefined)) return undefined;
  const known = fields as ReceptiveField[];
  if (rule.kind === "same") return known[0];
  if (rule.kind === "union") return unionFields(known);
  if (rule.kind === "window") return windowField(known[0], rule.effectiveKernel, rule.stride, rule.padBefore);
  return undefined;
}

function unknownType(ctx: LayerContext, entry: LayerEntry): void {
  if (!ctx.has("type")) {
    ctx.error("missing-field", `every layer needs \`type\`, e.g. "type": "conv2d".`);
    return;
  }
  if (entry.type === undefined) {
    ctx.error("wrong-type", `\`type\` must be a string such as "conv2d".`, { field: "type" });
    return;
  }
  const closest = closestName(entry.type, LAYER_TYPES, TYPE_ALIASES);
  const fixes = closest ? [{ title: `Change type to "${closest}"`, preferred: true, edits: [{ kind: "set" as const, path: ctx.fieldPath("type"), value: closest }] }] : undefined;
  ctx.error("unknown-type", `unknown layer type "${entry.type}".${closest ? ` Did you mean "${closest}"?` : ""} Known types: ${LAYER_TYPES.join(", ")}.`, { field: "type", fixes });
}

interface LayerResult {
  node: NodeInfo;
  result: Propagated;
  reads: LayerReads;
}

function analyzeLayer(
  entry: LayerEntry, graph: LayerGraph, results: Propagated[], network: Propagated, environment: NetworkEnvironment,
  sink: PendingDiagnostic[], input: number[] | null,
): LayerResult {
  const node: NodeInfo = {
    id: entry.id, type: entry.type ?? "unknown", inputs: [], inputShapes: [], outputShape: null, params: 0, macs: 0,
    index: entry.index, explicitId: entry.explicitId, layer: null, outputElements: null, outputBytes: null,
  };
  const failed: Propagated = { shape: null, field: undefined };
  const reads: LayerReads = { id: entry.id, producers: [], readsEveryPixel: false };
  if (!entry.raw) return { node, result: failed, reads };
  const ctx = new LayerContext(entry.raw, entry.index, entry.id, entry.type ?? "unknown", sink);
  const handler = entry.type === undefined ? undefined : handlerFor(entry.type);
  if (!handler) unknownType(ctx, entry);
  const producers: Producer[] | undefined = resolveInputs(ctx, graph, handler?.merge ?? false);
  ctx.producers = producers ?? [];
  node.inputs = ctx.producers.map((producer) => producer.id);
  reads.producers = ctx.producers.map((producer) => producer.index);
  const upstream = ctx.producers.map((producer) => (producer.index < 0 ? network : results[producer.index]));
  const shapes = upstream.map((result) => result.shape);
  const known = producers !== undefined && shapes.every((shape) => shape !== null) ? (shapes as number[][]) : null;
  if (known) node.inputShapes = known.map((shape) => [...shape]);
  if (!handler) return { node, result: failed, reads };
  const outcome: LayerOutcome | undefined = handler.analyze(ctx, known, environment);
  reportUnknownKeys(ctx, handler.fields);
  if (!outcome || ctx.failed || !checkExactRange(ctx, outcome)) return { node, result: failed, reads };
  reads.readsEveryPixel = !ctx.skipsInputPixels;
  const elements = outcome.outputShape.reduce((product, size) => product * size, 1);
  node.outputShape = outcome.outputShape;
  node.params = outcome.params;
  node.macs = outcome.macs;
  node.layer = outcome.layer;
  node.outputElements = elements;
  node.outputBytes = elements * 4;
  const field = nextField(outcome.field, upstream, input);
  if (field) node.receptiveField = field;
  return { node, result: { shape: outcome.outputShape, field }, reads };
}

/** Options of `analyze`; every one is off by default. */
export interface AnalyzeOptions {
  /**
   * Leave out the notes about reads that lose no image pixel: `unread-padding` (padding a
   * stride never reaches) and `unread-input-covered` (pixels a parallel layer reads). The
   * editor and the CLI pass it unless the user asks for them.
   */
  quietReadNotes?: boolean;
}

/** The codes `quietReadNotes` leaves out. */
export const QUIET_READ_NOTE_CODES: readonly string[] = ["unread-padding", COVERED_CODE];

function finishDiagnostics(
  sink: PendingDiagnostic[], nodes: NodeInfo[], tree: (() => Node | undefined) | undefined, options: AnalyzeOptions = {},
): Diagnostic[] {
  const kept = options.quietReadNotes ? sink.filter((pending) => !QUIET_READ_NOTE_CODES.includes(pending.code)) : sink;
  const root = kept.length > 0 && tree ? tree() : undefined;
  return kept.map((pending) => {
    const { target, layerIndex, readElsewhere: _readElsewhere, ...diagnostic } = pending;
    if (layerIndex !== undefined && nodes[layerIndex]) {
      const node = nodes[layerIndex];
      if (!node.worstSeverity || SEVERITY_RANK[diagnostic.severity] > SEVERITY_RANK[node.worstSeverity]) {
        node.worstSeverity = diagnostic.severity;
      }
    }
    if (root) Object.assign(diagnostic, locateInTree(root, diagnostic.path, target));
    return diagnostic;
  });
}

function analyzeValue(value: unknown, root: (() => Node | undefined) | undefined, options: AnalyzeOptions): Analysis {
  const sink: PendingDiagnostic[] = [];
  const topLevel = readTopLevel(value, sink);
  if (!topLevel) return emptyAnalysis(false, finishDiagnostics(sink, [], root, options));
  const graph = collectLayers(topLevel.layers, sink);
  const environment: NetworkEnvironment = { ids: graph.ids };
  const network: Propagated = { shape: topLevel.input, field: topLevel.input ? inputField() : undefined };
  const results: Propagated[] = [];
  const nodes: NodeInfo[] = [];
  const totals = { params: 0, macs: 0 };
  const layerReads: LayerReads[] = [];
  for (const entry of graph.entries) {
    const { node, result, reads } = analyzeLayer(entry, graph, results, network, environment, sink, topLevel.input);
    results.push(result);
    nodes.push(node);
    layerReads.push(reads);
    totals.params += node.params;
    totals.macs += node.macs;
  }
  reportInexactTotals(totals, sink);
  applyNetworkReads(sink, layerReads);
  const diagnostics = finishDiagnostics(sink, nodes, root, options);
  const analysis: Analysis = { nodes, diagnostics, totals, input: topLevel.input, seed: topLevel.seed, parseFailed: false };
  if (topLevel.name !== undefined) analysis.name = topLevel.name;
  return analysis;
}

/** The engine's entry point: never throws; every problem is a diagnostic. */
export function analyze(spec: string | object, options: AnalyzeOptions = {}): Analysis {
  try {
    const parsed = parseSpec(spec);
    if (parsed.failed) return emptyAnalysis(true, parsed.diagnostics);
    const analysis = analyzeValue(parsed.value, parsed.tree, options);
    if (typeof spec === "string") analysis.diagnostics.push(...duplicateKeyDiagnostics(spec));
    return analysis;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const diagnostic: Diagnostic = { severity: "error", code: "internal-error", message: `The analysis failed unexpectedly (${message.slice(0, 200)}); please report this spec.`, path: [] };
    return emptyAnalysis(false, [diagnostic]);
  }
}

