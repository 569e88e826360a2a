import { describe, expect, it } from "vitest";
import type { ResolvedConv, ResolvedConvTranspose } from "../../../src/engine";
import { codes, network, only, single } from "./helpers";

describe("conv2d geometry", () => {
  it.each([
    // name, input, layer, output, padding [t,b,l,r]
    ["3×3 conv over 5×5, same, stride 1", [1, 5, 5], { kernel: 3, padding: "same" }, [4, 5, 5], [1, 1, 1, 1]],
    ["4×4 conv over 7×7, same: extra pixel bottom/right", [1, 7, 7], { kernel: 4, padding: "same" }, [4, 7, 7], [1, 2, 1, 2]],
    ["2×4 conv dilation [1,3] over 5×6, same", [1, 5, 6], { kernel: [2, 4], dilation: [1, 3], padding: "same" }, [4, 5, 6], [0, 1, 4, 5]],
    ["3×3 conv over 5×5, padding 1, stride 2", [1, 5, 5], { kernel: 3, padding: 1, stride: 2 }, [4, 3, 3], [1, 1, 1, 1]],
    ["7×7 conv over 7×7, valid", [1, 7, 7], { kernel: 7, padding: "valid" }, [4, 1, 1], [0, 0, 0, 0]],
    ["3×5 conv over 10×12, padding [1,2], stride [2,3]", [2, 10, 12], { kernel: [3, 5], padding: [1, 2], stride: [2, 3] }, [4, 5, 4], [1, 1, 2, 2]],
    ["3×3 conv dilation 2 over 9×9", [1, 9, 9], { kernel: 3, dilation: 2 }, [4, 5, 5], [0, 0, 0, 0]],
  ])("%s", (_name, input, fields, output, padding) => {
    const analysis = single(input as number[], { type: "conv2d", filters: 4, ...fields });
    const node = analysis.nodes[0];
    expect(codes(analysis, "error")).toEqual([]);
    expect(node.outputShape).toEqual(output);
    expect((node.layer as ResolvedConv).padding).toEqual(padding);
  });

  it("resolves every default and counts params/MACs (LeNet c3: 16·(6/1)·5·5 + 16 = 2,416)", () => {
    const node = single([6, 14, 14], { type: "conv2d", filters: 16, kernel: 5 }).nodes[0];
    expect(node.layer).toEqual({
      type: "conv2d", inChannels: 6, filters: 16, kernel: [5, 5], stride: [1, 1], padding: [0, 0, 0, 0], paddingMode: "explicit",
      dilation: [1, 1], groups: 1, bias: true, weights: { kind: "kaiming" }, flipKernel: false,
    });
    expect(node.params).toBe(2416);
    expect(node.macs).toBe(10 * 10 * 16 * 6 * 25);
    expect(node.outputElements).toBe(1600);
    expect(node.outputBytes).toBe(6400);
  });

  it("groups divide the weights; bias false drops the bias; activation is kept", () => {
    const node = single([8, 6, 6], { type: "conv2d", filters: 4, kernel: 3, groups: 2, bias: false, activation: "leakyrelu" }).nodes[0];
    expect(node.params).toBe(4 * 4 * 9);
    expect((node.layer as ResolvedConv).activation).toEqual({ type: "leakyrelu", slope: 0.01 });
  });

  it("'same' with an even kernel is an info about the uneven padding", () => {
    const diagnostic = only(single([1, 7, 7], { type: "conv2d", filters: 1, kernel: 4, padding: "same" }), "same-padding-asymmetric");
    expect(diagnostic.severity).toBe("info");
    expect(diagnostic.message).toContain("1 top, 2 bottom, 1 left, 2 right");
  });
});

