/**
 * The network runner (pure): executes an analysed graph in node order on one input tensor
 * with preview weights and returns, per layer, statistics and display-ready extracts.
 * Activations are released as soon as no later node needs them. A batch norm and/or relu
 * right after a convolution is computed in the convolution's output pass (./fusion.ts; one
 * worker only), its output kept until its turn. With `memoryLimitBytes` the
 * run is refused up front when its estimate is over the limit, and every allocation of the
 * core is checked against it while it runs (budget/allocationGuard.ts).
 */
import type { Analysis, NodeInfo } from "../../engine/types";
import { AllocationGuard, currentAllocationGuard, MemoryBudgetExceeded, withAllocationGuard } from "../budget/allocationGuard";
import { checkBudget, type BudgetVerdict } from "../budget/budgetCheck";
import { estimateRun } from "../budget/estimate";
import { arenaFloatsFor, runNodeShared } from "../parallel/sharedRun";
import type { TeamRun } from "../parallel/team";
import { executeLayer, type LayerContext } from "./executeLayer";
import { kernelFor } from "../layerKernels";
import { fusionPlan, runFusedConv, type FusedFollowers } from "./fusion";
import { buildFeatureMaps, buildVector } from "./previews";
import type { LayerRunResult, RunOptions, RunResult, RunStop, TensorStats } from "./runTypes";
import { computeStats, statsFromSums } from "./stats";
import type { Tensor } from "../tensor";

export type * from "./runTypes";

/** Id of the network input in NodeInfo.inputs. */
export const NETWORK_INPUT_ID = "input";

class RunCancelled {}

export function runNetwork(analysis: Analysis, image: Tensor, options: RunOptions = {}): RunResult {
  const nodes = nodesToRun(analysis, options.upToLayerId);
  const total = nodes.length;
  const inputProblem = checkNetworkInput(analysis, image);
  if (inputProblem !== null) {
    return { status: "stopped", layers: [], stoppedAt: { layerId: NETWORK_INPUT_ID, index: -1, reason: inputProblem }, completed: 0, total, peakActivationBytes: 0 };
  }
  const verdict = budgetVerdict(analysis, options);
  if (verdict !== null && !verdict.ok) {
    const { layerId } = verdict.estimate.peak;
    const index = analysis.nodes.find((node) => node.id === layerId)?.index ?? -1;
    return { status: "stopped", layers: [], stoppedAt: { layerId, index, reason: verdict.message, overBudget: true }, completed: 0, total, peakActivationBytes: 0 };
  }
  const guard = options.memoryLimitBytes === undefined ? null : new AllocationGuard(options.memoryLimitBytes);
  const team = options.team?.beginRun(analysis, arenaFloatsFor(nodes, image.data.length), options.givenWeights) ?? null;
  try {
    const result = guard === null
      ? runNodes(analysis, nodes, image, options, team)
      : withAllocationGuard(guard, () => runNodes(analysis, nodes, image, options, team));
    if (guard !== null && verdict !== null) result.memory = {
      estimatedPeakBytes: verdict.estimate.peak.bytes, countedPeakBytes: guard.peakBytes, limitBytes: guard.limitBytes,
    };
    return result;
  } finally {
    team?.end();
  }
}

/** The estimate against the run's limits, or null when the run has none. */
function budgetVerdict(analysis: Analysis, options: RunOptions): BudgetVerdict | null {
  if (options.memoryLimitBytes === undefined && options.macsLimit === undefined) return null;
  const limits = { memoryBytes: options.memoryLimitBytes ?? Infinity, macs: options.macsLimit ?? Infinity };
  return checkBudget(estimateRun(analysis, options), analysis.input, limits);
}

