/**
 * A counter-based pseudo-random generator: value i of a stream is a pure hash of
 * (stream seed, i), so any block of a layer's weights can be generated on its own, in any
 * order, with identical results on every run and platform (32-bit integer maths only).
 */
import { kernelBackend } from "../backend";

/** The "lowbias32" integer finaliser (Chris Wellons' hash-prospector): a strong 32-bit mix. */
export function mix32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** FNV-1a over the UTF-16 code units of a string, then mixed. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return mix32(hash);
}

/** Seed of a named stream (e.g. "weight" or "bias") of one layer, from the spec's seed and the layer id. */
export function streamSeed(specSeed: number, layerId: string, stream: string): number {
  const seedLow = specSeed >>> 0;
  const seedHigh = Math.floor(specSeed / 0x100000000) >>> 0;
  return mix32(mix32(seedLow ^ mix32(seedHigh + 0x9e3779b9)) ^ hashString(`${layerId}\u0000${stream}`));
}

/** Uniform in [0, 1) with 24 random bits: element `index` of stream `seed`. */
export function uniformAt(seed: number, index: number): number {
  const low = index >>> 0;
  const high = Math.floor(index / 0x100000000);
  const hashed = mix32(mix32(seed ^ mix32(low + 0x9e3779b9)) + Math.imul(high, 0x85ebca6b));
  return (hashed >>> 8) / 0x1000000;
}

/**
 * Fills `target` with U(−bound, bound) values for stream indices [first, first + target.length).
 * The kernel backend may compute a leading part (the wasm one does, with identical values).
 */
export function fillUniform(target: Float32Array, seed: number, first: number, bound: number): void {
  const done = kernelBackend().fillUniform?.(target, seed, first, bound) ?? 0;
  fillUniformFrom(target, seed, first, bound, done);
}

/** The plain loop behind fillUniform, from target index `start` on. */
export function fillUniformFrom(target: Float32Array, seed: number, first: number, bound: number, start = 0): void {
  for (let i = start; i < target.length; i++) target[i] = (2 * uniformAt(seed, first + i) - 1) * bound;
}