describe("conv2d errors PyTorch raises", () => {
  it("kernel larger than the padded input, with the numbers and the fix", () => {
    const analysis = single([3, 7, 7], { id: "conv3", type: "conv2d", filters: 4, kernel: 5, dilation: 2 });
    const diagnostic = only(analysis, "kernel-exceeds-input");
    expect(diagnostic.message).toBe("conv3: the 5×5 kernel (9×9 dilated) is larger than the padded input 7×7; use padding ≥ 1 or a kernel ≤ 4.");
    expect(diagnostic.path).toEqual(["layers", 0, "kernel"]);
    expect(diagnostic.fixes?.find((fix) => fix.preferred)?.edits).toEqual([{ kind: "set", path: ["layers", 0, "padding"], value: 1 }]);
    expect(analysis.nodes[0].outputShape).toBeNull();
    expect(analysis.nodes[0].layer).toBeNull();
  });

  it("'same' with stride 2 is refused, suggesting explicit padding", () => {
    const diagnostic = only(single([1, 8, 8], { type: "conv2d", filters: 1, kernel: 3, stride: 2, padding: "same" }), "same-padding-with-stride");
    expect(diagnostic.path).toEqual(["layers", 0, "padding"]);
    expect(diagnostic.fixes?.[0]).toMatchObject({ preferred: true, edits: [{ kind: "set", path: ["layers", 0, "padding"], value: 1 }] });
  });

  it("out channels not divisible by groups suggests the nearest valid groups", () => {
    const diagnostic = only(single([4, 8, 8], { type: "conv2d", filters: 6, kernel: 3, groups: 4 }), "groups-not-divisor");
    expect(diagnostic.message).toContain("use groups 3");
    expect(diagnostic.fixes?.[0].edits).toEqual([{ kind: "set", path: ["layers", 0, "groups"], value: 3 }]);
  });

  it("in channels not divisible by groups points at the producer", () => {
    const analysis = single([6, 8, 8], { type: "conv2d", filters: 4, kernel: 3, groups: 4 });
    const diagnostic = only(analysis, "groups-not-divisor");
    expect(diagnostic.message).toContain("6 input channels");
    expect(diagnostic.message).toContain("use groups 2");
  });

  it.each([
    ["kernel 0", { kernel: 0 }, "non-positive-value", ["layers", 0, "kernel"]],
    ["stride [1, 0]", { kernel: 3, stride: [1, 0] }, "non-positive-value", ["layers", 0, "stride", 1]],
    ["padding -1", { kernel: 3, padding: -1 }, "negative-value", ["layers", 0, "padding"]],
    ["kernel 2.5", { kernel: 2.5 }, "wrong-type", ["layers", 0, "kernel"]],
    ["kernel [3]", { kernel: [3] }, "wrong-type", ["layers", 0, "kernel"]],
    ["padding 'full'", { kernel: 3, padding: "full" }, "invalid-value", ["layers", 0, "padding"]],
    ["bias 'yes'", { kernel: 3, bias: "yes" }, "wrong-type", ["layers", 0, "bias"]],
    ["activation 'linear'", { kernel: 3, activation: "linear" }, "unknown-activation", ["layers", 0, "activation"]],
  ])("%s", (_name, fields, code, path) => {
    const analysis = single([1, 8, 8], { type: "conv2d", filters: 2, ...fields });
    expect(only(analysis, code).path).toEqual(path);
    expect(analysis.nodes[0].outputShape).toBeNull();
  });

  it("missing filters points at the layer object", () => {
    const diagnostic = only(single([1, 8, 8], { type: "conv2d", kernel: 3 }), "missing-field");
    expect(diagnostic.path).toEqual(["layers", 0]);
    expect(diagnostic.message).toContain("`filters`");
  });

  it("a conv on a flat input is refused, pointing at the producer", () => {
    const analysis = network([1, 4, 4], [{ id: "flat", type: "flatten" }, { id: "c", type: "conv2d", filters: 1, kernel: 1 }]);
    const diagnostic = only(analysis, "spatial-layer-on-flat-input");
    expect(diagnostic.message).toContain("flat [16] from `flat`");
    expect(diagnostic.related).toEqual([{ path: ["layers", 0], message: "flat: produces the flat output" }]);
  });
});

describe("unread rows and columns", () => {
  it("3×3 conv stride 2 over 32×32, no padding: a warning naming the last row/column and the fix", () => {
    const analysis = single([1, 32, 32], { type: "conv2d", filters: 1, kernel: 3, stride: 2 });
    const diagnostic = only(analysis, "unread-input");
    expect(diagnostic.severity).toBe("warning");
    expect(diagnostic.message).toContain("1 input row (the last of 32)");
    expect(diagnostic.message).toContain("padding 1 or stride 1 reads every pixel");
    expect(diagnostic.fixes?.map((fix) => fix.edits[0])).toEqual([
      { kind: "set", path: ["layers", 0, "padding"], value: 1 },
      { kind: "set", path: ["layers", 0, "stride"], value: 1 },
    ]);
    expect(analysis.nodes[0].outputShape).toEqual([1, 15, 15]);
  });

  it("3×3 conv stride 2 padding 1 over 32×32: only the bottom/right padding is unread (info)", () => {
    const diagnostic = only(single([1, 32, 32], { type: "conv2d", filters: 1, kernel: 3, stride: 2, padding: 1 }), "unread-padding");
    expect(diagnostic.severity).toBe("info");
  });

  it("2×2 max pool stride 3 skips a row between windows", () => {
    const diagnostic = only(single([1, 9, 9], { type: "maxpool2d", kernel: 2, stride: 3 }), "unread-input");
    expect(diagnostic.message).toContain("3 input rows (rows 2, 5, 8)");
  });

  it("every pixel read: no diagnostic", () => {
    expect(single([1, 32, 32], { type: "conv2d", filters: 1, kernel: 3, stride: 1, padding: 1 }).diagnostics).toEqual([]);
    expect(single([1, 32, 32], { type: "maxpool2d", kernel: 2 }).diagnostics).toEqual([]);
  });
});

describe("convtranspose2d", () => {
  it("3×3 stride 2 padding 1 outputPadding 1 over 7×7 doubles to 14×14", () => {
    const node = single([8, 7, 7], { type: "convtranspose2d", filters: 4, kernel: 3, stride: 2, padding: 1, outputPadding: 1 }).nodes[0];
    expect(node.outputShape).toEqual([4, 14, 14]);
    expect(node.params).toBe(8 * 4 * 9 + 4);
    expect(node.macs).toBe(7 * 7 * 8 * 4 * 9);
    expect((node.layer as ResolvedConvTranspose).outputPadding).toEqual([1, 1]);
    expect(node.receptiveField).toBeUndefined();
  });

  it("outputPadding not smaller than stride or dilation is refused", () => {
    const diagnostic = only(single([1, 4, 4], { type: "convtranspose2d", filters: 1, kernel: 3, stride: 2, outputPadding: 2 }), "output-padding-too-large");
    expect(diagnostic.fixes?.[0].edits[0]).toEqual({ kind: "set", path: ["layers", 0, "outputPadding"], value: 1 });
  });

  it("an output smaller than 1 is refused", () => {
    expect(codes(single([1, 2, 2], { type: "convtranspose2d", filters: 1, kernel: 3, padding: 3 }), "error")).toEqual(["output-size-too-small"]);
  });
});
