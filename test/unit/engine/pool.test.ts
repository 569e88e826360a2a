import { describe, expect, it } from "vitest";
import type { ResolvedPool } from "../../../src/engine";
import { codes, network, only, single } from "./helpers";

describe("pools", () => {
  it.each([
    ["2×2 max pool over 28×28: stride defaults to the kernel", [6, 28, 28], { type: "maxpool2d", kernel: 2 }, [6, 14, 14]],
    ["3×3 max pool stride 2 over 6×6, ceil mode", [1, 6, 6], { type: "maxpool2d", kernel: 3, stride: 2, ceilMode: true }, [1, 3, 3]],
    ["2×2 max pool stride 2 padding 1 over 5×5, ceil drops the window in the padding", [1, 5, 5], { type: "maxpool2d", kernel: 2, stride: 2, padding: 1, ceilMode: true }, [1, 3, 3]],
    ["3×3 max pool stride 2 padding 1 over 112×112 (ResNet stem)", [64, 112, 112], { type: "maxpool2d", kernel: 3, stride: 2, padding: 1 }, [64, 56, 56]],
    ["3×2 avg pool stride [2,3] padding [1,0] over 9×11, ceil", [2, 9, 11], { type: "avgpool2d", kernel: [3, 2], stride: [2, 3], padding: [1, 0], ceilMode: true }, [2, 5, 4]],
    ["3×3 min pool dilation 2 padding 1 over 10×10", [1, 10, 10], { type: "minpool2d", kernel: 3, dilation: 2, padding: 1 }, [1, 3, 3]],
    ["adaptive avg pool to [9,3] over 7×7", [1, 7, 7], { type: "adaptiveavgpool2d", outputSize: [9, 3] }, [1, 9, 3]],
    ["global max pool over 5×6", [3, 5, 6], { type: "globalmaxpool2d" }, [3, 1, 1]],
  ])("%s", (_name, input, layer, output) => {
    const analysis = single(input as number[], layer);
    expect(codes(analysis, "error")).toEqual([]);
    expect(analysis.nodes[0].outputShape).toEqual(output);
    expect(analysis.nodes[0].params).toBe(0);
  });

  it("resolves defaults: avg pool dilation [1,1], countIncludePad true", () => {
    expect(single([1, 8, 8], { type: "avgpool2d", kernel: 2 }).nodes[0].layer).toEqual<ResolvedPool>({
      type: "avgpool2d", kernel: [2, 2], stride: [2, 2], padding: [0, 0], dilation: [1, 1], ceilMode: false, countIncludePad: true,
    });
  });

  it("padding above half the kernel is refused (PyTorch 1.13 uses the undilated kernel)", () => {
    const dilated = only(single([1, 10, 10], { type: "maxpool2d", kernel: 3, padding: 2, dilation: 2 }), "pool-padding-too-large");
    expect(dilated.message).toContain("PyTorch 1.13 compares with the undilated kernel");
    expect(dilated.fixes?.[0].edits).toEqual([{ kind: "set", path: ["layers", 0, "padding"], value: 1 }]);
    expect(codes(single([1, 10, 10], { type: "avgpool2d", kernel: 3, padding: 2 }), "error")).toEqual(["pool-padding-too-large"]);
  });

  it("a 5×5 pool over 3×3 is refused; 5×5 with padding 2 over 1×1 is fine", () => {
    expect(codes(single([1, 3, 3], { type: "maxpool2d", kernel: 5 }), "error")).toEqual(["kernel-exceeds-input"]);
    expect(single([1, 1, 1], { type: "maxpool2d", kernel: 5, padding: 2 }).nodes[0].outputShape).toEqual([1, 1, 1]);
  });

  it("avgpool2d has no dilation: unknown key warning, kept", () => {
    const diagnostic = only(single([1, 8, 8], { type: "avgpool2d", kernel: 2, dilation: 2 }), "unknown-key");
    expect(diagnostic.severity).toBe("warning");
    expect(diagnostic.message).toContain("avgpool2d has no `dilation`");
  });

  it("a pool after flatten is refused", () => {
    expect(codes(network([1, 4, 4], [{ type: "flatten" }, { type: "maxpool2d", kernel: 2 }]), "error")).toEqual(["spatial-layer-on-flat-input"]);
  });
});

