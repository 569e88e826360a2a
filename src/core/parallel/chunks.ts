/**
 * How a shared layer is cut into chunks. The primary claims chunks from the front, the helper
 * from the back, so the chunks are largest at both ends and shrink towards the middle
 * (halving): each worker starts with big chunks (few calls, good cache reuse) and ends with
 * small ones, so the one that finishes first waits at most for a small chunk.
 */

/**
 * Chunk boundaries of `units` units: [0, …, units], every boundary a multiple of `step`; chunks of at least `minChunkUnits` where possible.
 */
export function chunkBounds(units: number, step: number, minChunkUnits: number): number[] {
  const steps = Math.ceil(units / step);
  const minSteps = Math.max(1, Math.ceil(minChunkUnits / step));
  const front = halvingSizes(Math.floor(steps / 2), minSteps);
  const back = halvingSizes(steps - Math.floor(steps / 2), minSteps).reverse();
  const bounds = [0];
  let at = 0;
  for (const size of [...front, ...back]) {
    at += size;
    bounds.push(Math.min(units, at * step));
  }
  return bounds;
}

/** Sizes summing to `total`: half of what is left each time, at least `minimum` (the last may be smaller). */
function halvingSizes(total: number, minimum: number): number[] {
  const sizes: number[] = [];
  for (let left = total; left > 0;) {
    const size = Math.min(left, Math.max(minimum, Math.ceil(left / 2)));
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

const cache = new Map<string, number[]>();

/** chunkBounds, remembered (both workers ask for the same few layer shapes on every run). */
export function cachedChunkBounds(units: number, step: number, minChunkUnits: number): number[] {
  const key = `${units}:${step}:${minChunkUnits}`;
  let bounds = cache.get(key);
  if (bounds === undefined) {
    if (cache.size > 4096) cache.clear();
    bounds = chunkBounds(units, step, minChunkUnits);
    cache.set(key, bounds);
  }
  return bounds;
}
