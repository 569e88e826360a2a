import { describe, expect, it } from "vitest";
import { compact, expectIntent, expectRefusal, multiline } from "./helpers";

describe("connect", () => {
  it("writes the implicit input out, right after type, before adding the new one", () => {
    expectIntent(compact, { kind: "connect", from: "c1", to: "c3" },
      compact.replace(`{ "id": "c3", "type": "conv2d", "filters"`, `{ "id": "c3", "type": "conv2d", "inputs": ["s2", "c1"], "filters"`));
  });

  it("appends to inputs that are already written", () => {
    const text = compact.replace(`"type": "flatten" }`, `"type": "flatten", "inputs": ["c3"] }`);
    expectIntent(text, { kind: "connect", from: "c1", to: "flat" }, text.replace(`"inputs": ["c3"]`, `"inputs": ["c3", "c1"]`));
  });

  it("the first layer's implicit input is the network input", () => {
    expectIntent(compact, { kind: "connect", from: "input", to: "s2" },
      compact.replace(`{ "id": "s2", "type": "maxpool2d",`, `{ "id": "s2", "type": "maxpool2d", "inputs": ["c1", "input"],`));
  });

  it("gives an unnamed previous layer its derived id so inputs can name it", () => {
    const text = `{\n  "layers": [\n    { "id": "a", "type": "relu" },\n    { "type": "relu" },\n    { "id": "c", "type": "relu" }\n  ]\n}\n`;
    expectIntent(text, { kind: "connect", from: "a", to: "c" },
      `{\n  "layers": [\n    { "id": "a", "type": "relu" },\n    { "id": "relu_1", "type": "relu" },\n    { "id": "c", "type": "relu", "inputs": ["relu_1", "a"] }\n  ]\n}\n`);
  });

  it("multi-line: the new inputs key goes on its own line", () => {
    expectIntent(multiline, { kind: "connect", from: "input", to: "b" },
      multiline.replace(`      "type": "relu"\n`, `      "type": "relu",\n      "inputs": ["a", "input"]\n`));
  });

  it("refuses a later layer, an unknown layer and a second connection", () => {
    expectRefusal(compact, { kind: "connect", from: "flat", to: "c3" }, "forward-reference");
    expectRefusal(compact, { kind: "connect", from: "nope", to: "c3" }, "unknown-layer");
    expectRefusal(compact, { kind: "connect", from: "s2", to: "c3" }, "already-connected");
  });
});

describe("disconnect", () => {
  const merged = compact.replace(`"type": "flatten" }`, `"type": "flatten", "inputs": ["c3", "c1"] }`);

  it("removes one input and its comma", () => {
    expectIntent(merged, { kind: "disconnect", from: "c3", to: "flat" }, merged.replace(`["c3", "c1"]`, `["c1"]`));
    expectIntent(merged, { kind: "disconnect", from: "c1", to: "flat" }, merged.replace(`["c3", "c1"]`, `["c3"]`));
  });

  it("refuses to leave a layer without input", () => {
    expectRefusal(compact, { kind: "disconnect", from: "s2", to: "c3" }, "last-input");
    expectRefusal(compact, { kind: "disconnect", from: "c1", to: "c3" }, "not-connected");
  });
});

describe("renameLayer", () => {
  const text = compact.replace(`"type": "flatten" }`, `"type": "flatten", "inputs": ["c3"] }`).replace(`"units": 10 }`, `"units": 10, "inputs": ["flat", "c3"] }`);

  it("renames the definition and every reference, nothing else", () => {
    expectIntent(text, { kind: "renameLayer", id: "c3", newId: "conv_b" }, text.replaceAll(`"c3"`, `"conv_b"`));
  });

  it("gives an unnamed layer an explicit id first in the object", () => {
    const unnamed = `{ "layers": [{ "type": "relu" }] }`;
    expectIntent(unnamed, { kind: "renameLayer", id: "relu_0", newId: "act" }, `{ "layers": [{ "id": "act", "type": "relu" }] }`);
  });

  it("refuses duplicates, the reserved id and malformed ids", () => {
    expectRefusal(text, { kind: "renameLayer", id: "c3", newId: "c1" }, "duplicate-id");
    expectRefusal(text, { kind: "renameLayer", id: "c3", newId: "input" }, "invalid-id");
    expectRefusal(text, { kind: "renameLayer", id: "c3", newId: "3x" }, "invalid-id");
    expectRefusal(text, { kind: "renameLayer", id: "c3", newId: "a b" }, "invalid-id");
  });
});

describe("moveLayer", () => {
  it("moves a line up, keeping the text of the layer exactly", () => {
    expectIntent(compact, { kind: "moveLayer", id: "flat", toIndex: 1 }, compact
      .replace(`    { "id": "flat", "type": "flatten" },\n`, "")
      .replace(`    { "id": "s2"`, `    { "id": "flat", "type": "flatten" },\n    { "id": "s2"`));
  });

  it("moves the last layer up: the comma moves with the order", () => {
    expectIntent(compact, { kind: "moveLayer", id: "out", toIndex: 0 }, compact
      .replace(`    { "id": "flat", "type": "flatten" },\n    { "id": "out", "type": "linear", "units": 10 }\n`, `    { "id": "flat", "type": "flatten" }\n`)
      .replace(`    { "id": "c1"`, `    { "id": "out", "type": "linear", "units": 10 },\n    { "id": "c1"`));
  });

  it("a layer's trailing comment moves with it", () => {
    expectIntent(compact, { kind: "moveLayer", id: "c3", toIndex: 4 }, compact
      .replace(`    { "id": "c3", "type": "conv2d", "filters": 16, "kernel": 5 }, // the second conv\n`, "")
      .replace(`    { "id": "out", "type": "linear", "units": 10 }\n`,
        `    { "id": "out", "type": "linear", "units": 10 },\n    { "id": "c3", "type": "conv2d", "filters": 16, "kernel": 5 } // the second conv\n`));
  });

  it("refuses moves that put a layer before its input or after its reader", () => {
    const text = compact.replace(`"type": "flatten" }`, `"type": "flatten", "inputs": ["c3"] }`);
    expect(expectRefusal(text, { kind: "moveLayer", id: "flat", toIndex: 1 }, "invalid-move")).toContain(`"c3"`);
    expect(expectRefusal(text, { kind: "moveLayer", id: "c3", toIndex: 4 }, "invalid-move")).toContain(`"flat"`);
    expectRefusal(text, { kind: "moveLayer", id: "c3", toIndex: 9 }, "invalid-move");
  });
});

describe("refusals that protect the document", () => {
  it("refuses every intent while the text is not valid JSON, naming line and column", () => {
    const broken = compact.replace(`"kernel": 2 },`, `"kernel": 2 ,`);
    const message = expectRefusal(broken, { kind: "addLayer", layer: { type: "relu" } }, "parse-error");
    // The object is left open, so the parser stops at the next layer's brace.
    expect(message).toContain("line 8, column 5");
  });

  it("refuses to set the id through setField (rename keeps references right)", () => {
    expectRefusal(compact, { kind: "setField", id: "c1", key: "id", value: "x" }, "reserved-key");
  });

  it("refuses fields that would duplicate id or type", () => {
    expectRefusal(compact, { kind: "addLayer", layer: { type: "relu", fields: { type: "tanh" } } }, "invalid-value");
  });
});
