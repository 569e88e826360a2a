// Exporters on hostile specs: unique names in linear work, many readers, values JSON cannot
// hold (refused with a message, never a throw), and parse-error ranges inside the text.
import { describe, expect, it } from "vitest";
import { analyze } from "../../../src/engine";
import { exportPytorch, exportSpecJson } from "../../../src/engine/export";
import { explicitIds } from "../../../src/engine/export/jsonExport";
import { assignModuleNames, assignVariableNames } from "../../../src/engine/export/pytorchNames";
import { NameAllocator } from "../../../src/engine/freshIds";
import { MAX_EXPORT_NESTING } from "../../../src/engine/limits";

const LAYERS = 20_000;

describe("unique names", () => {
  it("flattens 20,000 colliding ids with O(n) set lookups", () => {
    const ids = Array.from({ length: LAYERS }, (_, position) => `relu_${position - (position % 2) + 1}`); // relu_1, relu_1, relu_3, relu_3…
    const allocator = new NameAllocator();
    const names = assignModuleNames(ids, allocator).map((name) => name.qualifiedName);
    expect(new Set(names).size).toBe(LAYERS);
    expect(names.slice(0, 4)).toEqual(["relu_1", "relu_1_2", "relu_3", "relu_3_2"]);
    expect(allocator.probes).toBeLessThan(3 * LAYERS);
  });

  it("gives 20,000 copies of one id distinct names with O(n) lookups", () => {
    const ids = Array.from({ length: LAYERS }, () => "x");
    const modules = new NameAllocator();
    const names = assignModuleNames(ids, modules).map((name) => name.qualifiedName);
    expect(names.slice(0, 3)).toEqual(["x", "x_2", "x_3"]);
    expect(new Set(names).size).toBe(LAYERS);
    expect(modules.probes).toBeLessThan(3 * LAYERS);
    const variables = new NameAllocator(["x"]);
    expect(assignVariableNames(ids, variables).slice(0, 2)).toEqual(["x_2", "x_3"]);
    expect(variables.probes).toBeLessThan(3 * LAYERS);
  });

  it("keeps the tree rules: a layer that is also a container is flattened", () => {
    expect(assignModuleNames(["a.b", "a", "a.b.c", "a_b"]).map((name) => name.qualifiedName)).toEqual(["a.b", "a_2", "a_b_c", "a_b"]);
  });

  it("makes derived ids explicit with O(n) lookups when explicit ids take them", () => {
    const nodes = Array.from({ length: LAYERS }, (_, position) => ({ id: "relu_1", explicitId: position === 0 }));
    const allocator = new NameAllocator();
    const ids = explicitIds(nodes, allocator);
    expect(ids.slice(0, 3)).toEqual(["relu_1", "relu_1_2", "relu_1_3"]);
    expect(new Set(ids).size).toBe(LAYERS);
    expect(allocator.probes).toBeLessThan(3 * LAYERS);
  });
});

describe("PyTorch export with many readers", () => {
  it("exports 20,000 layers reading the input, and a concat of 20,000 inputs", () => {
    const fanout = { version: 1, input: [1, 4, 4], layers: Array.from({ length: LAYERS }, (_, position) => ({ id: `s${position}`, type: "relu", inputs: ["input"] })) };
    const result = exportPytorch(fanout);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.text.split("(net_input)").length - 1).toBe(LAYERS);
    const concat = exportPytorch({ version: 1, input: [1, 4, 4], layers: [{ id: "c", type: "concat", inputs: Array.from({ length: LAYERS }, () => "input") }] });
    expect(concat.ok && concat.text.split("net_input").length - 1).toBe(LAYERS + 1);
  });
});

describe("JSON export of values JSON cannot hold", () => {
  it.each([["1e400", "infinity"], ["-1e400", "minus infinity"]])("refuses %s in a kept unknown key with a message naming it", (literal, reads) => {
    const text = `{"version": 1, "input": [1, 8, 8], "layers": [{"id": "r", "type": "relu", "extra": ${literal}}]}`;
    for (const options of [{}, { computed: true }, { keepErrors: true }]) {
      const result = exportSpecJson(text, options);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toBe(`Cannot export the spec as JSON: the number at "layers[0].extra" is too large for a JSON number (it reads as ${reads}); write it as a string or a smaller number.`);
    }
  });

  it("refuses (keepErrors too) an unknown key nested 100,000 deep, and writes one nested within the cap", () => {
    const deep = (levels: number) => `{"version": 1, "input": [1, 8, 8], "layers": [{"id": "r", "type": "relu", "extra": ${"[".repeat(levels)}${"]".repeat(levels)}}], "x": ${Number.MAX_VALUE}}`;
    expect(analyze(deep(100_000)).parseFailed).toBe(false);
    for (const options of [{}, { keepErrors: true }]) {
      const result = exportSpecJson(deep(100_000), options);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toContain(`"layers[0].extra[0][0][0][0][0]…" is nested more than ${MAX_EXPORT_NESTING} levels deep`);
    }
    const within = exportSpecJson(deep(MAX_EXPORT_NESTING - 10));
    expect(within.ok).toBe(true);
    if (within.ok) expect(JSON.parse(within.text).layers[0].extra).toEqual(JSON.parse(`${"[".repeat(990)}${"]".repeat(990)}`));
  });
});

describe("parse-error ranges", () => {
  it.each(["/*", "{", '{"a": ', "[1, /* x", "\ufeff/"])("keeps every range of %j inside the text", (text) => {
    const diagnostics = analyze(text).diagnostics;
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const { offset = 0, length = 0 } of diagnostics) {
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(offset + length).toBeLessThanOrEqual(text.length);
    }
  });
});
