/** Shape-level ops: flatten, element-wise add, channel concat. */
import { checkArgument, checkShapeMatchesData, elementCount, type Tensor } from "./tensor";
import { allocateFloats, copyFloats } from "./budget/allocationGuard";

/** Same values, shape [C·H·W]. Shares no buffer with the input. */
export function flatten(x: Tensor): Tensor {
  checkShapeMatchesData(x, "x");
  return { shape: [elementCount(x.shape)], data: copyFloats(x.data, "flatten output") };
}

/** Element-wise sum of two or more tensors of the same shape. */
export function add(inputs: readonly Tensor[]): Tensor {
  checkArgument(inputs.length >= 2, () => `inputs: add needs at least 2 tensors, got ${inputs.length}`);
  const shape = inputs[0].shape;
  const output = allocateFloats(inputs[0].data.length);
  for (const [index, input] of inputs.entries()) {
    checkShapeMatchesData(input, `inputs[${index}]`);
    checkArgument(sameShape(input.shape, shape), () => `inputs: add needs equal shapes, got [${shape.join(", ")}] and [${input.shape.join(", ")}] at ${index}`);
    const data = input.data;
    const count = output.length;
    for (let i = 0; i < count; i++) output[i] += data[i];
  }
  return { shape: [...shape], data: output };
}

/** Concatenates [C_i, H, W] tensors along channels. */
export function concat(inputs: readonly Tensor[]): Tensor {
  checkArgument(inputs.length >= 2, () => `inputs: concat needs at least 2 tensors, got ${inputs.length}`);
  const [, height, width] = inputs[0].shape;
  let channels = 0;
  for (const [index, input] of inputs.entries()) {
    checkShapeMatchesData(input, `inputs[${index}]`);
    checkArgument(input.shape.length === 3 && input.shape[1] === height && input.shape[2] === width,
      () => `inputs: concat needs [C, ${height}, ${width}] tensors, got [${input.shape.join(", ")}] at ${index}`);
    channels += input.shape[0];
  }
  const output = allocateFloats(channels * height * width);
  let offset = 0;
  for (const input of inputs) {
    output.set(input.data, offset);
    offset += input.data.length;
  }
  return { shape: [channels, height, width], data: output };
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, index) => size === b[index]);
}
