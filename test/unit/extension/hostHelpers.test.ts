import { describe, expect, it } from "vitest";
import type { Diagnostic, NodeInfo } from "../../../src/engine/types";
import { AnalysisStore, analyzeText } from "../../../src/extension/documentAnalysis";
import { hoverMarkdown, lensTitle } from "../../../src/extension/layerText";
import { analyze } from "../../../src/engine";
import { locateProblems, narrowToFirstLine } from "../../../src/extension/problemRanges";
import { renderWebviewHtml } from "../../../src/extension/webviewHtml";

const good = `{ "input": [1, 8, 8], "layers": [{ "id": "a", "type": "relu" }] }`;
const broken = `{ "input": [1, 8, 8], "layers": [{ "id": "a", "type": "relu" }`;

describe("analyzeText and AnalysisStore", () => {
  it("reports no parse error for valid text and keeps its own analysis as the last good one", () => {
    const result = analyzeText(good, 1, null);
    expect(result.parseError).toBeNull();
    expect(result.lastGood).toBe(result.analysis);
    expect(result.layers.layers.map((layer) => layer.id)).toEqual(["a"]);
  });

  it("keeps the previous good analysis while the text is broken, with line and column of the error", () => {
    const store = new AnalysisStore();
    const first = store.get("k", { version: 1, getText: () => good });
    const second = store.get("k", { version: 2, getText: () => `{\n  "layers": [\n    { "id": "a" \n  ]\n}` });
    expect(second.lastGood).toBe(first.analysis);
    expect(second.parseError).toEqual({ line: 4, column: 3, message: "comma expected" });
  });

  it("caches by version and text, and recomputes when either changes", () => {
    const store = new AnalysisStore();
    const first = store.get("k", { version: 1, getText: () => good });
    expect(store.get("k", { version: 1, getText: () => good })).toBe(first);
    expect(store.get("k", { version: 1, getText: () => broken })).not.toBe(first);
  });
});

describe("locateProblems", () => {
  const text = `{\n  "layers": [\n    {\n      "id": "a",\n      "type": "conv2d"\n    }\n  ]\n}`;
  const diagnostic = (extra: Partial<Diagnostic>): Diagnostic => ({ severity: "error", code: "c", message: "m", path: ["layers", 0, "kernel"], ...extra });

  it("uses the engine's offset and length when it gives them", () => {
    expect(locateProblems(text, [diagnostic({ offset: 5, length: 3 })])[0].range).toEqual({ offset: 5, length: 3 });
  });

  it("locates a missing key at its layer, cut to the layer's first line", () => {
    const [problem] = locateProblems(text, [diagnostic({})]);
    expect(problem.range).toEqual({ offset: text.indexOf("{\n      \"id\""), length: 1 });
  });

  it("turns related paths into ranges with their messages", () => {
    const [problem] = locateProblems(text, [diagnostic({ related: [{ path: ["layers", 0, "type"], message: "here" }] })]);
    expect(problem.related).toEqual([{ range: { offset: text.indexOf(`"conv2d"`), length: 8 }, message: "here" }]);
  });

  it("narrowToFirstLine leaves one-line ranges alone and handles CRLF", () => {
    expect(narrowToFirstLine("abc", { offset: 0, length: 3 })).toEqual({ offset: 0, length: 3 });
    expect(narrowToFirstLine("ab\r\ncd", { offset: 0, length: 6 })).toEqual({ offset: 0, length: 2 });
  });
});

describe("lensTitle", () => {
  const node = { id: "c1", type: "conv2d", inputs: ["input"], inputShapes: [[1, 32, 32]], outputShape: [6, 28, 28], params: 156, macs: 117600 } as NodeInfo;

  it("shows the output shape and parameters, in the chosen order", () => {
    expect(lensTitle(node, "CHW")).toBe("→ 6×28×28 · 156 params");
    expect(lensTitle(node, "HWC")).toBe("→ 28×28×6 · 156 params");
  });

  it("groups digits, says 1 param, and ? for an unknown shape", () => {
    expect(lensTitle({ ...node, params: 61706 }, "CHW")).toBe("→ 6×28×28 · 61,706 params");
    expect(lensTitle({ ...node, params: 1, outputShape: null }, "CHW")).toBe("→ ? · 1 param");
  });
});

describe("renderWebviewHtml", () => {
  const html = renderWebviewHtml({ scriptUri: "https://x/dist/webview.js", styleUri: "https://x/dist/webview.css", cspSource: "https://x", nonce: "abc123" });

  it("has a strict CSP: nothing by default, scripts only with the nonce, no inline styles", () => {
    const csp = /content="([^"]+)"/.exec(html)?.[1] ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'nonce-abc123'");
    expect(csp).toContain("style-src https://x");
    expect(csp).not.toContain("unsafe");
    expect(html).toContain(`<script nonce="abc123" src="https://x/dist/webview.js"></script>`);
  });

  it("loads only our own resources", () => {
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(sources).toEqual(["https://x/dist/webview.css", "https://x/dist/webview.js"]);
  });
});

describe("hoverMarkdown", () => {
  const analysis = analyze(`{ "input": [1, 32, 32], "layers": [{ "id": "c1", "type": "conv2d", "filters": 6, "kernel": 5 }] }`);

  it("shows the shapes, the numbers and the engine's arithmetic for the layer", () => {
    const markdown = hoverMarkdown(analysis, 0, "CHW");
    expect(markdown).toContain("1×32×32 → **6×28×28**");
    expect(markdown).toContain("| Parameters | 156 |");
    expect(markdown).toContain("| MACs | 117,600 (118 K) |");
    expect(markdown).toMatch(/```text\nHeight: ⌊\(32 \+ 2·0 − 1·\(5−1\) − 1\)\/1⌋ \+ 1 = 28\n/);
  });

  it("follows the shape order setting", () => {
    expect(hoverMarkdown(analysis, 0, "HWC")).toContain("32×32×1 → **28×28×6**");
  });
});
