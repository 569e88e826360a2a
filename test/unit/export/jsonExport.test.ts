import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze, type Analysis } from "../../../src/engine";
import { COMPUTED_KEY, exportSpecJson } from "../../../src/engine/export/jsonExport";

const templatesDir = resolve(__dirname, "../../../media/templates");
const templates = readdirSync(templatesDir).filter((file) => file.endsWith(".cnn.json")).sort();

function exported(spec: string | object, computed = false): string {
  const result = exportSpecJson(spec, { computed });
  if (!result.ok) throw new Error(result.message);
  return result.text;
}

function graph(analysis: Analysis) {
  return analysis.nodes.map((node) => ({
    id: node.id, inputs: node.inputs, shape: node.outputShape, params: node.params, macs: node.macs, receptiveField: node.receptiveField,
  }));
}

function codes(analysis: Analysis): string[] {
  return analysis.diagnostics.map((diagnostic) => `${diagnostic.severity} ${diagnostic.code} ${diagnostic.layerId ?? ""}`).sort();
}

function layers(text: string): Record<string, unknown>[] {
  return (JSON.parse(text) as { layers: Record<string, unknown>[] }).layers;
}

describe("exportSpecJson: re-importable", () => {
  it.each(templates)("%s: analyze(export) has the same graph, shapes, params, MACs and diagnostics", (file) => {
    const text = readFileSync(join(templatesDir, file), "utf8");
    const original = analyze(text);
    const again = analyze(exported(text));
    expect(graph(again)).toEqual(graph(original));
    expect(again.totals).toEqual(original.totals);
    expect({ name: again.name, input: again.input, seed: again.seed }).toEqual({
      name: original.name, input: original.input, seed: original.seed,
    });
    expect(codes(again)).toEqual(codes(original));
  });

  it.each(templates)("%s: exporting the export changes nothing (normal form)", (file) => {
    const once = exported(readFileSync(join(templatesDir, file), "utf8"));
    expect(exported(once)).toBe(once);
  });

  it.each(templates)("%s: with computed shapes, re-import adds exactly one warning (the \"computed\" key)", (file) => {
    const text = readFileSync(join(templatesDir, file), "utf8");
    const original = analyze(text);
    const withComputed = exported(text, true);
    const again = analyze(withComputed);
    expect(graph(again)).toEqual(graph(original));
    const added = again.diagnostics.filter((diagnostic) => diagnostic.path[0] === COMPUTED_KEY);
    expect(added.map((diagnostic) => [diagnostic.severity, diagnostic.code])).toEqual([["warning", "unknown-key"]]);
    expect(again.diagnostics.length).toBe(original.diagnostics.length + 1);
  });
});

