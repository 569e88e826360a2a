/**
 * The designer's graph, derived from an Analysis: one node for the network input plus one
 * per layer, one edge per input reference, each edge labelled with the tensor it carries.
 * Pure; the canvas, the layout and keyboard navigation all read this model.
 */
import { formatShape, type ShapeOrder } from "../engine/numberFormat";
import { abbreviateCount, describeLayer } from "../engine/summary";
import type { Analysis, Diagnostic, NodeInfo, Severity } from "../engine/types";

export const inputNodeId = "input";

export interface GraphNodeModel {
  id: string;
  /** What the node shows as its name when it is not the id (a block shows its group's name). */
  label?: string;
  /** "block": a folded group of layers (folding.ts). */
  kind: "input" | "layer" | "block";
  type: string;
  /** Index in `layers`; -1 for the input node. */
  index: number;
  /** Second line, the engine's describeLayer: `conv 5×5 /1 ×16 + relu`. */
  detail: string;
  /** Output shape as shown, or null when unknown. */
  shapeText: string | null;
  /** Height × width of the output feature map (C×H×W), for the U layout (layoutU.ts); unset otherwise. */
  area?: number;
  /** Trainable parameters (a block: its layers' sum). */
  params: number;
  /** "2.4k params", or "" for layers without parameters. */
  paramsText: string;
  severity?: Severity;
  /** Messages of this node's own diagnostics, worst first. */
  messages: string[];
  /** Why there is no output shape (own error or the upstream layer that has none). */
  noShapeReason?: string;
  /** A block's layer ids, in layer order. */
  members?: string[];
  /** A block's input shapes as shown ("64×56×56"), or "" when nothing enters it. */
  inputText?: string;
}

export interface GraphEdgeModel {
  id: string;
  source: string;
  target: string;
  /** The tensor the edge carries, e.g. "16×10×10", or "?" when unknown. */
  label: string;
  /** An edge into or out of a block: the first layer-to-layer edge it stands for. */
  layers?: { source: string; target: string };
}

