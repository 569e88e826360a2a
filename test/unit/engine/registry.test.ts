// Every layer type of the registry (src/engine/layers/registry.ts) fills the whole LayerType
// contract (layerType.ts): its docs and declarations, a valid new layer, the explanation, label,
// PyTorch constructor and JSON export of a sample layer, its branch in the generated schema, its
// row in the generated docs, and a kernel binding in the core. A new type that misses a piece
// fails here by name.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LAYER_KERNELS } from "../../../src/core/layerKernels";
import { analyze, explainLayer, type Analysis, type NodeInfo } from "../../../src/engine";
import type { ResolvedLayer } from "../../../src/engine/types";
import { ACTIVATION_TYPES } from "../../../src/engine/layers/activation";
import { LAYER_ID_PATTERN } from "../../../src/engine/layerId";
import { PALETTE_GROUPS, type FieldKind, type LayerCategory } from "../../../src/engine/layers/layerType";
import { LAYER_REGISTRY, LAYER_TYPE_LIST } from "../../../src/engine/layers/registry";
import { markers } from "../../../scripts/generate/outputs";

const root = join(__dirname, "../../..");

type RegisteredType = (typeof LAYER_TYPE_LIST)[number];

/** Every category and field kind (a Record, so a new member of the union must be added here). */
const CATEGORIES: Record<LayerCategory, true> = { conv: true, pool: true, norm: true, dense: true, merge: true, activation: true };
const FIELD_KINDS: Record<FieldKind, true> = {
  int: true, number: true, bool: true, spatial: true, convPadding: true, activation: true, weights: true, inputs: true, choice: true,
  scale: true,
};

interface SchemaBranch {
  if?: { properties?: { type?: { const?: string } } };
  then?: { properties?: Record<string, unknown>; required?: string[] };
}
const schema = JSON.parse(readFileSync(join(root, "schemas/cnn.schema.json"), "utf8")) as {
  definitions: { layer: { allOf: SchemaBranch[]; defaultSnippets: { body: Record<string, unknown> }[] } };
};

function generatedBlock(file: string, block: string): string {
  const text = readFileSync(join(root, file), "utf8");
  const { start, end } = markers(block);
  const startAt = text.indexOf(start);
  const endAt = text.indexOf(end);
  expect(startAt, `${file}: ${start}`).toBeGreaterThanOrEqual(0);
  expect(endAt, `${file}: ${end}`).toBeGreaterThan(startAt);
  return text.slice(startAt, endAt);
}
const docsTypes = generatedBlock("docs/spec-format.md", "layer-types");
const docsFields = generatedBlock("docs/spec-format.md", "layer-fields");
const readmeTypes = generatedBlock("README.md", "layer-types");

interface Sample {
  analysis: Analysis;
  index: number;
  node: NodeInfo;
  raw: Record<string, unknown>;
}

/**
 * A valid layer of the type, from its palette values, analysed on a [4, 8, 8] input: merges read
 * two relu branches; a type that needs a flat input (linear) gets a flatten before it.
 */
function sample(layerType: RegisteredType): Sample {
  const raw: Record<string, unknown> = { id: "L", type: layerType.type, ...(layerType.merge ? { inputs: ["a", "b"] } : {}), ...layerType.newLayer };
  const attempts = layerType.merge
    ? [[{ id: "a", type: "relu" }, { id: "b", type: "relu", inputs: ["input"] }, raw]]
    : [[raw], [{ id: "flat", type: "flatten" }, raw]];
  const tried: string[] = [];
  for (const layers of attempts) {
    const analysis = analyze({ version: 1, input: [4, 8, 8], layers });
    const index = analysis.nodes.findIndex((node) => node.id === "L");
    const node = analysis.nodes[index];
    const errors = analysis.diagnostics.filter((diagnostic) => diagnostic.severity === "error");
    if (node?.layer && node.outputShape && errors.length === 0) return { analysis, index, node, raw };
    tried.push(`${layers.map((layer) => layer.type).join(" → ")}: ${errors.map((diagnostic) => diagnostic.message).join("; ") || "no layer"}`);
  }
  throw new Error(`no valid sample layer of ${layerType.type} from its newLayer values (${tried.join(" | ")})`);
}

describe("the layer registry", () => {
  it("lists each type once, and LAYER_REGISTRY maps every type to its entry", () => {
    const types = LAYER_TYPE_LIST.map((layerType) => layerType.type);
    expect(new Set(types).size).toBe(types.length);
    expect(Object.keys(LAYER_REGISTRY).sort()).toEqual([...types].sort());
    for (const layerType of LAYER_TYPE_LIST) expect(LAYER_REGISTRY[layerType.type], layerType.type).toBe(layerType);
  });

  it("lists the types in palette order (grouped as PALETTE_GROUPS orders the groups)", () => {
    const groupIndices = LAYER_TYPE_LIST.map((layerType) => PALETTE_GROUPS.indexOf(layerType.paletteGroup));
    expect(groupIndices).toEqual([...groupIndices].sort((first, second) => first - second));
    for (const group of PALETTE_GROUPS) expect(LAYER_TYPE_LIST.some((layerType) => layerType.paletteGroup === group), `palette group ${group} is empty`).toBe(true);
  });

  it("is what the core binds kernels to: no kernel for a type the registry does not have", () => {
    const types: readonly string[] = LAYER_TYPE_LIST.map((layerType) => layerType.type);
    expect(Object.keys(LAYER_KERNELS).filter((type) => !types.includes(type))).toEqual([]);
  });

  it("has an activation layer type for every activation name", () => {
    for (const name of ACTIVATION_TYPES) expect(LAYER_REGISTRY[name]?.category, name).toBe("activation");
  });

  it("puts the same types in the schema's enum and snippets, in the same order", () => {
    const types = LAYER_TYPE_LIST.map((layerType) => layerType.type);
    expect(schema.definitions.layer.allOf.map((branch) => branch.if?.properties?.type?.const)).toEqual(types);
    expect(schema.definitions.layer.defaultSnippets.map((snippet) => snippet.body.type)).toEqual(types);
  });
});