function runNodes(analysis: Analysis, nodes: NodeInfo[], image: Tensor, options: RunOptions, team: TeamRun | null): RunResult {
  const total = nodes.length;
  const cancelled = (): boolean => (options.isCancelled?.() ?? false) || (options.signal?.aborted ?? false);
  const remainingConsumers = countConsumers(nodes);
  const outputs = new Map<string, Tensor>([[NETWORK_INPUT_ID, image]]);
  // Batch norms and relus computed in their convolution's output pass, until their turn.
  const plan = team === null ? fusionPlan(analysis, nodes) : new Map<string, FusedFollowers>();
  const pending = new Map<string, Tensor>();
  const alive = (): number => liveBytes(outputs) + liveBytes(pending);
  const layers: LayerRunResult[] = [];
  let peakActivationBytes = image.data.byteLength;
  // The guard of this run, or one a caller installed to count allocations (tests).
  const guard = currentAllocationGuard();
  guard?.settle(image.data.byteLength);
  const finish = (status: RunResult["status"], stoppedAt?: RunStop): RunResult => {
    outputs.clear();
    pending.clear();
    return { status, layers, stoppedAt, completed: layers.length, total, peakActivationBytes };
  };
  for (const [position, node] of nodes.entries()) {
    if (cancelled()) return finish("cancelled");
    const inputs = node.inputs.map((id) => outputs.get(id));
    const problem = invalidNodeReason(node, analysis, inputs);
    if (problem !== null) return finish("stopped", { layerId: node.id, index: node.index, reason: problem });
    const started = Date.now();
    let output: Tensor;
    try {
      const context: LayerContext = {
        specSeed: analysis.seed, layerId: node.id, given: options.givenWeights?.[node.id], checkCancelled: () => {
          if (cancelled()) throw new RunCancelled();
        },
      };
      output = takePending(pending, node) ?? runNode(node, inputs as Tensor[], context, team, position, plan.get(node.id), pending);
      layers.push(describeLayer(node, output, analysis.seed, options, Date.now() - started, team));
    } catch (error) {
      if (error instanceof RunCancelled) return finish("cancelled");
      if (error instanceof MemoryBudgetExceeded) return finish("failed", { layerId: node.id, index: node.index, reason: `Layer ${node.id}: ${error.message}.`, overBudget: true });
      return finish("failed", { layerId: node.id, index: node.index, reason: error instanceof Error ? error.message : String(error) });
    }
    peakActivationBytes = Math.max(peakActivationBytes, alive() + output.data.byteLength);
    // Kept before the inputs are released: a dropout's output is its input's array.
    const kept = (remainingConsumers.get(node.id) ?? 0) > 0;
    if (kept) {
      outputs.set(node.id, output);
      team?.arena.retain(output.data);
    }
    releaseInputs(node, remainingConsumers, outputs, team);
    if (!kept) team?.arena.dropIfUnheld(output.data);
    guard?.settle(alive());
    options.onProgress?.({ completed: layers.length, total, layerId: node.id });
  }
  return finish("complete");
}

/**
 * Runs `node`: split with the team, or with its fused followers (their outputs go to
 * `pending`), or alone.
 */
function runNode(
  node: NodeInfo, inputs: Tensor[], context: LayerContext, team: TeamRun | null, position: number,
  followers: FusedFollowers | undefined, pending: Map<string, Tensor>,
): Tensor {
  let output = team === null ? null : runNodeShared(team, position, node, inputs, context);
  if (output === null && followers !== undefined) {
    const fused = runFusedConv(node, inputs[0], context, followers);
    for (const [id, tensor] of fused.followerOutputs) pending.set(id, tensor);
    output = fused.output;
  }
  output ??= executeLayer(node.layer!, inputs, context);
  checkOutputShape(node, output);
  return output;
}

/** The output a convolution computed for `node` in its output pass, if any (then no longer pending). */
function takePending(pending: Map<string, Tensor>, node: NodeInfo): Tensor | null {
  const output = pending.get(node.id);
  if (output === undefined) return null;
  pending.delete(node.id);
  checkOutputShape(node, output);
  return output;
}

function checkOutputShape(node: NodeInfo, output: Tensor): void {
  const expected = node.outputShape!;
  if (output.shape.length !== expected.length || output.shape.some((size, axis) => size !== expected[axis])) {
    throw new Error(`layer ${node.id}: the core computed shape [${output.shape.join(", ")}] but the analysis says [${expected.join(", ")}]`);
  }
}

