import { describe, expect, it } from "vitest";
import { analyze, kernelTaps, type Diagnostic, type KernelSource, type ResolvedConv } from "../../../src/engine";
import { codes, only } from "./helpers";

function textAt(text: string, diagnostic: Diagnostic): string {
  return text.slice(diagnostic.offset, (diagnostic.offset ?? 0) + (diagnostic.length ?? 0));
}

const TEXT = `{
  // LeNet with mistakes
  "version": 1,
  "input": [1, 32, 32],
  "layers": [
    { "id": "c1", "type": "conv2d", "filters": 6, "kernel": 5, "stride": 2, },
    { "id": "c2", "type": "conv2d", "filters": 16, "kernal": 5 },
    { "id": "p", "type": "maxpool2d", "kernel": 3, "padding": 2 },
    { "id": "fc", "type": "linear", "units": "10" },
  ],
  "extra": true,
}`;

describe("diagnostic positions in text", () => {
  const analysis = analyze(TEXT);

  it("parses comments and trailing commas", () => {
    expect(analysis.parseFailed).toBe(false);
    expect(analysis.nodes.map((node) => node.id)).toEqual(["c1", "c2", "p", "fc"]);
  });

  it("a field at fault points at the field's value", () => {
    const unread = only(analysis, "unread-input");
    expect(unread.path).toEqual(["layers", 0, "stride"]);
    expect(textAt(TEXT, unread)).toBe("2");
    expect(unread.offset).toBe(TEXT.indexOf('"stride": 2') + '"stride": '.length);
    expect(textAt(TEXT, only(analysis, "pool-padding-too-large"))).toBe("2");
    const wrongType = only(analysis, "wrong-type");
    expect(textAt(TEXT, wrongType)).toBe('"10"');
    expect(wrongType.fixes?.[0].edits).toEqual([{ kind: "set", path: ["layers", 3, "units"], value: 10 }]);
  });

  it("a missing required field points at the layer object", () => {
    const missing = only(analysis, "missing-field");
    expect(missing.path).toEqual(["layers", 1]);
    expect(textAt(TEXT, missing)).toBe('{ "id": "c2", "type": "conv2d", "filters": 16, "kernal": 5 }');
  });

  it("unknown keys point at the key and offer a rename", () => {
    const unknown = analysis.diagnostics.filter((diagnostic) => diagnostic.code === "unknown-key");
    expect(unknown.map((diagnostic) => textAt(TEXT, diagnostic))).toEqual(['"extra"', '"kernal"']);
    expect(unknown.map((diagnostic) => diagnostic.severity)).toEqual(["warning", "warning"]);
    expect(unknown[1].fixes?.[0]).toEqual({
      title: "Rename `kernal` to `kernel`", preferred: true,
      edits: [{ kind: "set", path: ["layers", 1, "kernel"], value: 5 }, { kind: "remove", path: ["layers", 1, "kernal"] }],
    });
  });

  it("every diagnostic has a kebab-case code, a message with the layer id, and a position", () => {
    for (const diagnostic of analysis.diagnostics) {
      expect(diagnostic.code).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
      expect(typeof diagnostic.offset).toBe("number");
      if (diagnostic.layerId) expect(diagnostic.message.startsWith(`${diagnostic.layerId}: `)).toBe(true);
    }
  });

  it("an object spec gets no offsets", () => {
    const fromObject = analyze({ input: [1, 8, 8], layers: [{ type: "conv2d", filters: 1 }] });
    expect(fromObject.diagnostics).toHaveLength(1);
    expect(fromObject.diagnostics[0].offset).toBeUndefined();
  });
});

