/**
 * Weight arrays whose values never change: backends may keep derived forms (packed layouts)
 * of them for as long as their buffer lives. The runner's weight cache declares its arrays.
 */
const constantBuffers = new WeakSet<ArrayBufferLike>();

/** Declares that the weights in `array`'s buffer never change. */
export function declareConstantWeights(array: Float32Array): void {
  constantBuffers.add(array.buffer);
}

export function isConstantWeights(array: Float32Array): boolean {
  return constantBuffers.has(array.buffer);
}
