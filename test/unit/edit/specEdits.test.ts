import { describe, it } from "vitest";
import { compact, expectIntent, expectRefusal, multiline } from "./helpers";

describe("applySpecEdits (the engine's fixes)", () => {
  it("sets an existing value and creates a missing key in one intent", () => {
    expectIntent(compact, {
      kind: "applySpecEdits",
      edits: [
        { kind: "set", path: ["layers", 0, "kernel"], value: 3 },
        { kind: "set", path: ["layers", 0, "padding"], value: 1 },
      ],
    }, compact.replace(`"filters": 6, "kernel": 5 }`, `"filters": 6, "kernel": 3, "padding": 1 }`));
  });

  it("inserts a flatten layer into layers by index", () => {
    expectIntent(compact, {
      kind: "applySpecEdits",
      edits: [{ kind: "insert", path: ["layers", 3], value: { id: "flatten1", type: "flatten" } }],
    }, compact.replace(`    { "id": "flat"`, `    { "id": "flatten1", "type": "flatten" },\n    { "id": "flat"`));
  });

  it("removes a key at a path", () => {
    expectIntent(multiline, { kind: "applySpecEdits", edits: [{ kind: "remove", path: ["extra"] }] },
      multiline.replace(`  ],\n  "extra": { "keep": true }\n`, `  ]\n`));
  });

  it("creates missing parent objects", () => {
    expectIntent(`{ "layers": [] }`, { kind: "applySpecEdits", edits: [{ kind: "set", path: ["meta", "author"], value: "me" }] },
      `{ "layers": [], "meta": { "author": "me" } }`);
  });

  it("refuses a path that does not fit the document", () => {
    expectRefusal(compact, { kind: "applySpecEdits", edits: [{ kind: "insert", path: ["version", 0], value: 1 }] }, "invalid-path");
    expectRefusal(compact, { kind: "applySpecEdits", edits: [{ kind: "remove", path: ["nothing"] }] }, "invalid-path");
  });
});

describe("document styles", () => {
  it("CRLF line breaks and tab indentation are kept", () => {
    const text = `{\r\n\t"layers": [\r\n\t\t{ "id": "a", "type": "relu" }\r\n\t]\r\n}\r\n`;
    expectIntent(text, { kind: "addLayer", layer: { type: "tanh" } },
      `{\r\n\t"layers": [\r\n\t\t{ "id": "a", "type": "relu" },\r\n\t\t{ "id": "tanh1", "type": "tanh" }\r\n\t]\r\n}\r\n`);
  });

  it("multi-line objects with tabs get tab-indented keys", () => {
    const text = `{\n\t"layers": [\n\t\t{\n\t\t\t"id": "a",\n\t\t\t"type": "relu"\n\t\t}\n\t]\n}`;
    expectIntent(text, { kind: "setField", id: "a", key: "weights", value: { kernels: ["sobel-x"] } },
      `{\n\t"layers": [\n\t\t{\n\t\t\t"id": "a",\n\t\t\t"type": "relu",\n\t\t\t"weights": {\n\t\t\t\t"kernels": ["sobel-x"]\n\t\t\t}\n\t\t}\n\t]\n}`);
  });

  it("compact spacing (no spaces) is kept", () => {
    const text = `{"layers":[{"id":"a","type":"relu"}]}`;
    expectIntent(text, { kind: "setField", id: "a", key: "slope", value: 0.1 }, `{"layers":[{"id":"a","type":"relu","slope":0.1}]}`);
  });

  it("block comments and unknown keys inside a layer survive an edit next to them", () => {
    const text = `{ "layers": [{ "id": "a", /* why */ "type": "conv2d", "color": "red", "kernel": 3 }] }`;
    expectIntent(text, { kind: "setField", id: "a", key: "kernel", value: 5 },
      `{ "layers": [{ "id": "a", /* why */ "type": "conv2d", "color": "red", "kernel": 5 }] }`);
  });
});
