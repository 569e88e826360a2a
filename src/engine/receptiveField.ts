/**
 * Receptive-field propagation (google-research/receptive_field conventions), per axis:
 *   size_out  = size_in + (effectiveKernel − 1)·jump_in
 *   jump_out  = jump_in · stride
 *   start_out = start_in + ((effectiveKernel − 1)/2 − padBefore)·jump_in
 * where input pixel i has centre i and `start` is the centre of output unit 0's field.
 */
import type { ReceptiveField } from "./types";

export type Axis = 0 | 1;

/** One network-input pixel. */
export function inputField(): ReceptiveField {
  return { size: [1, 1], jump: [1, 1], start: [0, 0] };
}

/** A sliding window (conv, pool): kernel is the EFFECTIVE (dilated) size. */
export function windowField(
  input: ReceptiveField, effectiveKernel: readonly number[], stride: readonly number[], padBefore: readonly number[],
): ReceptiveField {
  const axis = (index: Axis) => ({
    size: input.size[index] + (effectiveKernel[index] - 1) * input.jump[index],
    jump: input.jump[index] * stride[index],
    start: input.start[index] + ((effectiveKernel[index] - 1) / 2 - padBefore[index]) * input.jump[index],
  });
  const height = axis(0);
  const width = axis(1);
  return { size: [height.size, width.size], jump: [height.jump, width.jump], start: [height.start, width.start] };
}

/** Merges (add, concat): the union of the branches' intervals, the smallest jump. */
export function unionFields(fields: readonly ReceptiveField[]): ReceptiveField {
  const axis = (index: Axis) => {
    let low = Infinity;
    let high = -Infinity;
    let jump = Infinity;
    for (const field of fields) {
      low = Math.min(low, field.start[index] - (field.size[index] - 1) / 2);
      high = Math.max(high, field.start[index] + (field.size[index] - 1) / 2);
      jump = Math.min(jump, field.jump[index]);
    }
    return { size: high - low + 1, jump, start: (low + high) / 2 };
  };
  const height = axis(0);
  const width = axis(1);
  return { size: [height.size, width.size], jump: [height.jump, width.jump], start: [height.start, width.start] };
}

/**
 * After flatten/linear every unit sees the whole network input; the flat output is treated
 * as one 1×1 position over it, so the jump is the input size.
 */
export function wholeInputField(inputHeight: number, inputWidth: number): ReceptiveField {
  return { size: [inputHeight, inputWidth], jump: [inputHeight, inputWidth], start: [(inputHeight - 1) / 2, (inputWidth - 1) / 2] };
}
