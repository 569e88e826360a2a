/** Hand-written analyses (engine output as the contract describes it) for the designer's tests. */
import type { Analysis, Diagnostic, NodeInfo, ResolvedConv } from "../../../src/engine/types";

export function node(partial: Partial<NodeInfo> & Pick<NodeInfo, "id" | "type" | "index">): NodeInfo {
  const outputShape = partial.outputShape === undefined ? null : partial.outputShape;
  const elements = outputShape ? outputShape.reduce((product, size) => product * size, 1) : null;
  return {
    inputs: [],
    inputShapes: [],
    outputShape,
    params: 0,
    macs: 0,
    explicitId: true,
    layer: null,
    outputElements: elements,
    outputBytes: elements === null ? null : elements * 4,
    ...partial,
  };
}

export function analysis(nodes: NodeInfo[], input: number[] | null, diagnostics: Diagnostic[] = []): Analysis {
  return {
    nodes,
    diagnostics,
    totals: { params: nodes.reduce((sum, item) => sum + item.params, 0), macs: nodes.reduce((sum, item) => sum + item.macs, 0) },
    input,
    seed: 0,
    parseFailed: false,
  };
}

export const conv5: ResolvedConv = {
  type: "conv2d", inChannels: 6, filters: 16, kernel: [5, 5], stride: [1, 1], padding: [0, 0, 0, 0], paddingMode: "explicit",
  dilation: [1, 1], groups: 1, bias: true, weights: { kind: "kaiming" }, flipKernel: false,
};

/** input → c1 → s2 → c3 → flat → fc (LeNet-like chain, shapes by hand). */
export function chainAnalysis(): Analysis {
  return analysis([
    node({ id: "c1", type: "conv2d", index: 0, inputs: ["input"], inputShapes: [[1, 32, 32]], outputShape: [6, 28, 28], params: 156, macs: 117600,
      layer: { ...conv5, inChannels: 1, filters: 6 }, receptiveField: { size: [5, 5], jump: [1, 1], start: [2, 2] } }),
    node({ id: "s2", type: "maxpool2d", index: 1, inputs: ["c1"], inputShapes: [[6, 28, 28]], outputShape: [6, 14, 14],
      layer: { type: "maxpool2d", kernel: [2, 2], stride: [2, 2], padding: [0, 0], dilation: [1, 1], ceilMode: false, countIncludePad: true } }),
    node({ id: "c3", type: "conv2d", index: 2, inputs: ["s2"], inputShapes: [[6, 14, 14]], outputShape: [16, 10, 10], params: 2416, macs: 240000, layer: conv5 }),
    node({ id: "flat", type: "flatten", index: 3, inputs: ["c3"], inputShapes: [[16, 10, 10]], outputShape: [1600], layer: { type: "flatten" } }),
    node({ id: "fc", type: "linear", index: 4, inputs: ["flat"], inputShapes: [[1600]], outputShape: [10], params: 16010, macs: 16000,
      layer: { type: "linear", inFeatures: 1600, units: 10, bias: true } }),
  ], [1, 32, 32]);
}

/**
 * input → a → b (error: kernel too big) → c; a → skip; add(c, skip) — b, c and add have
 * no shape; skip is fine.
 */
export function brokenBranchAnalysis(): Analysis {
  const error: Diagnostic = { severity: "error", code: "kernel-exceeds-input", message: "kernel 9×9 exceeds the 8×8 input", layerId: "b", path: ["layers", 1, "kernel"] };
  const warning: Diagnostic = { severity: "warning", code: "unread-rows", message: "1 row never read", layerId: "skip", path: ["layers", 3, "stride"] };
  return analysis([
    node({ id: "a", type: "conv2d", index: 0, inputs: ["input"], inputShapes: [[3, 8, 8]], outputShape: [8, 8, 8], worstSeverity: undefined }),
    node({ id: "b", type: "conv2d", index: 1, inputs: ["a"], inputShapes: [[8, 8, 8]], outputShape: null, worstSeverity: "error" }),
    node({ id: "c", type: "relu", index: 2, inputs: ["b"], inputShapes: [], outputShape: null }),
    node({ id: "skip", type: "conv2d", index: 3, inputs: ["a"], inputShapes: [[8, 8, 8]], outputShape: [8, 8, 8], worstSeverity: "warning" }),
    node({ id: "sum", type: "add", index: 4, inputs: ["c", "skip"], inputShapes: [], outputShape: null }),
  ], [3, 8, 8], [error, warning]);
}