describe.each(LAYER_TYPE_LIST.map((layerType) => [layerType.type, layerType] as const))("layer type %s", (type, layerType) => {
  it("says what it does, its output shape and its id stem", () => {
    expect(layerType.summary.trim(), "summary").not.toBe("");
    expect(layerType.shapeRule.trim(), "shapeRule").not.toBe("");
    expect(layerType.idStem, "idStem").toMatch(LAYER_ID_PATTERN);
    expect(layerType.idStem).not.toBe("input");
  });

  it("has a valid category and palette group", () => {
    expect(Object.keys(CATEGORIES)).toContain(layerType.category);
    expect(PALETTE_GROUPS as readonly string[]).toContain(layerType.paletteGroup);
  });

  it("documents every field, once, with a known kind", () => {
    const names = layerType.fields.map((field) => field.name);
    expect(new Set(names).size, "field names are unique").toBe(names.length);
    for (const field of layerType.fields) {
      expect(field.doc.trim(), `${field.name}: doc`).not.toBe("");
      expect(Object.keys(FIELD_KINDS), `${field.name}: kind`).toContain(field.kind);
      expect(Boolean(field.required) && field.default !== undefined, `${field.name}: required with a default`).toBe(false);
      expect(["id", "type"], `${field.name}: id and type are not fields`).not.toContain(field.name);
    }
  });

  it("declares `inputs` exactly when it is a merge", () => {
    const inputs = layerType.fields.find((field) => field.name === "inputs");
    if (layerType.merge) {
      expect(inputs?.kind).toBe("inputs");
      expect(inputs?.required).toBe(true);
    } else {
      expect(inputs).toBeUndefined();
    }
  });

  it("starts new layers and snippets with declared fields only, giving every required one", () => {
    const names = layerType.fields.map((field) => field.name);
    for (const key of Object.keys(layerType.newLayer)) expect(names, `newLayer.${key}`).toContain(key);
    for (const key of Object.keys(layerType.snippet ?? {})) expect(names, `snippet.${key}`).toContain(key);
    for (const field of layerType.fields.filter((candidate) => candidate.required && candidate.kind !== "inputs")) {
      expect(layerType.newLayer, `newLayer gives required ${field.name}`).toHaveProperty([field.name]);
    }
  });

  it("analyses its new layer, and explains, labels and exports it", () => {
    const { analysis, index, node, raw } = sample(layerType);
    const layer = node.layer as ResolvedLayer;
    expect(layer.type).toBe(type);

    const explained = layerType.explain(node, layer);
    expect(Array.isArray(explained), "explain returns lines").toBe(true);
    for (const line of explained) expect(line.trim(), "explain line").not.toBe("");
    expect(explainLayer(analysis, index).length, "the node's explanation").toBeGreaterThan(0);

    expect(layerType.describe(layer).trim(), "describe").not.toBe("");

    const constructed = layerType.pytorch(layer);
    expect(constructed.expression, "pytorch").toMatch(/^[A-Za-z_][\w.]*\(.*\)$/s);

    const exported = layerType.exportFields(layer, raw);
    const names = layerType.fields.map((field) => field.name);
    for (const key of Object.keys(exported)) expect(names, `exportFields.${key} is a declared field`).toContain(key);
    for (const field of layerType.fields.filter((candidate) => candidate.required && candidate.kind !== "inputs")) {
      expect(exported, `exportFields gives required ${field.name}`).toHaveProperty([field.name]);
    }
    if (names.some((name) => name !== "inputs")) expect(Object.keys(exported).length, "exportFields").toBeGreaterThan(0);

    if (layerType.pytorchWeights) {
      const weights = layerType.pytorchWeights(layer, "self.L");
      expect(Array.isArray(weights.lines)).toBe(true);
    }
  });

  it("is bound to a kernel in the core", () => {
    expect(Object.prototype.hasOwnProperty.call(LAYER_KERNELS, type), `LAYER_KERNELS.${type}`).toBe(true);
    expect(typeof (LAYER_KERNELS as Record<string, { run?: unknown }>)[type]?.run).toBe("function");
  });

  it("has a schema branch with its fields and required list, and a completion snippet", () => {
    const branches = schema.definitions.layer.allOf.filter((branch) => branch.if?.properties?.type?.const === type);
    expect(branches, "schema branches").toHaveLength(1);
    expect(Object.keys(branches[0].then?.properties ?? {})).toEqual(layerType.fields.map((field) => field.name));
    expect(branches[0].then?.required ?? []).toEqual(layerType.fields.filter((field) => field.required).map((field) => field.name));
    const snippets = schema.definitions.layer.defaultSnippets.filter((snippet) => snippet.body.type === type);
    expect(snippets, "snippets").toHaveLength(1);
    expect(snippets[0].body.id).toBe(`\${1:${layerType.idStem}}`);
  });

  it("is in the generated docs (spec-format.md type and field tables, README)", () => {
    expect(docsTypes, "docs/spec-format.md layer-types").toContain(`| ${type} |`);
    expect(docsFields, "docs/spec-format.md layer-fields").toContain(`#### ${type}\n`);
    expect(readmeTypes, "README.md layer-types").toContain(`| ${type} |`);
  });
});
