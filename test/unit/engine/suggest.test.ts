import { describe, expect, it } from "vitest";
import { closestName, editDistance } from "../../../src/engine/suggest";

/** Full-matrix Levenshtein, capped like editDistance. */
function reference(first: string, second: string, limit: number): number {
  const rows = Array.from(
    { length: first.length + 1 },
    (_, row) => Array.from({ length: second.length + 1 }, (_, column) => (row === 0 ? column : column === 0 ? row : 0)),
  );
  for (let row = 1; row <= first.length; row++) {
    for (let column = 1; column <= second.length; column++) {
      rows[row][column] = Math.min(
        rows[row - 1][column] + 1, rows[row][column - 1] + 1, rows[row - 1][column - 1] + (first[row - 1] === second[column - 1] ? 0 : 1),
      );
    }
  }
  return Math.min(rows[first.length][second.length], limit + 1);
}

describe("editDistance (banded)", () => {
  it("equals the full matrix, capped at limit + 1, on every pair of short strings over a 3-letter alphabet", () => {
    const words = [""];
    for (let length = 1; length <= 5; length++) for (const word of words.filter((entry) => entry.length === length - 1)) for (const letter of "abc") words.push(word + letter);
    for (const first of words.filter((_, index) => index % 7 === 0)) {
      for (const second of words) for (const limit of [1, 2, 3]) expect(editDistance(first, second, limit), `${first} ${second} ${limit}`).toBe(reference(first, second, limit));
    }
  });

  it("keeps suggestions working", () => {
    expect(closestName("conv2", ["input", "conv1", "pool"])).toBe("conv1");
    expect(closestName("Max_Pool2D", ["maxpool2d", "avgpool2d"])).toBe("maxpool2d");
    expect(closestName("x".repeat(65), ["x".repeat(65)])).toBeUndefined();
  });
});