describe("exportSpecJson: normal form", () => {
  it("LeNet-5: every default is written out", () => {
    const [c1, s2, , , flat, f5] = layers(exported(readFileSync(join(templatesDir, "lenet5.cnn.json"), "utf8")));
    expect(c1).toEqual({ id: "c1", type: "conv2d", filters: 6, kernel: 5, stride: 1, padding: 0, dilation: 1, groups: 1, bias: true, activation: "relu", weights: "kaiming", flipKernel: false });
    expect(s2).toEqual({ id: "s2", type: "maxpool2d", kernel: 2, stride: 2, padding: 0, dilation: 1, ceilMode: false });
    expect(flat).toEqual({ id: "flat", type: "flatten" });
    expect(f5).toEqual({ id: "f5", type: "linear", units: 120, bias: true, activation: "relu" });
  });

  it("spatial values: a number when square, [h, w] otherwise; conv padding keeps its mode", () => {
    const spec = {
      input: [3, 20, 20],
      layers: [
        { id: "a", type: "conv2d", filters: 2, kernel: [3, 3], padding: "same" },
        { id: "b", type: "conv2d", filters: 2, kernel: [3, 5], padding: [1, 2], stride: [2, 2] },
        { id: "c", type: "conv2d", filters: 2, kernel: 3, padding: "valid" },
        { id: "d", type: "avgpool2d", kernel: [2, 1], countIncludePad: false },
        { id: "e", type: "convtranspose2d", filters: 2, kernel: 3, stride: 2, outputPadding: [1, 0] },
        { id: "f", type: "leakyrelu" },
        { id: "g", type: "elu", alpha: 2 },
        { id: "h", type: "adaptiveavgpool2d", outputSize: [2, 2] },
        { id: "i", type: "batchnorm2d" },
        { id: "j", type: "dropout" },
      ],
    };
    const [a, b, c, d, e, f, g, h, i, j] = layers(exported(spec));
    expect([a.kernel, a.padding]).toEqual([3, "same"]);
    expect([b.kernel, b.padding, b.stride]).toEqual([[3, 5], [1, 2], 2]);
    expect(c.padding).toBe("valid");
    expect(d).toEqual({ id: "d", type: "avgpool2d", kernel: [2, 1], stride: [2, 1], padding: 0, ceilMode: false, countIncludePad: false });
    expect(e).toMatchObject({ padding: 0, outputPadding: [1, 0], dilation: 1, groups: 1, bias: true, weights: "kaiming" });
    expect(f).toEqual({ id: "f", type: "leakyrelu", slope: 0.01 });
    expect(g).toEqual({ id: "g", type: "elu", alpha: 2 });
    expect(h.outputSize).toBe(2);
    expect(i).toEqual({ id: "i", type: "batchnorm2d", eps: 1e-5 });
    expect(j).toEqual({ id: "j", type: "dropout", rate: 0.5 });
  });

  it("derived ids become explicit (unique), inputs only where written, unknown keys kept", () => {
    const spec = {
      input: [1, 8, 8], author: "me",
      layers: [
        { type: "relu", note: "first" },
        { id: "relu_0", type: "relu", inputs: ["input"] },
        { type: "add", inputs: ["relu_0", "input"] },
      ],
    };
    const text = exported(spec);
    const top = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(top)).toEqual(["version", "input", "seed", "author", "layers"]);
    expect(top.author).toBe("me");
    expect(layers(text)).toEqual([
      { id: "relu_0_2", type: "relu", note: "first" },
      { id: "relu_0", type: "relu", inputs: ["input"] },
      { id: "add_2", type: "add", inputs: ["relu_0", "input"] },
    ]);
    expect(analyze(text).diagnostics.filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
  });

  it("preview weights keep the user's preset names", () => {
    const text = exported(readFileSync(join(templatesDir, "edge-detection.cnn.json"), "utf8"));
    expect(layers(text)[0].weights).toEqual({ kernels: ["sobel-x", "sobel-y"] });
  });

  it("computed: totals and one entry per layer", () => {
    const computed = (JSON.parse(exported(readFileSync(join(templatesDir, "lenet5.cnn.json"), "utf8"), true)) as Record<string, { totals: unknown; layers: Record<string, unknown> }>)[COMPUTED_KEY];
    expect(computed.totals).toEqual({ params: 61706, macs: 416520 });
    expect(computed.layers.c1).toEqual({ outputShape: [6, 28, 28], params: 156, macs: 117600 });
    expect(Object.keys(computed.layers)).toHaveLength(8);
  });

  it("refuses a spec with errors, naming them", () => {
    const result = exportSpecJson({ input: [1, 4, 4], layers: [{ id: "big", type: "conv2d", filters: 1, kernel: 7 }] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/^Cannot export the spec as JSON: the spec has 1 error; fix it first\. big: .*larger than the padded input/);
  });

  it("refuses text that is not JSON", () => {
    const result = exportSpecJson("{ nope");
    expect(result.ok).toBe(false);
  });
});

describe("exportSpecJson keeps the unread-pixel opt-out", () => {
  it("writes checkUnread: false where the file has it, nothing where the check is on, and the reimport is as quiet", () => {
    const spec = {
      input: [1, 28, 28],
      layers: [
        { id: "c", type: "conv2d", filters: 2, kernel: 1, stride: 2, checkUnread: false },
        { id: "p", type: "maxpool2d", kernel: 3, stride: 2, padding: 1, checkUnread: false },
        { id: "q", type: "avgpool2d", kernel: 2, checkUnread: true },
      ],
    };
    const text = exported(spec);
    expect(layers(text).map((layer) => layer.checkUnread)).toEqual([false, false, undefined]);
    expect(codes(analyze(text))).toEqual(codes(analyze(spec)));
    expect(codes(analyze(spec))).toEqual(["warning unread-input q"]); // q (2×2 on 7×7) still checks; c and p do not
  });
});
