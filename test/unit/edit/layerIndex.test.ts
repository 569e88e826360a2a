import { describe, expect, it } from "vitest";
import { indexLayers, occurrenceAt, occurrencesOf, parseText, uniqueLayerId } from "../../../src/engine/edit";

const text = `{
  "layers": [
    { "id": "a", "type": "conv2d" },
    { "type": "relu" },
    { "id": "b", "type": "add", "inputs": ["a", "input"] },
    { "id": "c", "type": "concat", "inputs": ["b", "a"] }
  ]
}`;
const index = indexLayers(parseText(text));

describe("indexLayers", () => {
  it("gives unnamed layers the engine's derived id and resolves implicit inputs", () => {
    expect(index.layers.map((layer) => [layer.id, layer.explicitId, layer.inputs])).toEqual([
      ["a", true, ["input"]],
      ["relu_1", false, ["a"]],
      ["b", true, ["a", "input"]],
      ["c", true, ["b", "a"]],
    ]);
  });

  it("finds the id under the cursor: a definition or a reference", () => {
    const definition = occurrenceAt(index, text.indexOf(`"b", "type"`) + 1);
    expect(definition).toMatchObject({ id: "b", kind: "definition" });
    const reference = occurrenceAt(index, text.lastIndexOf(`"a"`) + 1);
    expect(reference).toMatchObject({ id: "a", kind: "reference" });
    expect(reference?.layer.id).toBe("c");
    expect(occurrenceAt(index, text.indexOf("concat"))).toBeUndefined();
  });

  it("lists every occurrence of an id in document order", () => {
    const offsets = occurrencesOf(index, "a").map((occurrence) => [occurrence.kind, occurrence.node.offset]);
    expect(offsets).toEqual([
      ["definition", text.indexOf(`"a"`)],
      ["reference", text.indexOf(`["a"`) + 1],
      ["reference", text.lastIndexOf(`"a"`)],
    ]);
  });
});

describe("uniqueLayerId", () => {
  it("uses a short prefix per type and the first free number", () => {
    expect(uniqueLayerId("conv2d", new Set(["conv1", "conv3"]))).toBe("conv2");
    expect(uniqueLayerId("maxpool2d", new Set())).toBe("pool1");
    expect(uniqueLayerId("gelu", new Set(["gelu1"]))).toBe("gelu2");
  });
});
