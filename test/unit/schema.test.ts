// schemas/cnn.schema.json against the format's table (spec-format.md §1), written out here
// independently: every layer type has a branch, every field of the table is declared with a
// description and its default, and the templates use only declared keys.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "jsonc-parser";
import { describe, expect, it } from "vitest";
import { KERNEL_PRESET_NAMES } from "../../src/engine";
import { LAYER_HANDLERS } from "../../src/engine/layers/registry";

interface SchemaNode {
  [key: string]: unknown;
  description?: string;
  markdownDescription?: string;
  default?: unknown;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  enum?: unknown[];
  allOf?: SchemaNode[];
  if?: SchemaNode;
  then?: SchemaNode;
  const?: unknown;
  $ref?: string;
  defaultSnippets?: { label: string; body: Record<string, unknown> }[];
}

const root = join(__dirname, "../..");
const schemaText = readFileSync(join(root, "schemas/cnn.schema.json"), "utf8");
const schema = JSON.parse(schemaText) as SchemaNode & { definitions: Record<string, SchemaNode> };
const layerSchema = schema.definitions.layer;

/** Field → default (undefined: no default in the table) per type; `*` marks required fields. */
const conv = { "filters*": undefined, "kernel*": undefined, stride: 1, padding: 0, dilation: 1, groups: 1, bias: true, activation: undefined, weights: "kaiming" };
const maxpool = { "kernel*": undefined, stride: undefined, padding: 0, dilation: 1, ceilMode: false, checkUnread: true };
const FORMAT_TABLE: Record<string, Record<string, unknown>> = {
  conv2d: { ...conv, flipKernel: false, checkUnread: true },
  convtranspose2d: { ...conv, outputPadding: 0 },
  maxpool2d: maxpool,
  avgpool2d: { "kernel*": undefined, stride: undefined, padding: 0, ceilMode: false, countIncludePad: true, checkUnread: true },
  minpool2d: maxpool,
  adaptiveavgpool2d: { "outputSize*": undefined },
  adaptivemaxpool2d: { "outputSize*": undefined },
  globalavgpool2d: {},
  globalmaxpool2d: {},
  upsample2d: { mode: "nearest", scaleFactor: undefined, size: undefined, alignCorners: undefined },
  batchnorm2d: { eps: 1e-5 },
  dropout: { rate: 0.5 },
  flatten: {},
  linear: { "units*": undefined, bias: true, activation: undefined },
  relu: {}, relu6: {}, leakyrelu: { slope: 0.01 }, elu: { alpha: 1 }, sigmoid: {}, tanh: {}, gelu: {}, silu: {}, hardswish: {}, softmax: {},
  add: { "inputs*": undefined },
  concat: { "inputs*": undefined },
};
const ACTIVATIONS = ["relu", "relu6", "leakyrelu", "elu", "sigmoid", "tanh", "gelu", "silu", "hardswish", "softmax"];
const PRESETS = ["identity", "sobel-x", "sobel-y", "scharr-x", "scharr-y", "prewitt-x", "prewitt-y", "laplacian-4", "laplacian-8",
  "gaussian", "box", "sharpen", "emboss", "edge-horizontal", "edge-vertical", "shift-left", "shift-right", "shift-up", "shift-down"];

function resolve(node: SchemaNode): SchemaNode {
  if (node.$ref === undefined) return node;
  const name = node.$ref.replace("#/definitions/", "");
  expect(schema.definitions, `dangling $ref ${node.$ref}`).toHaveProperty([name]);
  return resolve(schema.definitions[name]);
}

function branchFor(type: string): SchemaNode {
  const branches = (layerSchema.allOf ?? []).filter((branch) => branch.if?.properties?.type?.const === type);
  expect(branches, `branches for ${type}`).toHaveLength(1);
  expect(branches[0].if?.required).toEqual(["type"]);
  return branches[0].then ?? {};
}

function fieldsOf(spec: Record<string, unknown>): string[] {
  return Object.keys(spec).map((key) => key.replace("*", ""));
}

function expectDocumented(node: SchemaNode | undefined, where: string): void {
  expect(node?.description, `${where}: description`).toMatch(/\w{3}/);
  expect(node?.markdownDescription, `${where}: markdownDescription`).toMatch(/\w{3}/);
}

