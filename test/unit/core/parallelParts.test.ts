/** The pieces of two-worker runs that need no second thread: the arena, chunking, claims. */
import { describe, expect, it } from "vitest";
import { SharedArena } from "../../../src/core/parallel/arena";
import { chunkBounds } from "../../../src/core/parallel/chunks";
import { Cell, claimChunk, CONTROL_BYTES, packClaim, readMessage, readSums, writeMessage, writeSums } from "../../../src/core/parallel/protocol";

describe("SharedArena", () => {
  it("reuses freed blocks, coalesces neighbours and falls back to plain arrays when full", () => {
    const arena = new SharedArena(new SharedArrayBuffer(4 * 64));
    const a = arena.allocate(10);
    const b = arena.allocate(16);
    const c = arena.allocate(20);
    expect([a, b, c].every((array) => arena.holds(array))).toBe(true);
    expect([a.byteOffset, b.byteOffset, c.byteOffset]).toEqual([0, 64, 128]);
    const full = arena.allocate(16);
    expect(arena.holds(full)).toBe(false);
    expect(full.length).toBe(16);
    arena.retain(a);
    arena.retain(b);
    arena.retain(b);
    arena.release(b);
    expect(arena.usedFloats).toBe(64);
    arena.release(b);
    arena.release(a);
    expect(arena.usedFloats).toBe(32);
    // a and b were neighbours: one 32-float block again.
    expect(arena.allocate(32).byteOffset).toBe(0);
  });

  it("drops a fresh output nobody retained, but not one still held", () => {
    const arena = new SharedArena(new SharedArrayBuffer(4 * 32));
    const held = arena.allocate(16);
    arena.retain(held);
    arena.dropIfUnheld(held);
    const fresh = arena.allocate(16);
    arena.dropIfUnheld(fresh);
    expect(arena.usedFloats).toBe(16);
    expect(arena.allocate(16).byteOffset).toBe(fresh.byteOffset);
  });
});

describe("chunkBounds", () => {
  it("covers every unit once, on multiples of the step, largest chunks at both ends", () => {
    for (const [units, step, minimum] of [[64, 4, 4], [512, 4, 84], [5, 1, 1], [1, 4, 4], [13, 4, 4], [200_704, 16, 4096], [3, 1, 1]]) {
      const bounds = chunkBounds(units, step, minimum);
      expect(bounds[0]).toBe(0);
      expect(bounds.at(-1)).toBe(units);
      const sizes = bounds.slice(1).map((bound, index) => bound - bounds[index]);
      expect(sizes.every((size) => size > 0)).toBe(true);
      expect(bounds.slice(0, -1).every((bound) => bound % step === 0)).toBe(true);
      expect(sizes[0]).toBe(Math.max(...sizes.slice(0, -1), sizes[0]));
    }
    expect(chunkBounds(64, 4, 4)).toEqual([0, 16, 24, 28, 32, 36, 40, 48, 64]);
  });
});

describe("claimChunk", () => {
  it("hands out each chunk once, front and back, and nothing of a finished layer", () => {
    const control = new Int32Array(new SharedArrayBuffer(256));
    control[Cell.claim] = packClaim(7, 0, 5);
    expect([
      claimChunk(control, 7, true), claimChunk(control, 7, false), claimChunk(control, 7, true), claimChunk(control, 7, false),
      claimChunk(control, 7, false),
    ]).toEqual([0, 4, 1, 3, 2]);
    expect(claimChunk(control, 7, true)).toBe(-1);
    control[Cell.claim] = packClaim(8, 0, 3);
    expect(claimChunk(control, 7, false)).toBe(-1);
    expect(claimChunk(control, 8, false)).toBe(2);
  });
});

describe("control block", () => {
  it("carries the helper's error text and stats sums", () => {
    const control = new Int32Array(new SharedArrayBuffer(CONTROL_BYTES));
    writeMessage(control, "layer c: out of memory ✗");
    expect(readMessage(control)).toBe("layer c: out of memory ✗");
    writeMessage(control, "x".repeat(1000));
    expect(readMessage(control)).toBe("x".repeat(384));
    const sums = { minimum: -1.5, maximum: 3.25, sum: 0.1 + 0.2, sumOfSquares: 1e300, zeros: 7, negatives: 3, nonFinite: 1 };
    writeSums(control, sums);
    expect(readSums(control)).toEqual(sums);
  });
});
