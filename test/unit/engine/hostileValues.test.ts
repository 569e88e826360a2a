/**
 * Issue #15 (hostile files): numbers written in a spec never drive the amount of work. Each
 * case asserts the diagnostic code and the fix the closed forms compute (values the old
 * count-down searches took seconds, minutes or all memory to reach), not wall time.
 */
import { describe, expect, it } from "vitest";
import { analyze, kernelTaps, type Diagnostic, type ResolvedConv } from "../../../src/engine";
import { MAX_EXACT_INTEGER, MAX_UNREAD_PATTERN_CLASSES } from "../../../src/engine/limits";
import { codes, single } from "./helpers";

function fixValues(diagnostic: Diagnostic | undefined): unknown[] {
  return (diagnostic?.fixes ?? []).map((fix) => fix.edits.map((edit) => (edit.kind === "remove" ? null : edit.value))[0]);
}

function diagnostic(analysis: ReturnType<typeof analyze>, code: string): Diagnostic | undefined {
  return analysis.diagnostics.find((entry) => entry.code === code);
}

const conv = (input: number[], fields: Record<string, unknown>) => single(input, { type: "conv2d", filters: 1, kernel: 3, ...fields });

describe("huge, zero, negative and non-numeric field values", () => {
  it.each([
    ["stride", 0, "non-positive-value"],
    ["stride", -1, "non-positive-value"],
    ["padding", -1, "negative-value"],
    ["dilation", 0, "non-positive-value"],
    ["groups", -1, "non-positive-value"],
    ["kernel", 1e300, "value-too-large"],
    ["stride", 2 ** 53, "value-too-large"],
    ["padding", 1e300, "value-too-large"],
    ["dilation", [1, 1e300], "value-too-large"],
    ["groups", 1e300, "value-too-large"],
    ["kernel", NaN, "wrong-type"],
    ["stride", Infinity, "wrong-type"],
    ["padding", 1.5, "wrong-type"],
  ])("%s %s → %s", (field, value, code) => {
    const analysis = conv([1, 8, 8], { [field]: value });
    expect(codes(analysis)).toEqual([code]);
    expect(analysis.nodes[0].outputShape).toBeNull();
  });

  it("value-too-large names the limit and points at the element of a pair", () => {
    const found = diagnostic(conv([1, 8, 8], { dilation: [1, 1e300] }), "value-too-large");
    expect(found?.path).toEqual(["layers", 0, "dilation", 1]);
    expect(found?.message).toContain("9,007,199,254,740,991");
    expect(codes(analyze({ input: [1, 1e300, 8], layers: [] }))).toEqual(["value-too-large"]);
  });

  it("stride 1e9 and 2^31: the stride fix is computed, not counted down to", () => {
    expect(fixValues(diagnostic(conv([1, 64, 64], { stride: 1e9 }), "unread-input"))).toEqual([1]);
    // (3e9 − 2) is even, so stride 2 reads every row; 2^31 − 1 strides are never tried one by one
    expect(fixValues(diagnostic(conv([1, 3e9, 64], { kernel: [2, 1], stride: [2 ** 31, 1] }), "unread-input"))).toEqual([[2, 1]]);
    expect(fixValues(diagnostic(conv([1, 1e15, 8], { kernel: [3, 1], stride: [1e9, 1] }), "unread-input"))).toEqual([1]);
  });

  it("kernel 16000, stride 16001 on 32768²: no padding can close the gap; the largest reading stride is a divisor of 16768", () => {
    const found = diagnostic(conv([1, 32768, 32768], { kernel: 16000, stride: 16001 }), "unread-input");
    expect(found?.message).toContain("rows 16000, 32001");
    expect(fixValues(found)).toEqual([8384]); // 16768 = 2 · 8384: windows at 0, 8384, 16768 end on the last row
  });

  it("kernel 1e15 and dilation 1e9 on a small input: kernel-exceeds-input with computed fixes", () => {
    expect(fixValues(diagnostic(conv([1, 8, 8], { kernel: 1e15 }), "kernel-exceeds-input"))).toEqual([499999999999996, 8, "same"]);
    expect(fixValues(diagnostic(conv([1, 8, 8], { dilation: 1e9 }), "kernel-exceeds-input"))).toEqual([999999997, 1, "same"]);
  });

  it("groups 2^31 and 1e15: the nearest divisor comes from a bounded candidate set", () => {
    expect(fixValues(diagnostic(conv([6, 8, 8], { filters: 6, kernel: 1, groups: 2 ** 31 }), "groups-not-divisor"))).toEqual([6, 1]);
    expect(fixValues(diagnostic(conv([6, 8, 8], { filters: 6, kernel: 1, groups: 1e15 }), "groups-not-divisor"))).toEqual([6, 1]);
    // 1,048,573 is prime: its divisors are 1 and itself (found without a 2^20 loop)
    expect(fixValues(diagnostic(conv([1048576, 1, 1], { filters: 1048573, kernel: 1, groups: 1048575 }), "groups-not-divisor"))).toEqual([1048573, 1]);
  });

  it("sizes past 2^53 are errors, never rounded shapes", () => {
    for (const analysis of [conv([1, 8, 8], { kernel: 1, padding: 1e15 }), single([1, 1000, 1000], { type: "convtranspose2d", filters: 1, kernel: 1, stride: 1e15 })]) {
      expect(codes(analysis)).toEqual(["size-exceeds-exact-range"]);
      expect(analysis.nodes[0].outputShape).toBeNull();
    }
    const exact = conv([1, 8, 8], { kernel: 1, padding: 2 ** 24 });
    expect(codes(exact)).toEqual([]);
    expect(exact.nodes[0].outputElements).toBeLessThanOrEqual(MAX_EXACT_INTEGER);
  });

  it("network totals past 2^53 get a warning", () => {
    const layers = Array.from({ length: 4 }, (_, index) => ({ id: `l${index}`, type: "linear", units: 2 ** 26, inputs: ["flat"] }));
    const analysis = analyze({ input: [1, 1, 2 ** 26], layers: [{ id: "flat", type: "flatten" }, ...layers] });
    expect(codes(analysis)).toEqual(["size-exceeds-exact-range"]);
    expect(analysis.diagnostics[0].severity).toBe("warning");
  });

  it("a dilated pool with dilation 5e8: the window-in-padding fix is computed (the old search counted down 5e8 dilations)", () => {
    const analysis = single([1, 2, 2], { type: "maxpool2d", kernel: 2, stride: 1e9, padding: 1, dilation: 5e8, ceilMode: true });
    expect(fixValues(diagnostic(analysis, "pool-window-in-padding"))).toEqual([2]);
  });
});