describe("cnn.schema.json", () => {
  it("is draft-07 JSON", () => {
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(schema.type).toBe("object");
  });

  it("documents every top-level field and requires input and layers (version is optional, as in the engine)", () => {
    for (const key of ["version", "name", "input", "seed", "layers"]) expectDocumented(schema.properties?.[key], key);
    expect(schema.required?.sort()).toEqual(["input", "layers"]);
    expect(schema.properties?.seed.default).toBe(0);
    expect(schema.additionalProperties).toBe(true);
  });

  it("lists exactly the format's layer types, each described", () => {
    const layerType = resolve({ $ref: "#/definitions/layerType" });
    expect(layerType.enum).toEqual(Object.keys(FORMAT_TABLE));
    expect(layerType.enumDescriptions).toHaveLength(Object.keys(FORMAT_TABLE).length);
  });

  it("enumerates the activations and the kernel presets", () => {
    expect(resolve({ $ref: "#/definitions/activationName" }).enum).toEqual(ACTIVATIONS);
    expect(resolve({ $ref: "#/definitions/presetName" }).enum).toEqual(PRESETS);
    expect([...KERNEL_PRESET_NAMES]).toEqual(PRESETS);
  });

  it("keeps unknown layer keys legal (the engine only warns)", () => {
    expect(layerSchema.additionalProperties).toBe(true);
    for (const type of Object.keys(FORMAT_TABLE)) expect(branchFor(type).additionalProperties).toBeUndefined();
    for (const key of ["id", "type", "inputs"]) expectDocumented(layerSchema.properties?.[key], `layer.${key}`);
    expect(layerSchema.required).toEqual(["type"]);
  });

  describe.each(Object.entries(FORMAT_TABLE))("%s", (type, table) => {
    it("declares exactly the table's fields, each with a description and its default", () => {
      const branch = branchFor(type);
      expect(Object.keys(branch.properties ?? {}).sort()).toEqual(fieldsOf(table).sort());
      for (const [key, expectedDefault] of Object.entries(table)) {
        const property = branch.properties?.[key.replace("*", "")];
        expectDocumented(property, `${type}.${key}`);
        expect(property?.default, `${type}.${key} default`).toEqual(expectedDefault);
      }
    });

    it("declares the same fields the engine reads (no drift between editor and engine)", () => {
      const handler = (LAYER_HANDLERS as Record<string, { fields: readonly string[] } | undefined>)[type];
      const declared = Object.keys(branchFor(type).properties ?? {}).filter((key) => key !== "inputs");
      expect(declared.sort()).toEqual([...(handler?.fields ?? ["<no engine handler>"])].sort());
    });

    it("requires the table's starred fields", () => {
      const branch = branchFor(type);
      const starred = Object.keys(table).filter((key) => key.endsWith("*")).map((key) => key.slice(0, -1));
      expect(branch.required ?? []).toEqual(starred);
    });

    it("has a completion snippet with the required fields", () => {
      const branch = branchFor(type);
      const snippets = (layerSchema.defaultSnippets ?? []).filter((snippet) => snippet.body.type === type);
      expect(snippets).toHaveLength(1);
      for (const key of branch.required ?? []) expect(snippets[0].body).toHaveProperty([key]);
      expect(snippets[0].body.id).toMatch(/^\$\{1:[A-Za-z_]/);
    });
  });

  describe.each(readdirSync(join(root, "media/templates")).filter((file) => file.endsWith(".cnn.json")))("template %s", (file) => {
    const spec = parse(readFileSync(join(root, "media/templates", file), "utf8")) as { layers: Record<string, unknown>[] };

    it("uses only declared keys and gives every required field", () => {
      expect(Object.keys(spec).filter((key) => !(key in (schema.properties ?? {})))).toEqual([]);
      for (const layer of spec.layers) {
        const branch = branchFor(String(layer.type));
        const declared = { ...layerSchema.properties, ...branch.properties };
        expect(Object.keys(layer).filter((key) => !(key in declared)), `${String(layer.id)}`).toEqual([]);
        for (const key of branch.required ?? []) expect(layer, `${String(layer.id)}`).toHaveProperty([key]);
      }
    });
  });
});
