/** Issue #16 part 2, item 2: edits target the key the engine reads, never overwrite a non-list `layers`. */
import { describe, expect, it } from "vitest";
import { analyze } from "../../../src/engine";
import { MAX_DUPLICATE_KEY_DIAGNOSTICS } from "../../../src/engine/duplicateKeys";
import { expectIntent, expectRefusal } from "./helpers";

describe("duplicate keys: edits follow the engine (the last copy)", () => {
  const twoLayers = `{\n  "input": [1, 8, 8],\n  "layers": [{ "id": "old", "type": "relu" }],\n  "layers": [{ "id": "a", "type": "relu" }, { "id": "b", "type": "relu" }]\n}\n`;

  it("deleting a layer deletes it from the layers the engine reads, not from the hidden copy", () => {
    expect(analyze(twoLayers).nodes.map((node) => node.id)).toEqual(["a", "b"]);
    expectIntent(twoLayers, { kind: "removeLayer", id: "b" },
      `{\n  "input": [1, 8, 8],\n  "layers": [{ "id": "old", "type": "relu" }],\n  "layers": [{ "id": "a", "type": "relu" }]\n}\n`);
    expectRefusal(twoLayers, { kind: "removeLayer", id: "old" }, "unknown-layer");
  });

  it("a duplicated stride is edited where the engine reads it", () => {
    const text = `{ "input": [1, 8, 8], "layers": [{ "id": "c", "type": "conv2d", "filters": 1, "kernel": 1, "stride": 1, "stride": 2 }] }`;
    expectIntent(text, { kind: "setField", id: "c", key: "stride", value: 3 },
      `{ "input": [1, 8, 8], "layers": [{ "id": "c", "type": "conv2d", "filters": 1, "kernel": 1, "stride": 1, "stride": 3 }] }`);
  });

  it("resetting a duplicated key removes every copy (the ignored one would come back)", () => {
    const text = `{ "input": [1, 8, 8], "layers": [{ "id": "c", "type": "conv2d", "stride": 1, "filters": 1, "kernel": 1, "stride": 2 }] }`;
    expectIntent(text, { kind: "setField", id: "c", key: "stride" },
      `{ "input": [1, 8, 8], "layers": [{ "id": "c", "type": "conv2d", "filters": 1, "kernel": 1 }] }`);
  });

  it("a duplicated id: the layer is renamed by the id the engine shows", () => {
    const text = `{ "input": [1, 8, 8], "layers": [{ "id": "first", "type": "relu", "id": "shown" }, { "id": "n", "type": "add", "inputs": ["shown", "input"] }] }`;
    expect(analyze(text).nodes[0].id).toBe("shown");
    expectIntent(text, { kind: "renameLayer", id: "shown", newId: "stem" },
      `{ "input": [1, 8, 8], "layers": [{ "id": "first", "type": "relu", "id": "stem" }, { "id": "n", "type": "add", "inputs": ["stem", "input"] }] }`);
  });
});

describe("a layers value that is not a list is never overwritten", () => {
  it.each([
    ["a string", `{ "input": [1, 8, 8], "layers": "see layers.txt" }`, /is a string/],
    ["an object", `{ "input": [1, 8, 8],\n  "layers": { "a": { "type": "relu" } } }`, /line 2, column 13\) is an object/],
  ])("%s: adding a layer is refused with where and how to fix it", (_name, text, where) => {
    for (const intent of [{ kind: "addLayer", layer: { type: "relu" } }, { kind: "insertLayer", afterId: null, layer: { type: "relu" } }] as const) {
      const message = expectRefusal(text, intent, "layers-not-array");
      expect(message).toMatch(where);
      expect(message).toMatch(/"layers": \[\]/);
    }
  });
});

describe("duplicate-key diagnostics", () => {
  it("a warning at both copies, each pointing at the other, with the JSON path", () => {
    const text = `{\n  "input": [1, 8, 8],\n  "layers": [{ "id": "c", "type": "conv2d", "filters": 1, "kernel": 1, "stride": 1,\n    "stride": 2 }]\n}`;
    const found = analyze(text).diagnostics.filter((diagnostic) => diagnostic.code === "duplicate-key");
    expect(found).toHaveLength(2);
    const [ignored, read] = found;
    expect(ignored).toMatchObject({ severity: "warning", path: ["layers", 0, "stride"], offset: text.indexOf(`"stride"`), length: 8 });
    expect(ignored.message).toMatch(/this copy is ignored; the last one \(line 4\) is read/);
    expect(read.offset).toBe(text.lastIndexOf(`"stride"`));
    expect(read.message).toMatch(/this copy is the one read; the other one \(line 3\) is ignored/);
    expect(ignored.related).toEqual([expect.objectContaining({ offset: read.offset, length: 8 })]);
    expect(read.related).toEqual([expect.objectContaining({ offset: ignored.offset, length: 8 })]);
  });

  it("escaped spellings of the same key are the same key; keys in strings and comments are not keys", () => {
    const text = `{ "input": [1, 8, 8], "a\\u0062": 1, "ab": 2, "s": "\\"ab\\": 3", /* "ab": 4 */ "layers": [] }`;
    expect(analyze(text).diagnostics.filter((diagnostic) => diagnostic.code === "duplicate-key").map((diagnostic) => diagnostic.path)).toEqual([["ab"], ["ab"]]);
  });

  it("a file repeating a key 100,000 times gets a bounded number of warnings, quickly", () => {
    const text = `{ "input": [1, 8, 8], "layers": [], ${Array.from({ length: 100_000 }, (_, index) => `"k": ${index}`).join(", ")} }`;
    const started = performance.now();
    const found = analyze(text).diagnostics.filter((diagnostic) => diagnostic.code === "duplicate-key");
    expect(found).toHaveLength(MAX_DUPLICATE_KEY_DIAGNOSTICS);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
