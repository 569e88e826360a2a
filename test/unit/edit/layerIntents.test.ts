import { describe, it } from "vitest";
import { compact, expectIntent, multiline } from "./helpers";

describe("addLayer on one-line layers", () => {
  it("appends with a fresh explicit id, one line like its neighbours", () => {
    expectIntent(compact, { kind: "addLayer", layer: { type: "conv2d", fields: { filters: 8, kernel: 3 } } }, compact.replace(
      `{ "id": "out", "type": "linear", "units": 10 }\n`,
      `{ "id": "out", "type": "linear", "units": 10 },\n    { "id": "conv1", "type": "conv2d", "filters": 8, "kernel": 3 }\n`,
    ));
  });

  it("skips taken numbers: conv1 exists, so the next conv is conv2", () => {
    const text = compact.replace(`"id": "c1"`, `"id": "conv1"`);
    expectIntent(text, { kind: "addLayer", layer: { type: "conv2d", fields: { filters: 8, kernel: 3 } } }, text.replace(
      `{ "id": "out", "type": "linear", "units": 10 }\n`,
      `{ "id": "out", "type": "linear", "units": 10 },\n    { "id": "conv2", "type": "conv2d", "filters": 8, "kernel": 3 }\n`,
    ));
  });

  it("inserts after a layer on its own line, keeping the neighbour's trailing comment", () => {
    expectIntent(compact, { kind: "insertLayer", afterId: "c3", layer: { type: "relu" } }, compact.replace(
      `// the second conv\n`,
      `// the second conv\n    { "id": "relu1", "type": "relu" },\n`,
    ));
  });

  it("inserts first when afterId is null", () => {
    expectIntent(compact, { kind: "insertLayer", afterId: null, layer: { type: "batchnorm2d", id: "bn0" } }, compact.replace(
      `    { "id": "c1"`,
      `    { "id": "bn0", "type": "batchnorm2d" },\n    { "id": "c1"`,
    ));
  });

  it("keeps a trailing comma after the last layer", () => {
    const text = compact.replace(`"units": 10 }\n`, `"units": 10 },\n`);
    expectIntent(text, { kind: "addLayer", layer: { type: "dropout" } }, text.replace(
      `"units": 10 },\n`,
      `"units": 10 },\n    { "id": "drop1", "type": "dropout" },\n`,
    ));
  });
});

describe("addLayer on multi-line layers", () => {
  it("appends one key per line, indented like the neighbours", () => {
    expectIntent(multiline, { kind: "addLayer", layer: { type: "conv2d", fields: { filters: 8, kernel: [3, 3] } } }, multiline.replace(
      `      "type": "relu"\n    }\n`,
      `      "type": "relu"\n    },\n    {\n      "id": "conv1",\n      "type": "conv2d",\n      "filters": 8,\n      "kernel": [3, 3]\n    }\n`,
    ));
  });

  it("inserts above the comment that describes the next layer", () => {
    expectIntent(multiline, { kind: "insertLayer", afterId: "a", layer: { type: "relu" } }, multiline.replace(
      `    // next comes b\n`,
      `    {\n      "id": "relu1",\n      "type": "relu"\n    },\n    // next comes b\n`,
    ));
  });

  it("creates the layers array when the file has none", () => {
    const text = `{\n  "version": 1,\n  "input": [1, 8, 8]\n}\n`;
    expectIntent(text, { kind: "addLayer", layer: { type: "flatten" } },
      `{\n  "version": 1,\n  "input": [1, 8, 8],\n  "layers": [\n    { "id": "flat1", "type": "flatten" }\n  ]\n}\n`);
  });

  it("fills an empty layers array on its own lines", () => {
    const text = `{ "input": [1, 8, 8], "layers": [] }`;
    expectIntent(text, { kind: "addLayer", layer: { type: "flatten" } },
      `{ "input": [1, 8, 8], "layers": [\n  { "id": "flat1", "type": "flatten" }\n] }`);
  });
});

