/** Text helpers the layer types share for their explanations and labels. Pure. */
import { pairText } from "../fields";
import { formatCount } from "../numberFormat";
import type { ActivationParams, NodeInfo } from "../types";
import { unreadAxis } from "../unread";

export { formatCount };

export const AXES = [
  { name: "Height", noun: "row", index: 0 },
  { name: "Width", noun: "column", index: 1 },
] as const;

/** Input and output size of a [C, H, W] node on one spatial axis (0 height, 1 width). */
export function sizeOf(node: NodeInfo, axis: 0 | 1): [number, number] {
  return [node.inputShapes[0]?.[axis + 1] ?? 0, node.outputShape?.[axis + 1] ?? 0];
}

/** One factor of a count formula: what it is in words, and its value as written. */
export interface Factor {
  words: string;
  value: string;
}

/** "(in channels ÷ groups)" with "3" when groups is 1, else "(32 ÷ 4)". */
export function perGroupFactor(words: string, count: number, groups: number): Factor {
  return { words: `(${words} ÷ groups)`, value: groups === 1 ? String(count / groups) : `(${count} ÷ ${groups})` };
}

/**
 * A count in words and in numbers, e.g. "Parameters: filters × (in channels ÷ groups) ×
 * kernel height × kernel width + bias = 16 × 3 × 3 × 3 + 16 = 448".
 */
export function countFormula(label: string, factors: readonly Factor[], result: number, bias?: number): string {
  const words = factors.map((factor) => factor.words).join(" × ") + (bias === undefined ? "" : " + bias");
  const values = factors.map((factor) => factor.value).join(" × ") + (bias === undefined ? "" : ` + ${formatCount(bias)}`);
  return `${label}: ${words} = ${values} = ${formatCount(result)}`;
}

export function paddingTerm(before: number, after: number): string {
  return before === after ? `2·${before}` : `${before} + ${after}`;
}

/** "Never read" lines of a windowed layer, one per axis that skips input or padding. */
export function unreadLines(
  node: NodeInfo, kernel: readonly number[], stride: readonly number[], dilation: readonly number[], before: readonly number[],
  after: readonly number[],
): string[] {
  const lines: string[] = [];
  for (const axis of AXES) {
    const index = axis.index;
    const [input, output] = sizeOf(node, index);
    const unread = unreadAxis({
      input, kernel: kernel[index], stride: stride[index], dilation: dilation[index], padBefore: before[index], padAfter: after[index],
      output,
    });
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

/**
 * A measure that may be fractional (a receptive field after upsampling: jump 0.5, size 5/3) at
 * most 3 decimals: 0.333 for 1/3, integers as they are.
 */
export function measureText(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
}

/** A pair as "a" when both axes agree, else "a×b" (height first). */
export function formatAxes(pair: readonly [number, number], separator = "×"): string {
  return pair[0] === pair[1] ? measureText(pair[0]) : `${measureText(pair[0])}${separator}${measureText(pair[1])}`;
}

export function windowText(kernel: [number, number], stride: [number, number]): string {
  return `${pairText(kernel)} /${formatAxes(stride)}`;
}

export function dilationText(dilation: [number, number]): string {
  return dilation[0] === 1 && dilation[1] === 1 ? "" : ` dilation ${formatAxes(dilation)}`;
}

export function activationSuffix(activation: ActivationParams | undefined): string {
  return activation ? ` + ${activation.type}` : "";
}
