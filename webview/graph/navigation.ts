/**
 * Keyboard navigation along the graph. The arrow that points along the flow (down in a
 * top-down layout, right in a left-right one) moves to a consumer, the opposite arrow to a
 * producer, the two others to the nearest node of the same rank on that side.
 */
import { adjacencyOf, inputNodeId, type GraphModel } from "../../src/diagram/graphModel";
import type { Direction, NodeBox } from "../../src/diagram/layout";

export type ArrowKey = "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight";

export function isArrowKey(key: string): key is ArrowKey {
  return key === "ArrowUp" || key === "ArrowDown" || key === "ArrowLeft" || key === "ArrowRight";
}

type Move = "forward" | "backward" | "before" | "after";

function moveOf(key: ArrowKey, direction: Direction): Move {
  const flowForward = direction === "TB" ? "ArrowDown" : "ArrowRight";
  const flowBackward = direction === "TB" ? "ArrowUp" : "ArrowLeft";
  const lateralBefore = direction === "TB" ? "ArrowLeft" : "ArrowUp";
  if (key === flowForward) return "forward";
  if (key === flowBackward) return "backward";
  return key === lateralBefore ? "before" : "after";
}

/**
 * The node to select after pressing `key` with `current` selected (null: nothing selected,
 * which selects the input). Returns `current` when there is nowhere to go.
 */
export function navigate(
  model: GraphModel, boxes: ReadonlyMap<string, NodeBox>, current: string | null, key: ArrowKey, direction: Direction,
): string | null {
  if (current === null || !model.nodes.some((node) => node.id === current)) {
    return model.nodes.length > 0 ? inputNodeId : null;
  }
  const move = moveOf(key, direction);
  const lateral = (id: string): number => lateralCentre(boxes.get(id), direction);
  if (move === "forward" || move === "backward") {
    const adjacency = adjacencyOf(model);
    const neighbours = (move === "forward" ? adjacency.consumers : adjacency.producers).get(current) ?? [];
    const sorted = [...neighbours].sort((a, b) => lateral(a) - lateral(b));
    return sorted[0] ?? current;
  }
  return lateralNeighbour(model, boxes, current, move === "after", direction) ?? current;
}

function lateralCentre(box: NodeBox | undefined, direction: Direction): number {
  if (!box) return 0;
  return direction === "TB" ? box.x + box.width / 2 : box.y + box.height / 2;
}

function flowCentre(box: NodeBox, direction: Direction): number {
  return direction === "TB" ? box.y + box.height / 2 : box.x + box.width / 2;
}

/** Nearest node on one side whose extent along the flow overlaps the current node's. */
function lateralNeighbour(
  model: GraphModel, boxes: ReadonlyMap<string, NodeBox>, current: string, after: boolean, direction: Direction,
): string | undefined {
  const here = boxes.get(current);
  if (!here) return undefined;
  const halfExtent = direction === "TB" ? here.height / 2 : here.width / 2;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const node of model.nodes) {
    const box = boxes.get(node.id);
    if (!box || node.id === current) continue;
    if (Math.abs(flowCentre(box, direction) - flowCentre(here, direction)) > halfExtent) continue;
    const offset = lateralCentre(box, direction) - lateralCentre(here, direction);
    if ((after && offset <= 0) || (!after && offset >= 0)) continue;
    if (Math.abs(offset) < bestDistance) {
      bestDistance = Math.abs(offset);
      best = node.id;
    }
  }
  return best;
}
