/**
 * explainLayer: the arithmetic behind a node's numbers, with the user's values, for the
 * editor's hover and details panel: each type's own lines (its `explain`, src/engine/layers),
 * then the output and the receptive field. Pure; returns plain text lines.
 */
import { formatCount } from "./numberFormat";
import { declarationOf } from "./layers/registry";
import { measureText } from "./layers/text";
import type { Analysis, NodeInfo, ReceptiveField } from "./types";

function fieldLines(field: ReceptiveField | undefined, node: NodeInfo): string[] {
  if (!field) return node.outputShape ? ["Receptive field: not defined after a transposed convolution or an adaptive pool"] : [];
  const [size, jump, start] = [field.size, field.jump, field.start].map((pair) => pair.map(measureText));
  const average = [...field.size, ...field.jump].some((value) => !Number.isInteger(value)) ? " (averages over the repeating pattern of an upsampling)" : "";
  return [`Receptive field: ${size[0]}×${size[1]} input pixels; neighbouring outputs are ${jump[0]}×${jump[1]} input pixels apart; output (0,0) is centred on input (${start[0]}, ${start[1]})${average}`];
}

/** Lines of arithmetic for node `nodeIndex` (empty when out of range). */
export function explainLayer(analysis: Analysis, nodeIndex: number): string[] {
  const node = analysis.nodes[nodeIndex];
  if (!node) return [];
  if (!node.layer || !node.outputShape) {
    return [node.worstSeverity === "error" ? "No shape: this layer has an error (see Problems)." : "No shape: an input of this layer has no shape."];
  }
  const lines = declarationOf(node.layer).explain(node, node.layer);
  return [...lines, `Output: ${node.outputShape.join("×")} = ${formatCount(node.outputElements ?? 0)} values (${formatCount(node.outputBytes ?? 0)} bytes as float32)`, ...fieldLines(node.receptiveField, node)];
}
