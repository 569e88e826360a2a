// The summary table on a handmade Analysis (no dependence on analyze): every expectation
// below is computed by hand in the comments.
import { describe, expect, it } from "vitest";
import { abbreviateCount, csvField, formatBytes, summarize, toCsv, toMarkdown, toTextTable } from "../../../src/engine/summary";
import type { Analysis, NodeInfo, ResolvedConv, ResolvedLayer } from "../../../src/engine/types";

function node(id: string, inputs: string[], outputShape: number[] | null, params: number, macs: number, layer: ResolvedLayer | null,
  receptiveField?: NodeInfo["receptiveField"]): NodeInfo {
  const elements = outputShape ? outputShape.reduce((a, b) => a * b, 1) : null;
  return {
    id, type: layer?.type ?? "conv2d", inputs, inputShapes: [], outputShape, params, macs, receptiveField,
    index: 0, explicitId: true, layer, outputElements: elements, outputBytes: elements === null ? null : elements * 4,
  };
}

const conv = (filters: number, groups: number, bias: boolean): ResolvedConv => ({
  type: "conv2d", inChannels: 4, filters, kernel: [3, 3], stride: [1, 1], padding: [1, 1, 1, 1], paddingMode: "explicit",
  dilation: [1, 1], groups, bias, weights: { kind: "kaiming" }, flipKernel: false,
});

// input 3×8×8 → c1 conv 3×3 pad 1 ×4 + relu: params 4·3·9 + 4 = 112, MACs 8·8·4·27 = 6,912, 4·8·8·4 B = 1,024 B
//   → p1 maxpool 2: 4×4×4 (256 B) → c2 depthwise conv 3×3 ×4 groups 4, no bias: params 4·1·9 = 36, MACs 4·4·4·9 = 576
//   → add(c2, p1) → flat 64 → fc linear 64→10 + softmax: params 650, MACs 640 (40 B)
// totals: params 798, MACs 8,128; activations 1024 + 4·256 + 40 = 2,088 B; input 3·64·4 = 768 B; params 798·4 = 3,192 B
const tiny: Analysis = {
  name: "Tiny",
  input: [3, 8, 8],
  seed: 0,
  parseFailed: false,
  diagnostics: [],
  totals: { params: 798, macs: 8128 },
  nodes: [
    node("c1", ["input"], [4, 8, 8], 112, 6912, { ...conv(4, 1, true), inChannels: 3, activation: { type: "relu" } },
      { size: [3, 3], jump: [1, 1], start: [0, 0] }),
    node("p1", ["c1"], [4, 4, 4], 0, 0, { type: "maxpool2d", kernel: [2, 2], stride: [2, 2], padding: [0, 0], dilation: [1, 1], ceilMode: false, countIncludePad: true },
      { size: [4, 4], jump: [2, 2], start: [0.5, 0.5] }),
    node("c2", ["p1"], [4, 4, 4], 36, 576, conv(4, 4, false), { size: [8, 8], jump: [2, 2], start: [0.5, 0.5] }),
    node("add", ["c2", "p1"], [4, 4, 4], 0, 0, { type: "add" }, { size: [8, 8], jump: [2, 2], start: [0.5, 0.5] }),
    node("flat", ["add"], [64], 0, 0, { type: "flatten" }, { size: [8, 8], jump: [1, 1], start: [3.5, 3.5] }),
    node("fc", ["flat"], [10], 650, 640, { type: "linear", inFeatures: 64, units: 10, bias: true, activation: { type: "softmax" } }),
  ],
};

describe("number and shape text", () => {
  it.each([[0, "0 B"], [1023, "1023 B"], [1024, "1.00 KiB"], [1536, "1.50 KiB"], [10 * 1024, "10.0 KiB"], [100 * 1024, "100 KiB"], [98 * 1024 ** 2, "98.0 MiB"], [3 * 1024 ** 3, "3.00 GiB"]])(
    "writes %d bytes as %s", (bytes, text) => expect(formatBytes(bytes)).toBe(text));

  it.each([[999, "999"], [416520, "417 K"], [1814073344, "1.81 G"], [15470264320, "15.5 G"]])(
    "writes the count %d as %s", (value, text) => expect(abbreviateCount(value)).toBe(text));
});

