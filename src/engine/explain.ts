/**
 * explainLayer: the arithmetic behind a node's numbers, with the user's values, for the
 * editor's hover and details panel. Pure; returns plain text lines.
 */
import { formatCount } from "./format";
import { ceilWindowDropped } from "./geometry";
import type { Analysis, NodeInfo, ReceptiveField, ResolvedConv, ResolvedConvTranspose, ResolvedLinear, ResolvedPool } from "./types";
import { unreadAxis } from "./unread";

const AXES = [
  { name: "Height", noun: "row", index: 0 },
  { name: "Width", noun: "column", index: 1 },
] as const;

function sizeOf(node: NodeInfo, axis: 0 | 1): [number, number] {
  return [node.inputShapes[0]?.[axis + 1] ?? 0, node.outputShape?.[axis + 1] ?? 0];
}

function paddingTerm(before: number, after: number): string {
  return before === after ? `2·${before}` : `${before} + ${after}`;
}

function convLines(node: NodeInfo, layer: ResolvedConv): string[] {
  const lines: string[] = [];
  const channels = layer.inChannels;
  for (const axis of AXES) {
    const [input, output] = sizeOf(node, axis.index);
    const [before, after] = axis.index === 0 ? [layer.padding[0], layer.padding[1]] : [layer.padding[2], layer.padding[3]];
    lines.push(`${axis.name}: ⌊(${input} + ${paddingTerm(before, after)} − ${layer.dilation[axis.index]}·(${layer.kernel[axis.index]}−1) − 1)/${layer.stride[axis.index]}⌋ + 1 = ${output}`);
  }
  const perFilter = `${layer.filters}·(${channels}/${layer.groups})·${layer.kernel[0]}·${layer.kernel[1]}`;
  lines.push(`Parameters: ${perFilter}${layer.bias ? ` + ${layer.filters}` : ""} = ${formatCount(node.params)}`);
  lines.push(`MACs: ${node.outputShape?.[1]}·${node.outputShape?.[2]}·${perFilter} = ${formatCount(node.macs)}`);
  lines.push(...keepSizeLines(layer));
  lines.push(...unreadLines(node, layer.kernel, layer.stride, layer.dilation, [layer.padding[0], layer.padding[2]], [layer.padding[1], layer.padding[3]]));
  return lines;
}

function keepSizeLines(layer: ResolvedConv): string[] {
  if (layer.stride[0] !== 1 || layer.stride[1] !== 1) return [];
  const totals = [layer.dilation[0] * (layer.kernel[0] - 1), layer.dilation[1] * (layer.kernel[1] - 1)];
  if (totals.every((total) => total % 2 === 0)) {
    const padding = totals[0] === totals[1] ? `${totals[0] / 2}` : `[${totals[0] / 2}, ${totals[1] / 2}]`;
    return [`Padding that keeps the size: ${padding} (or "same")`];
  }
  return [`Padding that keeps the size: "same" (uneven: the extra pixel goes bottom/right)`];
}

function transposeLines(node: NodeInfo, layer: ResolvedConvTranspose): string[] {
  const lines = AXES.map((axis) => {
    const [input, output] = sizeOf(node, axis.index);
    const index = axis.index;
    return `${axis.name}: (${input}−1)·${layer.stride[index]} − 2·${layer.padding[index]} + ${layer.dilation[index]}·(${layer.kernel[index]}−1) + ${layer.outputPadding[index]} + 1 = ${output}`;
  });
  const perInput = `(${layer.filters}/${layer.groups})·${layer.kernel[0]}·${layer.kernel[1]}`;
  lines.push(`Parameters: ${layer.inChannels}·${perInput}${layer.bias ? ` + ${layer.filters}` : ""} = ${formatCount(node.params)}`);
  lines.push(`MACs: ${node.inputShapes[0]?.[1]}·${node.inputShapes[0]?.[2]}·${layer.inChannels}·${perInput} = ${formatCount(node.macs)}`);
  return lines;
}

function poolLines(node: NodeInfo, layer: ResolvedPool): string[] {
  const lines: string[] = [];
  for (const axis of AXES) {
    const index = axis.index;
    const [input, output] = sizeOf(node, index);
    const [open, close] = layer.ceilMode ? ["⌈", "⌉"] : ["⌊", "⌋"];
    let line = `${axis.name}: ${open}(${input} + 2·${layer.padding[index]} − ${layer.dilation[index]}·(${layer.kernel[index]}−1) − 1)/${layer.stride[index]}${close} + 1`;
    if (layer.ceilMode && ceilWindowDropped(input, layer.kernel[index], layer.stride[index], layer.padding[index], layer.dilation[index])) {
      line += ` − 1 (ceil mode drops a last window that would start in the padding)`;
    }
    lines.push(`${line} = ${output}`);
  }
  if (layer.type === "avgpool2d" && (layer.padding[0] > 0 || layer.padding[1] > 0)) {
    lines.push(layer.countIncludePad ? "Averages divide by the whole window, padding zeros included (countIncludePad)" : "Averages divide by the pixels inside the input only (countIncludePad false)");
  }
  lines.push(...unreadLines(node, layer.kernel, layer.stride, layer.dilation, layer.padding, layer.padding));
  return lines;
}

