import { describe, expect, it } from "vitest";
import { analyze } from "../../../src/engine";
import { AnalysisStore, analyzeText, MAX_EDITABLE_DEPTH, nestingLimitOffset, toDocumentState } from "../../../src/extension/documentAnalysis";
import { locateProblems } from "../../../src/extension/problemRanges";

const good = `{ "input": [1, 8, 8], "layers": [{ "id": "a", "type": "relu" }] }`;
const prefix = `{ "version": 1, "input": [1, 8, 8],\n  "layers": `;

function nested(depth: number): string {
  return `${prefix}${"[".repeat(depth)}${"]".repeat(depth)} }`;
}

describe("documents nested too deeply for the tree parser", () => {
  it("100,000 levels: no stack overflow, a banner error at the bracket that passes the limit, no layers", () => {
    const text = nested(100_000);
    const result = analyzeText(text, 1, null);
    // The layers array is level 2 (the top-level object is level 1): level limit + 1 is bracket limit − 1 of the run.
    expect(result.parseError).toEqual({ line: 2, column: 13 + MAX_EDITABLE_DEPTH - 1, message: `the text is nested more than ${MAX_EDITABLE_DEPTH} levels deep here, too deep to read` });
    expect(result.lastGood).toBeNull();
    expect(result.layers.layers).toEqual([]);
    expect(result.parsed.root).toBeUndefined();
  });

  it("Problems still get the engine's error for it, with a range", () => {
    const text = nested(100_000);
    const { analysis } = analyzeText(text, 1, null);
    const problems = locateProblems(text, analysis.diagnostics);
    expect(problems.map((problem) => problem.diagnostic.code)).toEqual(["layer-not-object"]);
    expect(problems[0].diagnostic.message).toMatch(/must be an object .*got an array\.$/);
  });

  it("keeps the last good analysis when a good document becomes too deep", () => {
    const store = new AnalysisStore();
    const first = store.get("k", { version: 1, getText: () => good });
    const second = store.get("k", { version: 2, getText: () => nested(50_000) });
    expect(second.lastGood).toBe(first.analysis);
    expect(second.lastGoodSpec).toEqual(JSON.parse(good));
    expect(second.parseError?.message).toMatch(/nested more than/);
  });

  it("reads nesting up to the limit as usual", () => {
    const result = analyzeText(nested(MAX_EDITABLE_DEPTH - 1), 1, null);
    expect(result.parseError).toBeNull();
    expect(result.parsed.root?.type).toBe("object");
    expect(analyze(nested(MAX_EDITABLE_DEPTH - 1)).parseFailed).toBe(false);
  });
});

describe("nestingLimitOffset", () => {
  it("is -1 for ordinary specs", () => {
    expect(nestingLimitOffset(good)).toBe(-1);
    expect(nestingLimitOffset("")).toBe(-1);
  });

  it("counts brackets of both kinds and returns the offset of the first one too many", () => {
    const text = "{[".repeat(MAX_EDITABLE_DEPTH);
    expect(nestingLimitOffset(text)).toBe(MAX_EDITABLE_DEPTH);
  });

  it("ignores brackets inside strings (with escaped quotes) and comments", () => {
    const inside = "[".repeat(MAX_EDITABLE_DEPTH + 5);
    const text = `{ "a": "${inside}\\" ${inside}", // ${inside}\n /* ${inside} */ "b": [] }`;
    expect(nestingLimitOffset(text)).toBe(-1);
  });

  it("closing brackets lower the depth", () => {
    const text = "[]".repeat(MAX_EDITABLE_DEPTH * 3);
    expect(nestingLimitOffset(text)).toBe(-1);
  });
});

describe("the state posted to the designer", () => {
  it("carries only the spec keys the designer reads, so a 10 MB unknown key stays on the host", () => {
    const weights = JSON.stringify(new Array(200_000).fill(0.5));
    const text = `{ "version": 1, "name": "n", "input": [1, 8, 8], "weights": ${weights}, "layers": [{ "id": "a", "type": "relu", "note": "kept" }] }`;
    const state = toDocumentState(analyzeText(text, 3, null));
    expect(state.spec).toEqual({ version: 1, name: "n", input: [1, 8, 8], layers: [{ id: "a", type: "relu", note: "kept" }] });
    expect(JSON.stringify(state).length).toBeLessThan(20_000);
    expect(state.analysis?.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(["unknown-key", "unknown-key"]);
  });

  it("has no spec when the text was never valid, which the banner words as 'what could be read'", () => {
    const state = toDocumentState(analyzeText(`{ "input": [1, 8, 8], "layers": [ `, 1, null));
    expect(state.parseError).not.toBeNull();
    expect(state.spec).toBeNull();
  });
});