describe("a check that cannot decide says so", () => {
  it("past the pattern-class cap: info unread-check-skipped, no unread warning and no 'fix'", () => {
    const classes = MAX_UNREAD_PATTERN_CLASSES + 1;
    const analysis = conv([1, 1e7, 8], { kernel: [classes, 1], dilation: [103, 1], stride: [101, 1] });
    expect(codes(analysis)).toEqual(["unread-check-skipped"]);
    expect(analysis.diagnostics[0].severity).toBe("info");
    expect(analysis.diagnostics[0].fixes).toBeUndefined();
    expect(analysis.diagnostics[0].message).toContain(String(MAX_UNREAD_PATTERN_CLASSES));
  });

  it("above 65,536 rows the check still decides (the old cap reported 'nothing unread' and offered a padding that only silenced it)", () => {
    const found = diagnostic(conv([1, 65530, 8], { kernel: [2, 1], stride: [3, 1] }), "unread-input");
    expect(found?.message).toContain("21844 input rows"); // rows 3i + 2 for the 21,843 windows, and the last row
    expect(fixValues(found)).toEqual([[2, 1]]); // stride 2; no padding reads the rows between windows
  });
});

describe("preset kernels stay names", () => {
  it("kernel [1, 1e9] with box is analysed without materialising a tap", () => {
    const analysis = single([1, 4, 1000000001], { type: "conv2d", filters: 1, kernel: [1, 1e9], weights: { kernels: ["box"] } });
    expect(analysis.diagnostics).toEqual([]);
    expect((analysis.nodes[0].layer as ResolvedConv).weights).toEqual({ kind: "kernels", kernels: ["box"] });
  });

  it("a preset that does not exist at the size is still an error; kernelTaps expands the rest", () => {
    expect(codes(single([1, 8, 8], { type: "conv2d", filters: 1, kernel: 5, weights: { kernels: ["sobel-x"] } }))).toEqual(["kernel-size-mismatch"]);
    expect(kernelTaps("box", 1, 2)).toEqual([[0.5, 0.5]]);
    expect(kernelTaps([[1, 2]], 1, 2)).toEqual([[1, 2]]);
    expect(() => kernelTaps("sobel-x", 5, 5)).toThrow(/sobel-x/);
  });
});
