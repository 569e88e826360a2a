import { getNodeValue } from "jsonc-parser";
import { describe, expect, it } from "vitest";
import { analyzeText } from "../../../src/extension/documentAnalysis";
import { locate } from "../../../src/engine";
import { jsonTreeOf } from "../../../src/engine/jsonTree";
import { parseSpecText } from "../../../src/engine/parse";
import { parseText } from "../../../src/engine/edit/paths";

/** LeNet-sized, with an unknown top-level key (a diagnostic whose range needs the tree), like the 10 MB hostile file. */
function specText(marker: number): string {
  const layers = [{ id: "c1", type: "conv2d", filters: 6, kernel: 5 }, { id: "flat", type: "flatten" }, { id: "fc", type: "linear", units: 10 }];
  const weights = Array.from({ length: 1000 }, (_, index) => index + marker);
  return JSON.stringify({ version: 1, input: [1, 32, 32], layers, weights }, null, 2);
}

describe("one jsonc tree per text (jsonTree.ts)", () => {
  it("the analysis's position tree, locate's and the editor's parsed text are one tree: the text is parsed once", () => {
    const text = specText(1);
    const result = analyzeText(text, 1, null, null, { quietReadNotes: true });
    expect(result.analysis.diagnostics.some((diagnostic) => diagnostic.path[0] === "weights")).toBe(true);
    const shared = jsonTreeOf(text).root;
    expect(shared?.type).toBe("object");
    expect(result.parsed.root).toBe(shared);
    expect(parseSpecText(text).tree?.()).toBe(shared);
    expect(parseText(text).root).toBe(shared);
    const range = locate(text, ["weights"]);
    expect(text.slice(range.offset, range.offset + range.length)).toMatch(/^"weights"|^\[/);
  });

  it("a changed text gets its own tree (the cache holds the text being worked on, nothing stale)", () => {
    const first = analyzeText(specText(2), 1, null, null);
    const second = analyzeText(specText(3), 2, null, null);
    expect(second.parsed.root).not.toBe(first.parsed.root);
    expect(getNodeValue(second.parsed.root!).weights[0]).toBe(3);
    expect(getNodeValue(parseText(specText(2)).root!).weights[0]).toBe(2);
  });

  it("keeps the parse errors of a broken text for the editor, each caller with its own copy", () => {
    const broken = `{ "version": 1, "input": [1, 8, 8], "layers": [ { "id": "a", "type": "relu" } `;
    const parsed = parseText(broken);
    expect(parsed.errors.length).toBeGreaterThan(0);
    parsed.errors.length = 0;
    expect(parseText(broken).errors.length).toBeGreaterThan(0);
  });
});
