/**
 * Which layers the runner computes in a convolution's output pass (convFollowers.ts): a
 * conv2d without activation, then a batchnorm2d reading it and/or a relu reading that, in
 * consecutive nodes. The followers still get their own outputs, statistics and maps; they
 * are only computed earlier, while the convolution's output is at hand, so their outputs
 * are alive from the convolution on (budget/estimate.ts counts them so).
 */
import type { Analysis, NodeInfo } from "../../engine/types";
import { batchNormCoefficients } from "../batchNorm2d";
import type { ConvFollowers } from "../convFollowers";
import { allocateFloats } from "../budget/allocationGuard";
import type { Tensor } from "../tensor";
import { runConv2d, type LayerContext } from "./convLayer";

/** The layers fused into one convolution. */
export interface FusedFollowers {
  batchNorm: NodeInfo | null;
  relu: NodeInfo | null;
}

/** Per conv2d node id, its fused followers (convolutions without any are absent). */
export function fusionPlan(analysis: Analysis, nodes: readonly NodeInfo[]): Map<string, FusedFollowers> {
  const plan = new Map<string, FusedFollowers>();
  for (const [position, node] of nodes.entries()) {
    if (node.layer?.type !== "conv2d" || node.layer.activation !== undefined || !runnable(analysis, node)) continue;
    const next = nodes[position + 1];
    const batchNorm = next !== undefined && next.layer?.type === "batchnorm2d" && readsOnly(next, node) && runnable(analysis, next)
      ? next : null;
    const last = batchNorm ?? node;
    const candidate = nodes[position + (batchNorm === null ? 1 : 2)];
    const relu = candidate !== undefined && candidate.layer?.type === "relu" && readsOnly(candidate, last) && runnable(analysis, candidate)
      ? candidate : null;
    if (batchNorm !== null || relu !== null) plan.set(node.id, { batchNorm, relu });
  }
  return plan;
}

/** Allocated outputs and coefficients for the followers of a convolution whose output has `shape`. */
function allocateFollowers(followers: FusedFollowers, shape: readonly number[]): { kernel: ConvFollowers; outputs: Map<string, Tensor> } {
  const floats = shape[0] * shape[1] * shape[2];
  const outputs = new Map<string, Tensor>();
  const output = (node: NodeInfo): Float32Array => {
    const data = allocateFloats(floats, `${node.id} output`);
    outputs.set(node.id, { shape: [...shape], data });
    return data;
  };
  const { batchNorm, relu } = followers;
  const eps = batchNorm?.layer?.type === "batchnorm2d" ? batchNorm.layer.eps : undefined;
  return {
    kernel: {
      batchNorm: batchNorm === null ? null : { ...batchNormCoefficients(shape[0], { eps }), output: output(batchNorm) },
      relu: relu === null ? null : { output: output(relu) },
    },
    outputs,
  };
}

function readsOnly(node: NodeInfo, source: NodeInfo): boolean {
  return node.inputs.length === 1 && node.inputs[0] === source.id;
}

/** Valid, and without an error that stops the run at it. */
function runnable(analysis: Analysis, node: NodeInfo): boolean {
  if (node.layer === null || node.outputShape === null) return false;
  return !analysis.diagnostics.some((diagnostic) => diagnostic.severity === "error" && diagnostic.layerId === node.id);
}

/** Runs conv2d `node` with its followers fused: its output, and theirs by id. */
export function runFusedConv(
  node: NodeInfo, x: Tensor, context: LayerContext, followers: FusedFollowers,
): { output: Tensor; followerOutputs: Map<string, Tensor> } {
  const layer = node.layer;
  if (layer?.type !== "conv2d") throw new Error(`layer ${node.id}: only a conv2d takes fused followers`);
  const { kernel, outputs } = allocateFollowers(followers, node.outputShape!);
  return { output: runConv2d(layer, x, context, kernel), followerOutputs: outputs };
}
