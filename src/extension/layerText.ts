/** Text for the editor's per-layer lenses and hovers, from the analysis. Pure. */
import { explainLayer, formatShape, type Analysis, type NodeInfo, type ShapeOrder } from "../engine";
import { formatCount } from "../engine/numberFormat";
import { abbreviateCount, formatReceptiveField } from "../engine/summary";

/** `→ 6×28×28 · 156 params` */
export function lensTitle(node: NodeInfo, order: ShapeOrder): string {
  const shape = node.outputShape ? formatShape(node.outputShape, order) : "?";
  const params = `${formatCount(node.params)} param${node.params === 1 ? "" : "s"}`;
  return `→ ${shape} · ${params}`;
}

/** Markdown for hovering a layer: shapes, parameters, MACs, receptive field, the formula. */
export function hoverMarkdown(analysis: Analysis, nodeIndex: number, order: ShapeOrder): string {
  const node = analysis.nodes[nodeIndex];
  const inputs = node.inputShapes.map((shape) => formatShape(shape, order)).join(" + ") || "?";
  const output = node.outputShape ? formatShape(node.outputShape, order) : "?";
  const lines = [
    `**${escapeMarkdown(node.id)}** · \`${node.type}\``,
    "",
    `${inputs} → **${output}**`,
    "",
    `| | |`,
    `|---|---|`,
    `| Parameters | ${formatCount(node.params)} |`,
    `| MACs | ${formatCount(node.macs)} (${abbreviateCount(node.macs)}) |`,
  ];
  if (node.receptiveField) lines.push(`| Receptive field | ${formatReceptiveField(node.receptiveField)} |`);
  if (node.outputBytes !== null && node.outputBytes !== undefined) lines.push(`| Output memory | ${formatCount(node.outputBytes)} bytes (float32) |`);
  const arithmetic = explainLayer(analysis, nodeIndex);
  if (arithmetic.length > 0) lines.push("", "```text", ...arithmetic, "```");
  return lines.join("\n");
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|]/g, (char) => `\\${char}`);
}
