/**
 * Generated preview weights kept between runs of the same spec, least recently used first
 * out, within a budget of floats. A layer's weights depend only on its seed, id, weights
 * spec and shape, all part of the key, so a cached array is exactly what generation would
 * return. Cached arrays are shared and declared constant (backends may keep packed copies):
 * callers must not modify them, nor transfer their buffers.
 */
import type { ResolvedConv } from "../../engine/types";
import { declareConstantWeights } from "../kernels/constantWeights";
import { convWeightBlock, type WeightContext } from "../weights/previewWeights";

/** Layers up to 4 M weights (16 MB) are cached whole; larger ones are generated per block. */
export const MAX_CACHED_LAYER_FLOATS = 4 * 1024 * 1024;
/** 24 M floats = 96 MB (ResNet-18's convolutions need 11.2 M). */
export const DEFAULT_WEIGHT_CACHE_FLOATS = 24 * 1024 * 1024;

export class WeightCache {
  private readonly entries = new Map<string, Float32Array>();
  private floats = 0;

  constructor(readonly budgetFloats: number) {}

  /** The cached array under `key`, or `make()`'s result, cached when it fits the budget. */
  get(key: string, make: () => Float32Array): Float32Array {
    const cached = this.entries.get(key);
    if (cached !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const made = make();
    if (made.length > this.budgetFloats) return made;
    declareConstantWeights(made);
    for (const [oldestKey, oldest] of this.entries) {
      if (this.floats + made.length <= this.budgetFloats) break;
      this.entries.delete(oldestKey);
      this.floats -= oldest.length;
    }
    this.entries.set(key, made);
    this.floats += made.length;
    return made;
  }

  get cachedFloats(): number {
    return this.floats;
  }

  clear(): void {
    this.entries.clear();
    this.floats = 0;
  }
}

const sharedCache = new WeightCache(DEFAULT_WEIGHT_CACHE_FLOATS);

/** The process-wide cache the runner uses. */
export function weightCache(): WeightCache {
  return sharedCache;
}

/** Everything a conv2d layer's weight values depend on. */
function convWeightKey(layer: ResolvedConv, context: WeightContext): string {
  const shape = [layer.filters, layer.inChannels, layer.groups, ...layer.kernel].join("×");
  return `conv2d\u0000${context.specSeed}\u0000${context.layerId}\u0000${shape}\u0000${JSON.stringify(layer.weights)}`;
}

/** All weights of a conv2d layer ([O, C/groups, kh, kw]), from the cache when possible. */
export function cachedConvWeights(layer: ResolvedConv, context: WeightContext, cache: WeightCache = sharedCache): Float32Array {
  return cache.get(convWeightKey(layer, context), () => convWeightBlock(layer, context, 0, layer.filters));
}

/** Whether a conv2d layer's weights are small enough to cache whole (else they are made per block). */
export function convWeightsCacheable(layer: ResolvedConv, cache: WeightCache = sharedCache): boolean {
  const floats = layer.filters * (layer.inChannels / layer.groups) * layer.kernel[0] * layer.kernel[1];
  return floats <= Math.min(MAX_CACHED_LAYER_FLOATS, cache.budgetFloats);
}
