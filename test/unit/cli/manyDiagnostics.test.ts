// The CLI report on a file with thousands of diagnostics: the text is parsed once (not once per
// diagnostic or related location), and at most MAX_PRINTED_DIAGNOSTICS are printed.
import * as jsonc from "jsonc-parser";
import { describe, expect, it, vi } from "vitest";

vi.mock("jsonc-parser", async (importOriginal) => {
  const original = await importOriginal<typeof jsonc>();
  return { ...original, parseTree: vi.fn(original.parseTree) };
});

const { formatFileReport } = await import("../../../src/cli/checkReport");
const { analyze } = await import("../../../src/engine");
const { MAX_PRINTED_DIAGNOSTICS } = await import("../../../src/engine/limits");

describe("CLI report with many diagnostics", () => {
  it("parses the text once for 3,000 errors with related locations and prints the first 1,000 in file order", () => {
    const layers = Array.from({ length: 3000 }, (_, position) => ({ id: `e${position}`, type: "add", inputs: ["input", "nope"] }));
    const text = JSON.stringify({ version: 1, input: [1, 8, 8], layers }, null, 1);
    const analysis = analyze(text);
    expect(analysis.diagnostics.length).toBeGreaterThanOrEqual(3000);
    const parseTree = vi.mocked(jsonc.parseTree);
    parseTree.mockClear();
    const report = formatFileReport({ file: "f.cnn.json", text, analysis }, { kind: "check", files: ["f.cnn.json"], json: false, format: "csv", order: "CHW" }, true);
    expect(parseTree.mock.calls.length).toBeLessThanOrEqual(1);
    const lines = report.stderr.trimEnd().split("\n").filter((line) => /^f\.cnn\.json:\d+:\d+: /.test(line));
    expect(lines).toHaveLength(MAX_PRINTED_DIAGNOSTICS);
    const lineNumbers = lines.map((line) => Number(/^f\.cnn\.json:(\d+):/.exec(line)?.[1]));
    expect(lineNumbers).toEqual([...lineNumbers].sort((a, b) => a - b));
    // the first error is layer e0's unknown input "nope", on its own line
    expect(lineNumbers[0]).toBe(text.slice(0, text.indexOf('"nope"')).split("\n").length);
    expect(report.stderr).toContain(`f.cnn.json: ${analysis.diagnostics.length - MAX_PRINTED_DIAGNOSTICS} more diagnostics not shown`);
    expect(report.stderr).toContain(`f.cnn.json: ${analysis.diagnostics.filter((d) => d.severity === "error").length} errors`);
  });
});
