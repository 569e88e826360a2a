/**
 * Tensors of the core: `{ shape, data }`, row-major float32. Images and feature maps are
 * 3-D `[C, H, W]` (no batch dimension); linear layers see 1-D `[F]`.
 */
export interface Tensor {
  shape: number[];
  data: Float32Array;
}

/** Thrown for invalid arguments to a core function (a programmer error, not user data). */
export function checkArgument(condition: boolean, message: () => string): asserts condition {
  if (!condition) throw new Error(message());
}

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((product, size) => product * size, 1);
}

/** A zero-filled tensor of the given shape. */
export function zerosTensor(shape: readonly number[]): Tensor {
  return { shape: [...shape], data: new Float32Array(elementCount(shape)) };
}

export function tensorFrom(shape: readonly number[], values: ArrayLike<number>): Tensor {
  const data = Float32Array.from(values);
  checkArgument(data.length === elementCount(shape), () => `tensor: ${data.length} values do not fill shape [${shape.join(", ")}]`);
  return { shape: [...shape], data };
}

/** Checks `tensor` is a well-formed [C,H,W] tensor and returns its sizes. */
export function checkTensor3(tensor: Tensor, name: string): { channels: number; height: number; width: number } {
  checkArgument(tensor.shape.length === 3, () => `${name}: expected a 3-D [C, H, W] tensor, got shape [${tensor.shape.join(", ")}]`);
  checkShapeMatchesData(tensor, name);
  const [channels, height, width] = tensor.shape;
  return { channels, height, width };
}

export function checkShapeMatchesData(tensor: Tensor, name: string): void {
  checkArgument(
    tensor.shape.every((size) => Number.isInteger(size) && size >= 1),
    () => `${name}: every dimension must be a positive integer, got shape [${tensor.shape.join(", ")}]`,
  );
  checkArgument(
    tensor.data.length === elementCount(tensor.shape),
    () => `${name}: data has ${tensor.data.length} values but shape [${tensor.shape.join(", ")}] needs ${elementCount(tensor.shape)}`,
  );
}