describe("removeLayer", () => {
  it("removes a middle line and nothing else", () => {
    expectIntent(compact, { kind: "removeLayer", id: "s2" }, compact.replace(`    { "id": "s2", "type": "maxpool2d", "kernel": 2 },\n`, ""));
  });

  it("removes the last layer and the comma before it", () => {
    expectIntent(compact, { kind: "removeLayer", id: "out" }, compact.replace(
      `    { "id": "flat", "type": "flatten" },\n    { "id": "out", "type": "linear", "units": 10 }\n`,
      `    { "id": "flat", "type": "flatten" }\n`,
    ));
  });

  it("takes the layer's own trailing comment with it", () => {
    expectIntent(compact, { kind: "removeLayer", id: "c3" }, compact.replace(
      `    { "id": "c3", "type": "conv2d", "filters": 16, "kernel": 5 }, // the second conv\n`, "",
    ));
  });

  it("rewires layers that read it to its inputs", () => {
    const text = compact.replace(`"type": "flatten" }`, `"type": "flatten", "inputs": ["c3"] }`);
    expectIntent(text, { kind: "removeLayer", id: "c3" }, text
      .replace(`    { "id": "c3", "type": "conv2d", "filters": 16, "kernel": 5 }, // the second conv\n`, "")
      .replace(`"inputs": ["c3"]`, `"inputs": ["s2"]`));
  });

  it("writes the removed merge's inputs into an implicit successor so it reads the same tensors", () => {
    const text = `{
  "layers": [
    { "id": "a", "type": "relu" },
    { "id": "b", "type": "relu" },
    { "id": "sum", "type": "add", "inputs": ["a", "b"] },
    { "id": "after", "type": "relu" }
  ]
}`;
    expectIntent(text, { kind: "removeLayer", id: "sum" }, `{
  "layers": [
    { "id": "a", "type": "relu" },
    { "id": "b", "type": "relu" },
    { "id": "after", "type": "relu", "inputs": ["a", "b"] }
  ]
}`);
  });

  it("multi-line: removes the element's lines and the previous comma when it was last", () => {
    expectIntent(multiline, { kind: "removeLayer", id: "b" }, multiline.replace(
      `    },\n    // next comes b\n    {\n      "id": "b",\n      "type": "relu"\n    }\n`,
      `    }\n    // next comes b\n`,
    ));
  });
});

describe("setField", () => {
  it("adds a missing key at the end of a one-line layer", () => {
    expectIntent(compact, { kind: "setField", id: "c1", key: "padding", value: 2 },
      compact.replace(`"kernel": 5 },\n    { "id": "s2"`, `"kernel": 5, "padding": 2 },\n    { "id": "s2"`));
  });

  it("replaces a value in place, keeping the comment after the layer", () => {
    expectIntent(compact, { kind: "setField", id: "c3", key: "kernel", value: [3, 3] },
      compact.replace(`"filters": 16, "kernel": 5 }, // the second conv`, `"filters": 16, "kernel": [3, 3] }, // the second conv`));
  });

  it("removes a key and its comma", () => {
    expectIntent(compact, { kind: "setField", id: "c3", key: "filters" },
      compact.replace(`"type": "conv2d", "filters": 16, "kernel": 5 }`, `"type": "conv2d", "kernel": 5 }`));
  });

  it("removing an absent key changes nothing", () => {
    expectIntent(compact, { kind: "setField", id: "c3", key: "stride" }, compact);
  });

  it("multi-line: adds after a trailing comma, keeping the comma style", () => {
    expectIntent(multiline, { kind: "setField", id: "a", key: "stride", value: 2 },
      multiline.replace(`      "kernel": 3,\n`, `      "kernel": 3,\n      "stride": 2,\n`));
  });

  it("multi-line: adds a comma after the last key and the new key on its own line", () => {
    expectIntent(multiline, { kind: "setField", id: "b", key: "inplace", value: true },
      multiline.replace(`      "type": "relu"\n`, `      "type": "relu",\n      "inplace": true\n`));
  });

  it("multi-line: removes a key's whole line with its comment", () => {
    expectIntent(multiline, { kind: "setField", id: "a", key: "type" },
      multiline.replace(`      "type": "conv2d", // the stem\n`, ""));
  });
});
