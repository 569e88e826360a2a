// Hostile text (a name or file name holding Python, line breaks, control characters, HTML or
// formulas) through each exporter: it stays data. Python itself runs such exports in
// test/pytorch/hostileExport.test.ts.
import { describe, expect, it } from "vitest";
import { analyze } from "../../../src/engine";
import { ERRORS_KEY, exportSpecJson } from "../../../src/engine/export/jsonExport";
import { exportPytorch } from "../../../src/engine/export/pytorch";
import { summarize, toCsv, toMarkdown, toTextTable } from "../../../src/engine/summary";

const payload = 'Evil"""\nimport os; os.system("touch /tmp/pwned")\n"""\r\u0000\u2028\u202e\u001b]52;c;aGk=\u0007 <b>x</b> | =1+1';

const hostile = {
  version: 1, name: payload, input: [1, 8, 8],
  layers: [
    { id: "c1", type: "conv2d", filters: 2, kernel: 3, activation: "relu" },
    { id: "flat", type: "flatten" },
    { id: "out", type: "linear", units: 3 },
  ],
};

function pytorchText(spec: object, sourceName?: string): string {
  const result = exportPytorch(spec, { sourceName });
  if (!result.ok) throw new Error(result.message);
  return result.text;
}

describe("PyTorch export of a hostile name and file name", () => {
  const text = pytorchText(hostile, 'C:\\Users\\new\\x"""\n.cnn.json');
  const lines = text.split("\n");

  it("puts the user's text only on comment lines", () => {
    const withPayload = lines.filter((line) => line.includes("import os") || line.includes("Users"));
    expect(withPayload).toEqual([
      '# Design: Evil"""\\x0aimport os; os.system("touch /tmp/pwned")\\x0a"""\\x0d\\x00\\u2028\\u202e\\x1b]52;c;aGk=\\x07 <b>x</b> | =1+1',
      '# Source: C:\\Users\\new\\x"""\\x0a.cnn.json',
    ]);
  });

  it("has no character Python or an editor would read as a line end, and no NUL or ESC", () => {
    // eslint-disable-next-line no-control-regex -- control characters are what is tested
    expect(/[\r\u0000\u000b\u000c\u001b\u0085\u2028\u2029\u202e]/.test(text)).toBe(false);
  });

  it("keeps the first two lines free of user text (Python reads an encoding declaration there)", () => {
    const coding = pytorchText({ ...hostile, name: "x -*- coding: utf-7 -*-" });
    expect(coding.split("\n").findIndex((line) => line.includes("coding"))).toBeGreaterThan(1);
  });

  it("closes the fixed docstring before any user text", () => {
    const docstringEnd = lines.indexOf('"""');
    expect(docstringEnd).toBeGreaterThan(0);
    expect(lines.slice(0, docstringEnd + 1).join("\n")).not.toContain("Evil");
  });

  it("derives the class name from letters and digits only", () => {
    expect(text).toMatch(/^class EvilImportOsOsSystemTouchTmpPwned[A-Za-z0-9]*\(nn\.Module\):$/m);
  });
});

describe("shape tables of a hostile name and ids", () => {
  const analysis = analyze({ ...hostile, layers: [{ id: "=HYPERLINK(\"http://x\")", type: "relu" }, { id: "c\n| fake | row |", type: "relu" }] });
  const summary = summarize(analysis);

  it("Markdown: the title stays one line of text and every row keeps its columns", () => {
    const markdown = toMarkdown(summary).split("\n");
    expect(markdown[0].startsWith("**Evil")).toBe(true);
    // eslint-disable-next-line no-control-regex -- control characters are what is tested
    expect(markdown[0]).not.toMatch(/<b>|\u001b|\r/);
    expect(markdown[0]).toContain("&lt;b&gt;x&lt;/b&gt; \\| =1+1");
    const rows = markdown.filter((line) => line.startsWith("| "));
    const columns = (row: string) => row.replace(/\\./g, "__").split("|").length;
    expect(rows).toHaveLength(4); // header, rule, two layers
    expect(new Set(rows.map(columns)).size).toBe(1);
  });

  it("CSV: a text cell starting with = is neutralised, numbers stay numbers", () => {
    const records = toCsv(summary).split("\r\n");
    expect(records[1].startsWith(`"'=HYPERLINK(`)).toBe(true);
    expect(records[1]).toMatch(/,0,0,/);
  });

  it("text table: the title and every cell stay on one line", () => {
    const table = toTextTable(summary).split("\n");
    expect(table[0]).toMatch(/^Evil"""\\x0aimport os.*\\x1b\]52;c;aGk=\\x07 <b>x<\/b> \| =1\+1: input 1×8×8/);
    expect(table.filter((line) => line.startsWith("c\\x0a| fake | row |"))).toHaveLength(1);
  });
});

describe("JSON export with keepErrors", () => {
  const broken = {
    version: 1, name: "n", input: [1, 8, 8], note: "kept",
    layers: [
      { id: "c1", type: "conv2d", filters: 2, kernel: 3 },
      { id: "big", type: "conv2d", filters: 2, kernel: 30, stride: 1 },
      { id: "after", type: "relu" },
    ],
  };

  it("refuses a spec with errors without it", () => {
    expect(exportSpecJson(broken).ok).toBe(false);
  });

  it("writes erroneous layers as written, the rest normalised, and lists the errors", () => {
    const result = exportSpecJson(broken, { keepErrors: true });
    expect(result.ok).toBe(true);
    const written = JSON.parse(result.ok ? result.text : "{}");
    expect(written.layers[0]).toMatchObject({ id: "c1", type: "conv2d", stride: 1, padding: 0, bias: true });
    expect(written.layers[1]).toEqual(broken.layers[1]);
    expect(written.note).toBe("kept");
    expect(written[ERRORS_KEY]).toEqual([expect.objectContaining({ layer: "big", code: "kernel-exceeds-input", path: ["layers", 1, "kernel"] })]);
  });

  it("re-analysed, gives the same errors (plus the unknown key that marks them)", () => {
    const result = exportSpecJson(broken, { keepErrors: true });
    const errors = (text: string | object) => analyze(text).diagnostics.filter((diagnostic) => diagnostic.severity === "error").map((diagnostic) => diagnostic.code);
    expect(errors(result.ok ? result.text : "")).toEqual(errors(broken));
  });

  it("keeps a bad top-level field as written", () => {
    const result = exportSpecJson({ ...broken, input: [1, -8, 8] }, { keepErrors: true });
    expect(result.ok && JSON.parse(result.text).input).toEqual([1, -8, 8]);
  });

  it("still refuses text that is not JSON", () => {
    expect(exportSpecJson('{ "version": 1, ', { keepErrors: true }).ok).toBe(false);
  });

  it("escapes control and bidirectional characters in its strings", () => {
    const result = exportSpecJson({ ...hostile }, { keepErrors: true });
    expect(result.ok).toBe(true);
    const text = result.ok ? result.text : "";
    // eslint-disable-next-line no-control-regex -- control characters are what is tested
    expect(/[\u0000-\u0009\u000b-\u001f\u0085\u2028\u202e]/.test(text)).toBe(false);
    expect(JSON.parse(text).name).toBe(payload);
  });
});
