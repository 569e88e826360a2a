import { describe, expect, it } from "vitest";
import { checkedFixesOf } from "../../../src/extension/checkedFixes";
import { analyzeText } from "../../../src/extension/documentAnalysis";

const text = JSON.stringify({ input: [1, 8, 8], layers: [{ id: "c", type: "conv2d", filters: 2, kernel: 10 }] }, null, 2);

describe("checkedFixesOf: one check per diagnostic of a document version", () => {
  it("answers repeated requests from the first check, and checks a new version again", () => {
    const first = analyzeText(text, 1, null);
    const [problem] = first.analysis.diagnostics;
    const checked = checkedFixesOf(first, problem);
    expect(checked.map((entry) => entry.fix.title)).toEqual(["Set padding to 1", "Set kernel to 8", "Set padding to \"same\" (keeps 8×8)"]);
    expect(checkedFixesOf(first, problem)).toBe(checked);
    const second = analyzeText(text, 2, first.lastGood);
    const again = checkedFixesOf(second, second.analysis.diagnostics[0]);
    expect(again).not.toBe(checked);
    expect(again).toEqual(checked);
  });
});
