/**
 * The preview's hard memory limit (issue #16, option (a)): every float array the core allocates
 * while running a network goes through `allocateFloats`, and WebAssembly memory grows through
 * `claimBytes`. While a guard is installed (runNetwork installs one for a run with a memory
 * limit), each allocation is claimed first: one that would take the counted bytes past the
 * limit throws MemoryBudgetExceeded before anything is allocated. Worker `resourceLimits` and
 * `--max-old-space-size` do not cap typed arrays or WebAssembly memory, so this is the limit
 * that keeps a hostile spec from taking the extension host (the worker is a thread in it) down.
 *
 * What is counted (the estimator, ./estimate.ts, models the same): the layer outputs alive
 * (free-after-last-consumer), everything allocated during the current layer (scratch, weight
 * blocks until released, the output), and the WebAssembly memory grown during the run.
 * Pure: no Node or DOM; one guard per thread (the runner is synchronous).
 */

export class MemoryBudgetExceeded extends Error {
  constructor(
    /** The allocation that was refused. */
    readonly requestedBytes: number,
    /** Bytes counted when it was asked for. */
    readonly countedBytes: number,
    readonly limitBytes: number,
    /** What was being allocated ("conv1 output", "WebAssembly memory", …). */
    readonly what: string,
  ) {
    super(`${what} needs ${formatBytes(requestedBytes)} more with ${formatBytes(countedBytes)} in use; the preview memory limit is ${formatBytes(limitBytes)}`);
    this.name = "MemoryBudgetExceeded";
  }
}

export class AllocationGuard {
  private counted = 0;
  /** Bytes that stay for the whole run (WebAssembly memory growth). */
  private persistent = 0;
  private peak = 0;
  private total = 0;
  private largest = 0;

  constructor(readonly limitBytes: number) {}

  /** Counts `bytes` more, or throws (counting nothing) when that would pass the limit. */
  claim(bytes: number, what: string): void {
    if (!(bytes >= 0) || this.counted + bytes > this.limitBytes) throw new MemoryBudgetExceeded(bytes, this.counted, this.limitBytes, what);
    this.counted += bytes;
    this.total += bytes;
    this.largest = Math.max(this.largest, bytes);
    this.peak = Math.max(this.peak, this.counted);
  }

  /** A claim that stays counted for the rest of the run. */
  claimPersistent(bytes: number, what: string): void {
    this.claim(bytes, what);
    this.persistent += bytes;
  }

  /** An array allocated through the guard is garbage from now on. */
  release(bytes: number): void {
    this.counted = Math.max(this.persistent, this.counted - bytes);
  }

  /** Between layers: exactly `liveBytes` of layer outputs remain (plus the persistent bytes). */
  settle(liveBytes: number): void {
    this.counted = this.persistent + liveBytes;
    this.peak = Math.max(this.peak, this.counted);
  }

  /** Most bytes counted at once. */
  get peakBytes(): number {
    return this.peak;
  }

  /** Every byte claimed, released or not. */
  get claimedBytes(): number {
    return this.total;
  }

  /** The largest single claim (a refused one is not counted). */
  get largestClaimBytes(): number {
    return this.largest;
  }
}

let activeGuard: AllocationGuard | null = null;

/** Runs `body` with `guard` checking every core allocation (guards nest; the innermost counts). */
export function withAllocationGuard<T>(guard: AllocationGuard, body: () => T): T {
  const previous = activeGuard;
  activeGuard = guard;
  try {
    return body();
  } finally {
    activeGuard = previous;
  }
}

/** The guard of the run in progress, if any. */
export function currentAllocationGuard(): AllocationGuard | null {
  return activeGuard;
}

/** A zero-filled Float32Array of `count` floats, claimed from the active guard first. */
export function allocateFloats(count: number, what = "an array"): Float32Array {
  activeGuard?.claim(4 * count, what);
  return new Float32Array(count);
}

/** `allocateFloats` for a copy of `source`. */
export function copyFloats(source: Float32Array, what = "a copy"): Float32Array {
  const copy = allocateFloats(source.length, what);
  copy.set(source);
  return copy;
}

/** Tells the active guard that `array` (from allocateFloats) is no longer used. */
export function releaseFloats(array: Float32Array): void {
  activeGuard?.release(array.byteLength);
}

/** Claims bytes allocated outside typed-array constructors (WebAssembly memory growth), for the whole run. */
export function claimBytes(bytes: number, what: string): void {
  activeGuard?.claimPersistent(bytes, what);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
  if (bytes >= 1024 ** 2) return `${Math.round(bytes / 1024 ** 2)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