describe("summarize", () => {
  const summary = summarize(tiny);

  it("labels each operation", () => {
    expect(summary.rows.map((row) => row.label)).toEqual([
      "conv 3×3 /1 ×4 + relu", "maxpool 2×2 /2", "conv 3×3 /1 ×4 groups 4", "add", "flatten", "linear 64→10 + softmax",
    ]);
  });

  it("writes shapes, receptive fields and memory", () => {
    expect(summary.rows.map((row) => row.outputShape)).toEqual(["4×8×8", "4×4×4", "4×4×4", "4×4×4", "64", "10"]);
    expect(summary.rows.map((row) => row.receptiveField)).toEqual([
      "3×3, jump 1, start 0", "4×4, jump 2, start 0.5", "8×8, jump 2, start 0.5", "8×8, jump 2, start 0.5", "8×8, jump 1, start 3.5", "",
    ]);
    expect(summary.rows.map((row) => row.memoryBytes)).toEqual([1024, 256, 256, 256, 256, 40]);
    expect(summary.rows.map((row) => row.memory)).toEqual(["1.00 KiB", "256 B", "256 B", "256 B", "256 B", "40 B"]);
  });

  it("computes depth, branching and merging", () => {
    // add = 1 + max(depth c2 = 3, depth p1 = 2)
    expect(summary.rows.map((row) => row.depth)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(summary.rows.map((row) => row.consumers)).toEqual([1, 2, 1, 1, 1, 0]);
    expect(summary.rows.map((row) => row.sequential)).toEqual([true, true, true, false, true, true]);
  });

  it("totals parameters, MACs and memory", () => {
    expect(summary.totals).toEqual({
      params: 798, trainableParams: 798, macs: 8128, inputBytes: 768, activationBytes: 2088, parameterBytes: 3192, unknownShapes: 0,
    });
  });

  it("writes shapes H×W×C on request", () => {
    const hwc = summarize(tiny, { order: "HWC" });
    expect(hwc.input).toBe("8×8×3");
    expect(hwc.rows[0].outputShape).toBe("8×8×4");
  });

  it("marks what cannot be inferred", () => {
    const broken: Analysis = { ...tiny, input: null, name: undefined, totals: { params: 0, macs: 0 },
      nodes: [{ ...node("bad", ["input"], null, 0, 0, null), worstSeverity: "error" }] };
    const result = summarize(broken);
    expect(result.rows[0]).toMatchObject({ label: "conv2d", outputShape: "?", memory: "?", memoryBytes: null, severity: "error" });
    expect(result.input).toBe("?");
    expect(result.totals.unknownShapes).toBe(1);
    expect(toTextTable(result)).toContain("Activation memory (forward, float32): 0 B (+ 1 layer of unknown shape)");
    expect(toTextTable(result)).toContain("Input size: ?");
    expect(toTextTable(result)).toContain("Total MACs: 0\n");
  });
});

describe("renderings", () => {
  const summary = summarize(tiny);

  it("aligns a text table with right-aligned numbers", () => {
    const rule = "=".repeat(101); // column widths 5+23+12+6+5+22+8+6 and 7 gaps of 2
    expect(toTextTable(summary)).toBe([
      "Tiny: input 3×8×8 (C×H×W)",
      rule,
      "Layer  Operation                Output shape  Params   MACs  Receptive field           Memory  Inputs",
      rule,
      "c1     conv 3×3 /1 ×4 + relu    4×8×8            112  6,912  3×3, jump 1, start 0    1.00 KiB",
      "p1     maxpool 2×2 /2           4×4×4              0      0  4×4, jump 2, start 0.5     256 B",
      "c2     conv 3×3 /1 ×4 groups 4  4×4×4             36    576  8×8, jump 2, start 0.5     256 B",
      "add    add                      4×4×4              0      0  8×8, jump 2, start 0.5     256 B  c2, p1",
      "flat   flatten                  64                 0      0  8×8, jump 1, start 3.5     256 B",
      "fc     linear 64→10 + softmax   10               650    640                              40 B",
      rule,
      "Total params: 798",
      "Trainable params: 798",
      "Total MACs: 8,128 (8.13 K)",
      "Input size: 768 B",
      "Activation memory (forward, float32): 2.04 KiB",
      "Parameter memory (float32): 3.12 KiB",
      "Estimated total: 5.91 KiB",
      rule,
      "",
    ].join("\n"));
  });

  it("drops the Inputs column for a plain chain", () => {
    const chain = summarize({ ...tiny, nodes: tiny.nodes.slice(0, 3) });
    expect(toTextTable(chain).split("\n")[2]).toBe("Layer  Operation                Output shape  Params   MACs  Receptive field           Memory");
  });

  it("writes a Markdown table with escaped cells", () => {
    const markdown = toMarkdown(summarize({ ...tiny, name: "A|B" }));
    const lines = markdown.split("\n");
    expect(lines[0]).toBe("**A\\|B**: input 3×8×8 (C×H×W)");
    expect(lines[2]).toBe("| Layer | Operation | Output shape | Params | MACs | Receptive field | Memory | Inputs |");
    expect(lines[3]).toBe("| --- | --- | --- | ---: | ---: | --- | ---: | --- |");
    expect(lines[4]).toBe("| c1 | conv 3×3 /1 ×4 + relu | 4×8×8 | 112 | 6,912 | 3×3, jump 1, start 0 | 1.00 KiB |  |");
    expect(lines).toContain("- Total MACs: 8,128 (8.13 K)");
  });

  it("quotes CSV fields as RFC 4180 says", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField(42)).toBe("42");
  });

  it("writes one CSV record per layer with CRLF line ends and raw numbers", () => {
    const records = toCsv(summary).split("\r\n");
    expect(records).toHaveLength(8); // header, 6 layers, and the empty string after the last CRLF
    expect(records[0]).toBe("id,type,operation,output_shape,params,macs,receptive_field,memory_bytes,depth,inputs");
    expect(records[1]).toBe('c1,conv2d,conv 3×3 /1 ×4 + relu,4×8×8,112,6912,"3×3, jump 1, start 0",1024,1,input');
    expect(records[4]).toBe('add,add,add,4×4×4,0,0,"8×8, jump 2, start 0.5",256,4,c2 p1');
    expect(records[7]).toBe("");
  });

  it("adds a file column and can leave out the header", () => {
    const records = toCsv(summary, { file: "my, net.cnn.json", header: false }).split("\r\n");
    expect(records[0]).toMatch(/^"my, net\.cnn\.json",c1,conv2d,/);
    expect(toCsv(summary, { file: "x" }).split("\r\n")[0]).toMatch(/^file,id,type,/);
  });
});
