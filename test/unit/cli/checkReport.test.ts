// The CLI's printing on handmade analyses (no dependence on analyze).
import { describe, expect, it } from "vitest";
import type { CheckCommand } from "../../../src/cli/args";
import {
  countLine, exitCode, formatDiagnostic, formatFileReport, positionAt, positionOf, sortedDiagnostics, toJsonReport, type FileResult,
} from "../../../src/cli/checkReport";
import type { Analysis, Diagnostic } from "../../../src/engine/types";

const text = '{\n  "version": 1,\r\n  "input": [1, 8, 8],\n  "layers": [\n    { "id": "c", "type": "conv2d", "kernel": 9 }\n  ]\n}\n';
const kernelOffset = text.indexOf("9 }");

const kernelError: Diagnostic = {
  severity: "error", code: "kernel-exceeds-input", message: "kernel 9 > input 8", layerId: "c",
  path: ["layers", 0, "kernel"], offset: kernelOffset, length: 1,
  related: [{ path: ["input"], message: "the input is 8×8" }],
};
const unknownKey: Diagnostic = { severity: "warning", code: "unknown-key", message: "unknown key", path: ["version"] };

function analysisWith(diagnostics: Diagnostic[], parseFailed = false): Analysis {
  return {
    nodes: [{
      id: "c", type: "conv2d", inputs: ["input"], inputShapes: [[1, 8, 8]], outputShape: null, params: 0, macs: 0,
      index: 0, explicitId: true, layer: null, outputElements: null, outputBytes: null,
    }],
    diagnostics, totals: { params: 0, macs: 0 }, input: [1, 8, 8], seed: 0, parseFailed,
  };
}

const command = (overrides: Partial<CheckCommand> = {}): CheckCommand => ({
  kind: "check", files: ["net.cnn.json"], json: false, format: "table", order: "CHW", ...overrides,
});

describe("positions", () => {
  it("counts lines and columns from 1, with CRLF as one line end", () => {
    expect(positionAt(text, 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt(text, text.indexOf('"version"'))).toEqual({ line: 2, column: 3 });
    expect(positionAt(text, text.indexOf('"input"'))).toEqual({ line: 3, column: 3 });
    expect(positionAt(text, kernelOffset)).toEqual({ line: 5, column: 46 });
    expect(positionAt(text, text.length + 10)).toEqual({ line: 8, column: 1 });
  });

  it("falls back from an offset to the JSON path, then to its nearest existing ancestor", () => {
    expect(positionOf(text, ["input", 1])).toEqual({ line: 3, column: 16 });
    expect(positionOf(text, ["layers", 0, "padding"])).toEqual({ line: 5, column: 5 });
    expect(positionOf("not json at all", ["layers"])).toEqual({ line: 1, column: 1 });
  });
});

describe("diagnostic lines", () => {
  it("prints file:line:col: severity code message, and related locations indented", () => {
    expect(formatDiagnostic("net.cnn.json", text, kernelError)).toBe(
      "net.cnn.json:5:46: error kernel-exceeds-input kernel 9 > input 8\n    net.cnn.json:3:12: the input is 8×8",
    );
    expect(formatDiagnostic("net.cnn.json", text, unknownKey)).toBe("net.cnn.json:2:14: warning unknown-key unknown key");
  });

  it("orders diagnostics by position", () => {
    expect(sortedDiagnostics(text, [kernelError, unknownKey])).toEqual([unknownKey, kernelError]);
  });

  it("counts by severity in words", () => {
    expect(countLine("a", [kernelError, unknownKey, unknownKey])).toBe("a: 1 error, 2 warnings, 0 notes");
  });
});

describe("file reports", () => {
  const result = { file: "net.cnn.json", text, analysis: analysisWith([kernelError, unknownKey]) };

  it("prints the table, then the diagnostics and the counts", () => {
    const { stdout, stderr } = formatFileReport(result, command(), true);
    const lines = stdout.split("\n");
    expect(lines[0]).toBe("input 1×8×8 (C×H×W)");
    expect(lines[4]).toMatch(/^c {6}conv2d {5}\?/);
    expect(lines.slice(-7)).toEqual([
      "=".repeat(lines[1].length),
      "",
      "net.cnn.json:2:14: warning unknown-key unknown key",
      "net.cnn.json:5:46: error kernel-exceeds-input kernel 9 > input 8",
      "    net.cnn.json:3:12: the input is 8×8",
      "net.cnn.json: 1 error, 1 warning, 0 notes",
      "",
    ]);
    expect(stderr).toBe("");
  });

  it("keeps stdout pure CSV and sends the diagnostics to stderr", () => {
    const { stdout, stderr } = formatFileReport(result, command({ format: "csv" }), true);
    expect(stdout.split("\r\n")[0]).toMatch(/^id,type,/);
    expect(stdout).not.toContain("kernel-exceeds-input");
    expect(stderr).toContain("net.cnn.json:5:46: error kernel-exceeds-input");
  });

  it("writes the header once and a file column when CSV covers several files", () => {
    const several = command({ format: "csv", files: ["net.cnn.json", "b"] });
    expect(formatFileReport(result, several, true).stdout).toMatch(/^file,id,type,[^\r]*\r\nnet\.cnn\.json,c,conv2d,/);
    expect(formatFileReport(result, several, false).stdout).toMatch(/^net\.cnn\.json,c,conv2d,/);
  });

  it("prints no table for a file that did not parse", () => {
    const broken = { file: "x", text: "{", analysis: { ...analysisWith([{ severity: "error", code: "invalid-json", message: "bad", path: [], offset: 1, length: 0 }], true), nodes: [] } };
    expect(formatFileReport(broken, command(), true).stdout).toBe("x:1:2: error invalid-json bad\nx: 1 error, 0 warnings, 0 notes\n");
  });
});

describe("json report and exit code", () => {
  const good: FileResult = { file: "good", text, analysis: analysisWith([unknownKey]) };
  const bad: FileResult = { file: "bad", text, analysis: analysisWith([kernelError]) };
  const missing: FileResult = { file: "gone", readError: "cannot read gone: no such file" };

  it("exits 0 without errors, 1 with an error, 2 when a file is unreadable", () => {
    expect(exitCode([good])).toBe(0);
    expect(exitCode([good, bad])).toBe(1);
    expect(exitCode([bad, missing])).toBe(2);
  });

  it("puts positions, counts and the summary in the JSON document", () => {
    const document = JSON.parse(toJsonReport([bad, missing], command({ json: true, order: "HWC" })));
    expect(document.files[0]).toMatchObject({
      file: "bad", parseFailed: false, counts: { error: 1, warning: 0, info: 0 },
      diagnostics: [{ code: "kernel-exceeds-input", line: 5, column: 46, path: ["layers", 0, "kernel"] }],
      summary: { input: "8×8×1", order: "HWC" },
    });
    expect(document.files[1]).toEqual({ file: "gone", readError: "cannot read gone: no such file" });
  });
});
