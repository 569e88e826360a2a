import { describe, expect, it } from "vitest";
import { applyTextEdits, EditSession, type TextEdit } from "../../../src/engine/edit";

/** Deterministic pseudo-random numbers (mulberry32). */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomEdits(text: string, random: () => number): TextEdit[] {
  const edits: TextEdit[] = [];
  let cursor = 0;
  while (cursor <= text.length && edits.length < 3) {
    const offset = cursor + Math.floor(random() * 6);
    if (offset > text.length) break;
    const length = Math.min(Math.floor(random() * 4), text.length - offset);
    const content = "xyz".slice(0, Math.floor(random() * 4));
    edits.push({ offset, length, content });
    cursor = offset + length + 1;
  }
  return edits;
}

describe("EditSession", () => {
  it("rebases steps onto the original: applying its edits equals applying the steps in turn (200 seeded cases)", () => {
    const random = seeded(42);
    for (let run = 0; run < 200; run++) {
      const original = "abcdefghijklmnopqrstuvwxyz".slice(0, 5 + Math.floor(random() * 20));
      const session = new EditSession(original);
      let sequential = original;
      const steps = 1 + Math.floor(random() * 4);
      for (let step = 0; step < steps; step++) {
        const edits = randomEdits(sequential, random);
        sequential = applyTextEdits(sequential, edits);
        session.apply(edits);
      }
      expect(session.text).toBe(sequential);
      expect(applyTextEdits(original, session.edits())).toBe(sequential);
    }
  });

  it("drops edits that change nothing and trims unchanged ends", () => {
    const session = new EditSession(`["a", "b"]`);
    session.apply([{ offset: 0, length: 10, content: `["a", "c"]` }]);
    expect(session.edits()).toEqual([{ offset: 7, length: 1, content: "c" }]);
    const unchanged = new EditSession("abc");
    unchanged.apply([{ offset: 1, length: 1, content: "b" }]);
    expect(unchanged.edits()).toEqual([]);
  });

  it("throws on overlapping edits in one step (a programmer error)", () => {
    expect(() => applyTextEdits("abcdef", [{ offset: 0, length: 3, content: "" }, { offset: 2, length: 1, content: "" }])).toThrow(/Overlapping/);
  });
});