describe("documents that are not specs", () => {
  it("text that is not JSON: parseFailed and the parse error's offset", () => {
    const text = '{ "input": [1, 2, 2], "layers": [ { "type": "relu" } } ';
    const analysis = analyze(text);
    expect(analysis.parseFailed).toBe(true);
    expect(analysis.nodes).toEqual([]);
    expect(analysis.diagnostics[0].code).toBe("parse-error");
    expect(analysis.diagnostics[0].offset).toBe(text.indexOf("}", text.indexOf("relu") + 8));
    expect(analysis.diagnostics[0].message).toContain("line 1");
  });

  it.each([
    ["empty text", ""],
    ["a bare number", "42"],
    ["an array", "[1, 2]"],
    ["null", "null"],
  ])("%s is an error, never a throw", (_name, text) => {
    const analysis = analyze(text);
    expect(analysis.diagnostics.length).toBeGreaterThan(0);
    expect(analysis.diagnostics[0].severity).toBe("error");
  });

  it("missing input and layers; wrong version; bad seed", () => {
    expect(codes(analyze({}))).toEqual(["missing-field", "missing-field"]);
    expect(codes(analyze({ version: 2, input: [1, 2, 2], layers: [] }))).toEqual(["unsupported-version"]);
    const seeded = analyze({ input: [1, 2, 2], layers: [], seed: 1.5 });
    expect(codes(seeded)).toEqual(["wrong-type"]);
    expect(seeded.seed).toBe(0);
    expect(analyze({ input: [1, 2, 2], layers: [], seed: 7, name: "n" })).toMatchObject({ seed: 7, name: "n", input: [1, 2, 2] });
  });

  it("unknown layer types suggest the closest type", () => {
    const analysis = analyze({ input: [1, 4, 4], layers: [{ type: "Conv2D", filters: 1, kernel: 1 }, { type: "dense", units: 3 }, { type: "zzz" }] });
    const unknown = analysis.diagnostics.filter((diagnostic) => diagnostic.code === "unknown-type");
    expect(unknown.map((diagnostic) => diagnostic.fixes?.[0]?.edits[0])).toEqual([
      { kind: "set", path: ["layers", 0, "type"], value: "conv2d" },
      { kind: "set", path: ["layers", 1, "type"], value: "linear" },
      undefined,
    ]);
    expect(analysis.nodes.map((node) => node.outputShape)).toEqual([null, null, null]);
  });
});

describe("preview weights", () => {
  const conv = (weights: unknown, extra: Record<string, unknown> = {}) => analyze({ input: [1, 8, 8], layers: [{ type: "conv2d", filters: 2, kernel: 3, weights, ...extra }] });

  it("presets stay names (expanded by kernelTaps only where taps are needed) and matrices resolve as written", () => {
    const analysis = conv({ kernels: ["sobel-x", [[0, 0, 0], [0, 1, 0], [0, 0, 0]]] }, { flipKernel: true });
    expect(analysis.diagnostics).toEqual([]);
    expect(analysis.nodes[0].layer).toMatchObject({ flipKernel: true, weights: { kind: "kernels", kernels: ["sobel-x", [[0, 0, 0], [0, 1, 0], [0, 0, 0]]] } });
    const layer = analysis.nodes[0].layer as ResolvedConv;
    expect((layer.weights as { kernels: KernelSource[] }).kernels.map((source) => kernelTaps(source, 3, 3))).toEqual([
      [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]],
      [[0, 0, 0], [0, 1, 0], [0, 0, 0]],
    ]);
    expect(conv("xavier").nodes[0].layer).toMatchObject({ weights: { kind: "xavier" } });
  });

  it.each([
    ["a wrong count", { kernels: ["box"] }, "weights-count-mismatch", ["layers", 0, "weights", "kernels"]],
    ["an unknown preset", { kernels: ["box", "blur"] }, "unknown-kernel-preset", ["layers", 0, "weights", "kernels", 1]],
    ["a 2-row matrix for a 3×3 kernel", { kernels: ["box", [[1, 2, 3], [4, 5, 6]]] }, "kernel-size-mismatch", ["layers", 0, "weights", "kernels", 1]],
    ["a string cell", { kernels: ["box", [[1, 2, 3], [4, "5", 6], [7, 8, 9]]] }, "wrong-type", ["layers", 0, "weights", "kernels", 1, 1, 1]],
    ["an unknown initialiser", "he", "invalid-weights", ["layers", 0, "weights"]],
  ])("%s is an error on that field", (_name, weights, code, path) => {
    expect(only(conv(weights), code).path).toEqual(path);
  });

  it("gaussian only at 3×3 or 5×5", () => {
    const analysis = analyze({ input: [1, 8, 8], layers: [{ type: "conv2d", filters: 1, kernel: 4, weights: { kernels: ["gaussian"] } }] });
    expect(only(analysis, "kernel-size-mismatch").message).toContain('preset "gaussian" is 3×3 or 5×5 but this layer\'s kernel is 4×4');
  });

  it("flipKernel must be boolean", () => {
    expect(only(conv("kaiming", { flipKernel: 1 }), "wrong-type").path).toEqual(["layers", 0, "flipKernel"]);
  });
});