function unreadLines(node: NodeInfo, kernel: readonly number[], stride: readonly number[], dilation: readonly number[], before: readonly number[], after: readonly number[]): string[] {
  const lines: string[] = [];
  for (const axis of AXES) {
    const index = axis.index;
    const [input, output] = sizeOf(node, index);
    const unread = unreadAxis({ input, kernel: kernel[index], stride: stride[index], dilation: dilation[index], padBefore: before[index], padAfter: after[index], output });
    if (!unread.checked) {
      lines.push(`Never read: not checked for the ${axis.noun}s (the read pattern is past the check's limits; see Caps in the format spec)`);
    } else if (unread.image > 0) {
      lines.push(`Never read: ${unread.image} input ${axis.noun}${unread.image === 1 ? "" : "s"} (${unread.imageIndices.join(", ")}${unread.image > unread.imageIndices.length ? ", …" : ""}): the stride ${stride[index]} steps past them`);
    } else if (unread.padding > 0) {
      lines.push(`Never read: ${unread.padding} padding ${axis.noun}${unread.padding === 1 ? "" : "s"} after the input (the padding acts asymmetrically; every pixel is read)`);
    }
  }
  return lines;
}

function linearLines(node: NodeInfo, layer: ResolvedLinear): string[] {
  return [
    `Parameters: ${layer.inFeatures}·${layer.units}${layer.bias ? ` + ${layer.units}` : ""} = ${formatCount(node.params)}`,
    `MACs: ${layer.inFeatures}·${layer.units} = ${formatCount(node.macs)}`,
  ];
}

function otherLines(node: NodeInfo): string[] {
  const layer = node.layer;
  const input = node.inputShapes[0] ?? [];
  if (!layer) return [];
  switch (layer.type) {
    case "flatten":
      return [`Features: ${input.join("·")} = ${formatCount(node.outputShape?.[0] ?? 0)}`];
    case "batchnorm2d":
      return [`Parameters: 2·${layer.channels} = ${formatCount(node.params)} (scale and shift per channel)`];
    case "adaptiveavgpool2d":
    case "adaptivemaxpool2d":
      return [`Output fixed to ${layer.outputSize[0]}×${layer.outputSize[1]} whatever the input (${input[1]}×${input[2]} here): bin i spans ⌊i·in/out⌋ … ⌈(i+1)·in/out⌉`];
    case "globalavgpool2d":
    case "globalmaxpool2d":
      return [`One value per channel over the whole ${input[1]}×${input[2]} map`];
    case "concat":
      return [`Channels: ${node.inputShapes.map((shape) => shape[0]).join(" + ")} = ${node.outputShape?.[0]}`];
    case "add":
      return [`Element-wise sum of ${node.inputShapes.length} inputs of the same shape`];
    default:
      return [];
  }
}

function fieldLines(field: ReceptiveField | undefined, node: NodeInfo): string[] {
  if (!field) return node.outputShape ? ["Receptive field: not defined after a transposed convolution or an adaptive pool"] : [];
  const size = `${field.size[0]}×${field.size[1]}`;
  return [`Receptive field: ${size} input pixels; neighbouring outputs are ${field.jump[0]}×${field.jump[1]} input pixels apart; output (0,0) is centred on input (${field.start[0]}, ${field.start[1]})`];
}

/** Lines of arithmetic for node `nodeIndex` (empty when out of range). */
export function explainLayer(analysis: Analysis, nodeIndex: number): string[] {
  const node = analysis.nodes[nodeIndex];
  if (!node) return [];
  if (!node.layer || !node.outputShape) {
    return [node.worstSeverity === "error" ? "No shape: this layer has an error (see Problems)." : "No shape: an input of this layer has no shape."];
  }
  const layer = node.layer;
  let lines: string[];
  if (layer.type === "conv2d") lines = convLines(node, layer);
  else if (layer.type === "convtranspose2d") lines = transposeLines(node, layer);
  else if (layer.type === "maxpool2d" || layer.type === "minpool2d" || layer.type === "avgpool2d") lines = poolLines(node, layer);
  else if (layer.type === "linear") lines = linearLines(node, layer);
  else lines = otherLines(node);
  return [...lines, `Output: ${node.outputShape.join("×")} = ${formatCount(node.outputElements ?? 0)} values (${formatCount(node.outputBytes ?? 0)} bytes as float32)`, ...fieldLines(node.receptiveField, node)];
}