export interface GraphModel {
  nodes: GraphNodeModel[];
  edges: GraphEdgeModel[];
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The diagnostics that belong to one layer (by layerId or by a path into its entry). */
export function diagnosticsOfNode(analysis: Analysis, node: NodeInfo): Diagnostic[] {
  return analysis.diagnostics
    .filter(
      (diagnostic) => diagnostic.layerId === node.id || (diagnostic.layerId === undefined && isPathInLayer(diagnostic.path, node.index)),
    )
    .sort((a, b) => severityRank[a.severity] - severityRank[b.severity]);
}

function isPathInLayer(path: (string | number)[], index: number): boolean {
  return path[0] === "layers" && path[1] === index;
}

/** Diagnostics about the input shape (path starts with "input"). */
function inputDiagnostics(analysis: Analysis): Diagnostic[] {
  return analysis.diagnostics.filter((diagnostic) => diagnostic.path[0] === "input");
}

export function buildGraphModel(analysis: Analysis, order: ShapeOrder): GraphModel {
  const byId = new Map(analysis.nodes.map((node) => [node.id, node]));
  const shapeOf = (id: string): number[] | null => (id === inputNodeId ? analysis.input : (byId.get(id)?.outputShape ?? null));
  const nodes = [inputNode(analysis, order), ...analysis.nodes.map((node) => layerNode(analysis, node, byId, order))];
  const edges: GraphEdgeModel[] = [];
  for (const node of analysis.nodes) {
    node.inputs.forEach((source, position) => {
      if (source !== inputNodeId && !byId.has(source)) return;
      const shape = shapeOf(source);
      edges.push({ id: `${source}->${node.id}#${position}`, source, target: node.id, label: formatShape(shape, order) });
    });
  }
  return { nodes, edges };
}

function inputNode(analysis: Analysis, order: ShapeOrder): GraphNodeModel {
  const problems = inputDiagnostics(analysis);
  return {
    id: inputNodeId,
    kind: "input",
    type: "input",
    index: -1,
    detail: "network input",
    shapeText: analysis.input ? formatShape(analysis.input, order) : null,
    area: spatialArea(analysis.input),
    params: 0,
    paramsText: "",
    severity: problems[0]?.severity,
    messages: problems.map((problem) => problem.message),
    noShapeReason: analysis.input ? undefined : "the network input is invalid",
  };
}

function layerNode(analysis: Analysis, node: NodeInfo, byId: Map<string, NodeInfo>, order: ShapeOrder): GraphNodeModel {
  const own = diagnosticsOfNode(analysis, node);
  return {
    id: node.id,
    kind: "layer",
    type: node.type,
    index: node.index,
    detail: describeLayer(node),
    shapeText: node.outputShape ? formatShape(node.outputShape, order) : null,
    area: spatialArea(node.outputShape),
    params: node.params,
    paramsText: node.params > 0 ? `${abbreviateCount(node.params)} params` : "",
    severity: node.worstSeverity ?? own[0]?.severity,
    messages: own.map((diagnostic) => diagnostic.message),
    noShapeReason: node.outputShape ? undefined : noShapeReason(analysis, node, byId, own),
  };
}

/** H·W of a C×H×W shape (engine shapes are always C×H×W); undefined for any other rank. */
export function spatialArea(shape: readonly number[] | null | undefined): number | undefined {
  return shape && shape.length === 3 ? shape[1] * shape[2] : undefined;
}

/**
 * Why a node has no output shape: its own error, or the nearest upstream layer without a
 * shape ("c3 has no shape: …"), followed back to the layer whose error started it.
 */
export function noShapeReason(analysis: Analysis, node: NodeInfo, byId: Map<string, NodeInfo>, own: Diagnostic[]): string {
  const ownError = own.find((diagnostic) => diagnostic.severity === "error");
  if (ownError) return ownError.message;
  const root = upstreamRoot(analysis, node, byId, new Set());
  if (root === inputNodeId) return "the network input is invalid";
  if (root) return `${root} is invalid`;
  return "the shape cannot be inferred";
}

/** The first layer upstream (depth-first over inputs) that has no shape and no shapeless input. */
function upstreamRoot(analysis: Analysis, node: NodeInfo, byId: Map<string, NodeInfo>, seen: Set<string>): string | undefined {
  for (const source of node.inputs) {
    if (source === inputNodeId) {
      if (!analysis.input) return inputNodeId;
      continue;
    }
    const producer = byId.get(source);
    if (!producer) return undefined;
    if (producer.outputShape || seen.has(source)) continue;
    seen.add(source);
    return upstreamRoot(analysis, producer, byId, seen) ?? source;
  }
  return undefined;
}

/** Producers and consumers by id, in edge order. */
export interface Adjacency {
  producers: Map<string, string[]>;
  consumers: Map<string, string[]>;
}

export function adjacencyOf(model: GraphModel): Adjacency {
  const producers = new Map<string, string[]>(model.nodes.map((node) => [node.id, []]));
  const consumers = new Map<string, string[]>(model.nodes.map((node) => [node.id, []]));
  for (const edge of model.edges) {
    producers.get(edge.target)?.push(edge.source);
    consumers.get(edge.source)?.push(edge.target);
  }
  return { producers, consumers };
}

/** Node ids in Kahn's order over the edges; nodes on a cycle (an error the engine reports) go last, in model order. */
export function topologicalOrder(model: GraphModel, consumers: Map<string, string[]> = adjacencyOf(model).consumers): string[] {
  const indegree = new Map(model.nodes.map((node) => [node.id, 0]));
  for (const targets of consumers.values()) for (const target of targets) indegree.set(target, (indegree.get(target) ?? 0) + 1);
  const order = model.nodes.filter((node) => indegree.get(node.id) === 0).map((node) => node.id);
  for (let head = 0; head < order.length; head += 1) {
    for (const next of consumers.get(order[head]) ?? []) {
      const left = (indegree.get(next) ?? 0) - 1;
      indegree.set(next, left);
      if (left === 0) order.push(next);
    }
  }
  const placed = new Set(order);
  for (const node of model.nodes) if (!placed.has(node.id)) order.push(node.id);
  return order;
}