describe("other layers", () => {
  it("batchnorm has 2C parameters; dropout keeps the shape; activations carry their fields", () => {
    const analysis = network([8, 4, 4], [
      { type: "batchnorm2d" }, { type: "dropout", rate: 0.2 }, { type: "leakyrelu", slope: 0.2 }, { type: "elu" }, { type: "softmax" },
    ]);
    expect(analysis.nodes.map((node) => node.params)).toEqual([16, 0, 0, 0, 0]);
    expect(analysis.nodes[1].layer).toEqual({ type: "dropout", rate: 0.2 });
    expect(analysis.nodes[2].layer).toEqual({ type: "leakyrelu", activation: { type: "leakyrelu", slope: 0.2 } });
    expect(analysis.nodes[3].layer).toEqual({ type: "elu", activation: { type: "elu", alpha: 1 } });
    expect(analysis.nodes[0].layer).toEqual({ type: "batchnorm2d", channels: 8, eps: 1e-5 });
    expect(analysis.nodes[4].outputShape).toEqual([8, 4, 4]);
  });

  it("dropout rate outside [0, 1] is refused", () => {
    expect(only(single([1, 2, 2], { type: "dropout", rate: 1.5 }), "dropout-rate-out-of-range").path).toEqual(["layers", 0, "rate"]);
  });

  it("flatten → linear: in·units + units parameters", () => {
    const analysis = network([16, 5, 5], [{ type: "flatten" }, { type: "linear", units: 120 }]);
    expect(analysis.nodes[0].outputShape).toEqual([400]);
    expect(analysis.nodes[1].params).toBe(48120);
    expect(analysis.nodes[1].macs).toBe(48000);
    expect(analysis.totals).toEqual({ params: 48120, macs: 48000 });
  });

  it("linear on an unflattened input suggests inserting a flatten", () => {
    const analysis = network([3, 4, 4], [{ id: "c", type: "conv2d", filters: 2, kernel: 1 }, { id: "fc", type: "linear", units: 3 }]);
    const diagnostic = only(analysis, "linear-needs-flat-input");
    expect(diagnostic.path).toEqual(["layers", 1]);
    expect(diagnostic.fixes?.[0]).toEqual({ title: "Insert a flatten layer before fc", preferred: true, edits: [{ kind: "insert", path: ["layers", 1], value: { id: "flatten_1", type: "flatten" } }] });
  });

  it("the inserted flatten takes over a linear's explicit inputs and gets a fresh id", () => {
    const analysis = network([3, 4, 4], [{ id: "flatten_1", type: "conv2d", filters: 2, kernel: 1 }, { id: "x", type: "relu" }, { id: "fc", type: "linear", units: 3, inputs: ["flatten_1"] }]);
    expect(only(analysis, "linear-needs-flat-input").fixes?.[0].edits).toEqual([
      { kind: "set", path: ["layers", 2, "inputs"], value: ["flatten_2"] },
      { kind: "insert", path: ["layers", 2], value: { id: "flatten_2", type: "flatten", inputs: ["flatten_1"] } },
    ]);
  });
  // Expected values observed in PyTorch 1.13 (F.max_pool2d): 2×2 input, kernel 2, stride 1, padding 1,
  // dilation 3 → [[-inf]]; 2×9 input → one row of eight -inf; dilation 2 on 2×9 → all finite;
  // −maxpool(−x) (our min pool) → [[inf]]. A 3×3 input, kernel 3, stride 2, padding 1, dilation 2, ceil → finite.
  it("a dilated max pool whose window reads only padding is flagged with PyTorch's −∞ and a smaller dilation", () => {
    const tiny = only(single([1, 2, 2], { type: "maxpool2d", kernel: 2, stride: 1, padding: 1, dilation: 3 }), "pool-window-in-padding");
    expect(tiny.severity).toBe("warning");
    expect(tiny.path).toEqual(["layers", 0, "dilation"]);
    expect(tiny.message).toContain("−∞");
    expect(tiny.message).toContain("output row 0 of 1 and output column 0 of 1");
    const wide = only(single([1, 2, 9], { type: "maxpool2d", kernel: 2, stride: 1, padding: 1, dilation: 3 }), "pool-window-in-padding");
    expect(wide.message).toContain("output row 0 of 1 falls");
    expect(wide.fixes?.[0].edits).toEqual([{ kind: "set", path: ["layers", 0, "dilation"], value: [2, 3] }]);
    const fixed = single([1, 2, 9], { type: "maxpool2d", kernel: 2, stride: 1, padding: 1, dilation: [2, 3] });
    expect(codes(fixed)).not.toContain("pool-window-in-padding");
    expect(only(single([1, 2, 2], { type: "minpool2d", kernel: 2, stride: 1, padding: 1, dilation: 3 }), "pool-window-in-padding").message).toContain("+∞");
    expect(codes(single([1, 3, 3], { type: "maxpool2d", kernel: 3, stride: 2, padding: 1, dilation: 2, ceilMode: true }))).not.toContain("pool-window-in-padding");
    expect(codes(single([64, 112, 112], { type: "maxpool2d", kernel: 3, stride: 2, padding: 1 }))).not.toContain("pool-window-in-padding");
  });
});
