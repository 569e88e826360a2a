import { describe, expect, it } from "vitest";
import { analyze } from "../../../src/engine";
import { codes, network, only } from "./helpers";

describe("graph scenarios", () => {
  it("branch and merge (a residual block): add keeps the shape, concat sums channels", () => {
    const analysis = network([8, 16, 16], [
      { id: "a", type: "conv2d", filters: 8, kernel: 3, padding: 1 },
      { id: "b", type: "conv2d", filters: 8, kernel: 3, padding: 1 },
      { id: "sum", type: "add", inputs: ["b", "input"] },
      { id: "side", type: "conv2d", filters: 4, kernel: 1, inputs: ["a"] },
      { id: "cat", type: "concat", inputs: ["sum", "side"] },
    ]);
    expect(analysis.diagnostics).toEqual([]);
    expect(analysis.nodes.map((node) => node.inputs)).toEqual([["input"], ["a"], ["b", "input"], ["a"], ["sum", "side"]]);
    expect(analysis.nodes[2].outputShape).toEqual([8, 16, 16]);
    expect(analysis.nodes[4].outputShape).toEqual([12, 16, 16]);
    expect(analysis.nodes[4].inputShapes).toEqual([[8, 16, 16], [4, 16, 16]]);
  });

  it("add with mismatched shapes names both branches", () => {
    const analysis = network([8, 16, 16], [
      { id: "a", type: "conv2d", filters: 4, kernel: 3, padding: 1 },
      { id: "sum", type: "add", inputs: ["a", "input"] },
      { id: "after", type: "relu" },
    ]);
    const diagnostic = only(analysis, "merge-shape-mismatch");
    expect(diagnostic.message).toContain("a 4×16×16, input 8×16×16");
    expect(diagnostic.related).toEqual([{ path: ["layers", 0], message: "a produces 4×16×16" }]);
    expect(analysis.nodes[2].outputShape).toBeNull();
    expect(codes(analysis)).toEqual(["merge-shape-mismatch"]);
  });

  it("concat needs equal height and width; flat inputs concatenate features", () => {
    const spatial = network([2, 8, 8], [{ id: "p", type: "maxpool2d", kernel: 2 }, { type: "concat", inputs: ["p", "input"] }]);
    expect(codes(spatial)).toEqual(["merge-shape-mismatch"]);
    const flat = network([2, 2, 2], [{ id: "f", type: "flatten" }, { id: "g", type: "linear", units: 3 }, { type: "concat", inputs: ["f", "g"] }]);
    expect(flat.nodes[2].outputShape).toEqual([11]);
  });

  it("add with one input, and without inputs, are errors", () => {
    expect(codes(network([1, 2, 2], [{ id: "a", type: "relu" }, { type: "add", inputs: ["a"] }]))).toEqual(["merge-needs-two-inputs"]);
    expect(only(network([1, 2, 2], [{ type: "add" }]), "missing-field").path).toEqual(["layers", 0]);
  });

  it("forward reference and self reference are errors with the later layer related", () => {
    const analysis = network([1, 4, 4], [{ id: "a", type: "relu", inputs: ["b"] }, { id: "b", type: "relu" }, { id: "c", type: "relu", inputs: ["c"] }]);
    const forward = analysis.diagnostics.filter((diagnostic) => diagnostic.code === "forward-reference");
    expect(forward.map((diagnostic) => diagnostic.path)).toEqual([["layers", 0, "inputs", 0], ["layers", 2, "inputs", 0]]);
    expect(forward[0].related).toEqual([{ path: ["layers", 1], message: '"b" is defined here' }]);
    expect(forward[1].message).toContain("the layer itself");
    // no cascade: b has no shape because a has none, but b reports nothing
    expect(analysis.nodes[1].outputShape).toBeNull();
    expect(analysis.diagnostics.filter((diagnostic) => diagnostic.layerId === "b")).toEqual([]);
  });

  it("an unknown input offers the closest id and removal", () => {
    const analysis = network([1, 4, 4], [
      { id: "conv1", type: "conv2d", filters: 1, kernel: 1 },
      { id: "conv2", type: "conv2d", filters: 1, kernel: 1 },
      { id: "sum", type: "add", inputs: ["conv1", "conv2", "comv2"] },
    ]);
    const diagnostic = only(analysis, "unknown-input");
    expect(diagnostic.path).toEqual(["layers", 2, "inputs", 2]);
    expect(diagnostic.fixes).toEqual([
      { title: 'Change to "conv2"', preferred: true, edits: [{ kind: "set", path: ["layers", 2, "inputs", 2], value: "conv2" }] },
      { title: 'Remove input "comv2"', edits: [{ kind: "remove", path: ["layers", 2, "inputs", 2] }] },
    ]);
  });

  it("naming a layer by its derived id explains and offers to add the id", () => {
    const analysis = network([1, 4, 4], [{ type: "relu" }, { type: "add", inputs: ["relu_0", "input"] }]);
    const diagnostic = only(analysis, "unknown-input");
    expect(diagnostic.message).toContain('Layer 0 is shown as "relu_0" but has no explicit id');
    expect(diagnostic.fixes?.[0]).toEqual({ title: 'Give layer 0 the id "relu_0"', preferred: true, edits: [{ kind: "set", path: ["layers", 0, "id"], value: "relu_0" }] });
  });

  it("duplicate, reserved and invalid ids; derived ids for layers without one", () => {
    const analysis = network([1, 4, 4], [{ id: "a", type: "relu" }, { id: "a", type: "relu" }, { id: "input", type: "relu" }, { id: "2bad", type: "relu" }, { type: "sigmoid" }]);
    expect(codes(analysis)).toEqual(["duplicate-id", "reserved-id", "invalid-id"]);
    expect(only(analysis, "duplicate-id").related).toEqual([{ path: ["layers", 0, "id"], message: '"a" is first defined here' }]);
    expect(only(analysis, "invalid-id").fixes?.[0].edits[0]).toEqual({ kind: "set", path: ["layers", 3, "id"], value: "_2bad" });
    expect(analysis.nodes[4]).toMatchObject({ id: "sigmoid_4", explicitId: false, outputShape: [1, 4, 4] });
  });

  it("a single-input layer naming two inputs is an error", () => {
    expect(codes(network([1, 4, 4], [{ id: "a", type: "relu" }, { type: "relu", inputs: ["a", "input"] }]))).toEqual(["wrong-input-count"]);
  });

  it("a cycle cannot be written: every back-edge is a forward reference", () => {
    const analysis = network([1, 4, 4], [{ id: "a", type: "add", inputs: ["input", "b"] }, { id: "b", type: "relu", inputs: ["a"] }]);
    expect(codes(analysis)).toEqual(["forward-reference"]);
    expect(analysis.nodes.map((node) => node.outputShape)).toEqual([null, null]);
  });

  it("an invalid input shape leaves every shape null with a single error", () => {
    const analysis = analyze({ input: [3, 0, 4], layers: [{ type: "relu" }, { type: "conv2d", filters: 2, kernel: 3 }] });
    expect(codes(analysis)).toEqual(["non-positive-value"]);
    expect(analysis.input).toBeNull();
    expect(analysis.nodes.map((node) => node.outputShape)).toEqual([null, null]);
  });

  it("worstSeverity reflects the layer's diagnostics", () => {
    const analysis = network([1, 32, 32], [{ type: "conv2d", filters: 1, kernel: 3, stride: 2, extra: 1 }, { type: "relu" }]);
    expect(analysis.nodes[0].worstSeverity).toBe("warning");
    expect(analysis.nodes[1].worstSeverity).toBeUndefined();
  });
});
