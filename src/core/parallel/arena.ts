/**
 * Layer outputs of a two-worker run live in one SharedArrayBuffer (the arena) so the helper
 * worker reads and writes them by float offset. First-fit allocation with coalescing free
 * blocks; an array is freed when its reference count (retain/release) falls to 0. When the
 * arena is full, allocate returns a plain Float32Array and the layer runs on one worker.
 */

/** SharedArrayBuffer reached through globalThis (the pure core compiles without its lib types). */
type SharedBufferConstructor = new (bytes: number) => ArrayBufferLike;

export function sharedArrayBufferConstructor(): SharedBufferConstructor | undefined {
  return (globalThis as unknown as { SharedArrayBuffer?: SharedBufferConstructor }).SharedArrayBuffer;
}

/** Floats are allocated in multiples of this (64 bytes: aligned for SIMD, and for the free list). */
const ALIGN_FLOATS = 16;

interface FreeBlock {
  start: number;
  length: number;
}

export class SharedArena {
  readonly floats: Float32Array;
  private free: FreeBlock[];
  private readonly references = new Map<number, { length: number; count: number }>();

  constructor(readonly buffer: ArrayBufferLike) {
    this.floats = new Float32Array(buffer);
    this.free = [{ start: 0, length: this.floats.length - (this.floats.length % ALIGN_FLOATS) }];
  }

  /** True when `array` is a view into this arena. */
  holds(array: Float32Array): boolean {
    return array.buffer === this.buffer;
  }

  /** An array of `length` floats in the arena (old values: callers overwrite it), or a plain zero-filled one when it does not fit. */
  allocate(length: number): Float32Array {
    const size = Math.max(ALIGN_FLOATS, Math.ceil(length / ALIGN_FLOATS) * ALIGN_FLOATS);
    const index = this.free.findIndex((block) => block.length >= size);
    if (index < 0) return new Float32Array(length);
    const block = this.free[index];
    const start = block.start;
    if (block.length === size) this.free.splice(index, 1);
    else this.free[index] = { start: start + size, length: block.length - size };
    this.references.set(start, { length: size, count: 0 });
    return this.floats.subarray(start, start + length);
  }

  /** One more holder of `array` (no-op for arrays outside the arena). */
  retain(array: Float32Array): void {
    const entry = this.holds(array) ? this.references.get(array.byteOffset / 4) : undefined;
    if (entry !== undefined) entry.count++;
  }

  /** One holder fewer; frees the block when none is left (count 0 frees at once). */
  release(array: Float32Array): void {
    const start = array.byteOffset / 4;
    const entry = this.holds(array) ? this.references.get(start) : undefined;
    if (entry === undefined) return;
    entry.count--;
    if (entry.count > 0) return;
    this.references.delete(start);
    this.insertFree({ start, length: entry.length });
  }

  /** Frees `array` unless something retains it (a fresh output nobody kept). */
  dropIfUnheld(array: Float32Array): void {
    const entry = this.holds(array) ? this.references.get(array.byteOffset / 4) : undefined;
    if (entry !== undefined && entry.count <= 0) this.release(array);
  }

  /** Floats in use (tests). */
  get usedFloats(): number {
    let used = 0;
    for (const entry of this.references.values()) used += entry.length;
    return used;
  }

  private insertFree(block: FreeBlock): void {
    const free = this.free;
    let index = free.findIndex((candidate) => candidate.start > block.start);
    if (index < 0) index = free.length;
    free.splice(index, 0, block);
    const next = free[index + 1];
    if (next !== undefined && block.start + block.length === next.start) {
      block.length += next.length;
      free.splice(index + 1, 1);
    }
    const previous = free[index - 1];
    if (previous !== undefined && previous.start + previous.length === block.start) {
      previous.length += block.length;
      free.splice(index, 1);
    }
  }
}
