/**
 * Which earlier tensor a new add/concat should merge with the selected one.
 * add: walk back along the first-input chain while the shape stays equal and take the
 * farthest such node (ResNet: the block input); concat: the nearest earlier layer in file
 * order with the same height and width that is not the direct producer (U-Net: the encoder
 * map of that size). Falls back to the network input when it fits.
 */
import type { NodeInfo } from "../../src/engine/types";
import { inputNodeId } from "../../src/diagram/graphModel";

export type MergeKind = "add" | "concat";

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function sameSpatial(a: readonly number[], b: readonly number[]): boolean {
  return a.length === 3 && b.length === 3 && a[1] === b[1] && a[2] === b[2];
}

export function pickMergePartner(
  nodes: readonly NodeInfo[], input: number[] | null, anchorId: string, kind: MergeKind,
): string | undefined {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const anchor = byId.get(anchorId);
  const shape = anchorId === inputNodeId ? input : anchor?.outputShape;
  if (!anchor || !shape) return undefined;
  const fits = kind === "add" ? sameShape : sameSpatial;
  const found = kind === "add" ? walkBackEqual(anchor, byId, shape) : nearestSpatialMatch(nodes, anchor, shape);
  if (found) return found;
  return input && fits(input, shape) && !anchor.inputs.includes(inputNodeId) ? inputNodeId : undefined;
}

function walkBackEqual(anchor: NodeInfo, byId: Map<string, NodeInfo>, shape: readonly number[]): string | undefined {
  let best: string | undefined;
  let current = anchor;
  for (;;) {
    const producerId = current.inputs[0];
    const producer = producerId === undefined ? undefined : byId.get(producerId);
    if (!producer || !producer.outputShape || !sameShape(producer.outputShape, shape)) break;
    if (producer.type === "add" || producer.type === "concat") break;
    if (producer.id !== anchor.inputs[0]) best = producer.id;
    current = producer;
  }
  return best;
}

function nearestSpatialMatch(nodes: readonly NodeInfo[], anchor: NodeInfo, shape: readonly number[]): string | undefined {
  for (let index = anchor.index - 1; index >= 0; index--) {
    const node = nodes.find((candidate) => candidate.index === index);
    if (!node || !node.outputShape || anchor.inputs.includes(node.id)) continue;
    if (sameSpatial(node.outputShape, shape)) return node.id;
  }
  return undefined;
}
