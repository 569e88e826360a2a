import type { GraphModel } from "../../../src/diagram/graphModel";

/** A graph model from `a->b` pairs (nodes in first-seen order), every node a conv2d of shape 8×4×4. */
export function modelOf(...pairs: string[]): GraphModel {
  const ids: string[] = [];
  const edges = pairs.map((pair, index) => {
    const [source, target] = pair.split("->");
    for (const id of [source, target]) if (!ids.includes(id)) ids.push(id);
    return { id: `${pair}#${index}`, source, target, label: "8×4×4" };
  });
  const nodes = ids.map((id, index) => ({ id, kind: "layer" as const, type: "conv2d", index, detail: "", shapeText: "8×4×4", params: 0, paramsText: "", messages: [] }));
  return { nodes, edges };
}