/** Every node up to and including upToLayerId (all of them when absent or unknown). */
function nodesToRun(analysis: Analysis, upToLayerId: string | undefined): NodeInfo[] {
  const last = upToLayerId === undefined ? -1 : analysis.nodes.findIndex((node) => node.id === upToLayerId);
  return last < 0 ? analysis.nodes : analysis.nodes.slice(0, last + 1);
}

function checkNetworkInput(analysis: Analysis, image: Tensor): string | null {
  if (analysis.parseFailed) return "The file could not be parsed, so there is no network to run. Fix the JSON first.";
  if (analysis.input === null) return "The network input is invalid (see the error on `input`), so nothing can run.";
  const expected = analysis.input;
  if (image.shape.length !== expected.length || image.shape.some((size, axis) => size !== expected[axis])) {
    return `The image tensor is [${image.shape.join(", ")}] but the network input is [${expected.join(", ")}].`;
  }
  return null;
}

function invalidNodeReason(node: NodeInfo, analysis: Analysis, inputs: (Tensor | undefined)[]): string | null {
  const error = analysis.diagnostics.find((diagnostic) => diagnostic.severity === "error" && diagnostic.layerId === node.id);
  if (error !== undefined) return error.message;
  if (node.layer === null || node.outputShape === null) return `Layer ${node.id} is invalid, so the preview stops before it.`;
  const missing = node.inputs.find((_id, position) => inputs[position] === undefined);
  if (missing !== undefined) return `Layer ${node.id}: its input "${missing}" has not been computed.`;
  if (inputs.length === 0) return `Layer ${node.id} has no inputs.`;
  return null;
}

function liveBytes(outputs: Map<string, Tensor>): number {
  let total = 0;
  for (const tensor of outputs.values()) total += tensor.data.byteLength;
  return total;
}

function countConsumers(nodes: readonly NodeInfo[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const node of nodes) for (const id of node.inputs) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

function releaseInputs(node: NodeInfo, remainingConsumers: Map<string, number>, outputs: Map<string, Tensor>, team: TeamRun | null): void {
  for (const id of node.inputs) {
    const remaining = (remainingConsumers.get(id) ?? 1) - 1;
    remainingConsumers.set(id, remaining);
    const tensor = outputs.get(id);
    if (remaining > 0 || tensor === undefined) continue;
    outputs.delete(id);
    team?.arena.release(tensor.data);
  }
}

/** Stats and display extracts of a layer; with a team, the helper computes the stats meanwhile. */
function describeLayer(
  node: NodeInfo, output: Tensor, specSeed: number, options: RunOptions, milliseconds: number, team: TeamRun | null,
): LayerRunResult {
  const layer = node.layer!;
  const pendingStats = team?.startStats(output.data) ?? null;
  const result: LayerRunResult = {
    id: node.id, index: node.index, type: node.type, shape: [...output.shape], stats: EMPTY_STATS, milliseconds,
  };
  // Arena memory is reused by later layers: a kept tensor is copied out of it.
  if (options.keepTensors?.includes(node.id)) result.tensor = team !== null ? { shape: output.shape, data: output.data.slice() } : output;
  if (options.displayLayers === undefined || options.displayLayers.includes(node.id)) {
    if (output.shape.length === 3) result.featureMaps = buildFeatureMaps(output, node.id, options);
    else result.vector = buildVector(output, options);
    const kernelPreview = kernelFor(layer).kernelPreview;
    if (kernelPreview !== undefined) result.kernels = kernelPreview(
      layer, { specSeed, layerId: node.id }, options, options.givenWeights?.[node.id]?.weights,
    );
  }
  result.stats = pendingStats === null ? computeStats(output.data) : statsFromSums(pendingStats.finish(), output.data.length);
  return result;
}

const EMPTY_STATS: TensorStats = {
  minimum: 0, maximum: 0, mean: 0, standardDeviation: 0, fractionZero: 0, fractionNegative: 0, nonFinite: 0,
};
