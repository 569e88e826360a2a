/**
 * The runner's side of a two-worker run: which layers are shared, where their outputs go,
 * and how much arena a run needs.
 */
import type { NodeInfo } from "../../engine/types";
import type { LayerContext } from "../runner/convLayer";
import { elementCount, type Tensor } from "../tensor";
import { executeLayerRange, finishSplitOutput, splitShape } from "./layerRange";
import { MAX_SHARED_INPUTS } from "./protocol";
import type { TeamRun } from "./team";


/** Floats of arena a run of `nodes` needs: its peak of live outputs plus room for copied inputs and fragmentation. */
export function arenaFloatsFor(nodes: readonly NodeInfo[], inputFloats: number): number {
  const remaining = new Map<string, number>();
  for (const node of nodes) for (const id of node.inputs) remaining.set(id, (remaining.get(id) ?? 0) + 1);
  const sizes = new Map<string, number>([["input", inputFloats]]);
  let live = inputFloats;
  let peak = live;
  for (const node of nodes) {
    const size = node.outputShape === null ? 0 : elementCount(node.outputShape);
    peak = Math.max(peak, live + size + inputFloats);
    for (const id of node.inputs) {
      const left = (remaining.get(id) ?? 1) - 1;
      remaining.set(id, left);
      if (left === 0) live -= sizes.get(id) ?? 0;
    }
    if ((remaining.get(node.id) ?? 0) > 0) {
      sizes.set(node.id, size);
      live += size;
    }
  }
  return Math.ceil(peak * 1.25) + 64 * 1024;
}

/**
 * Runs `node` with its output in the arena, split with the helper when it is worth it; null
 * when the layer does not split (the caller runs it the one-worker way).
 */
export function runNodeShared(
  run: TeamRun, nodeIndex: number, node: NodeInfo, inputs: readonly Tensor[], context: LayerContext,
): Tensor | null {
  const layer = node.layer!;
  const shape = node.outputShape!;
  const split = splitShape(layer, shape);
  const floats = elementCount(shape);
  if (split === null || !run.worthSharing(floats, node.macs) || inputs.length > MAX_SHARED_INPUTS) return null;
  const { arena } = run;
  const copies: Float32Array[] = [];
  const shared = inputs.map((input) => {
    if (arena.holds(input.data)) return input;
    const data = arena.allocate(input.data.length);
    data.set(input.data);
    copies.push(data);
    return { shape: input.shape, data };
  });
  const output: Tensor = { shape: [...shape], data: arena.allocate(floats) };
  try {
    const local = (start: number, end: number, continued = false): void => executeLayerRange(
      layer, shared, output, start, end, context, continued,
    );
    if (arena.holds(output.data) && shared.every((input) => arena.holds(input.data))) run.split(nodeIndex, shared, output, split, local);
    else local(0, split.units);
  } catch (error) {
    arena.dropIfUnheld(output.data);
    throw error;
  } finally {
    for (const copy of copies) arena.dropIfUnheld(copy);
  }
  const finished = finishSplitOutput(layer, output);
  if (finished !== output) arena.dropIfUnheld(output.data);
  return finished;
}
