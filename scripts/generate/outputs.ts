/**
 * What `npm run generate` (scripts/generate.mjs) writes, computed from the layer-type registry
 * (src/engine/layers/registry.ts): the JSON schema (schemas/cnn.schema.json) and the generated
 * blocks of docs/spec-format.md and README.md. Pure: every function maps the registry (and a
 * file's current text, for the blocks between marker comments) to text, deterministically.
 * scripts/generate.mjs bundles this module with esbuild; test/unit/generated.test.ts imports it.
 *
 * Only what is not per layer type lives here: the top-level fields, the `layer` properties every
 * type shares (id, type, inputs), the preview-weights definition and the kernel presets'
 * descriptions (the preset names come from the engine).
 */
import { ACTIVATION_TYPES } from "../../src/engine/layers/activation";
import { KERNEL_PRESET_NAMES } from "../../src/engine/kernelPresets";
import { LAYER_ID_SOURCE } from "../../src/engine/layerId";
import type { FieldDeclaration, JsonValue, LayerType } from "../../src/engine/layers/layerType";
import { LAYER_TYPE_LIST } from "../../src/engine/layers/registry";

type Json = JsonValue;
type JsonObject = { [key: string]: Json };

// ---------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------

/** Markdown → the plain `description` VS Code shows where it does not render markdown. */
export function plainText(markdown: string): string {
  return markdown.replace(/`/g, "").replace(/\*\*/g, "");
}

/** A field's markdown description: its doc, and "**Required.**" when required. */
export function fieldMarkdown(field: FieldDeclaration): string {
  return field.required ? `${field.doc} **Required.**` : field.doc;
}

/** A number as the docs write it: 1e-5 rather than 0.00001. */
function numberText(value: number): string {
  return value !== 0 && Math.abs(value) < 1e-3 ? value.toExponential() : String(value);
}

function valueText(value: Json): string {
  if (typeof value === "number") return numberText(value);
  return JSON.stringify(value);
}

/** A table cell: one line, pipes escaped. */
function cell(markdown: string): string {
  return markdown.replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|").trim();
}

// ---------------------------------------------------------------------------
// The JSON schema
// ---------------------------------------------------------------------------

const ref = (name: string): JsonObject => ({ $ref: `#/definitions/${name}` });

/** A property: description (plain + markdown), optional default, and a schema body ($ref bodies go in allOf). */
function property(markdown: string, body: JsonObject, defaultValue?: Json): JsonObject {
  const result: JsonObject = { description: plainText(markdown), markdownDescription: markdown };
  if (defaultValue !== undefined) result.default = defaultValue;
  if (body.$ref !== undefined) result.allOf = [body];
  else Object.assign(result, body);
  return result;
}

function bounds(field: FieldDeclaration): JsonObject {
  const result: JsonObject = {};
  if (field.minimum !== undefined) result.minimum = field.minimum;
  if (field.exclusiveMinimum !== undefined) result.exclusiveMinimum = field.exclusiveMinimum;
  if (field.maximum !== undefined) result.maximum = field.maximum;
  return result;
}

/** The schema body of a declared field, by its kind. */
export function fieldBody(field: FieldDeclaration): JsonObject {
  switch (field.kind) {
    case "int": return { type: "integer", ...bounds(field) };
    case "number": return { type: "number", ...bounds(field) };
    case "bool": return { type: "boolean" };
    case "spatial": return ref(field.allowZero ? "nonNegativeSpatial" : "positiveSpatial");
    case "convPadding": return ref("convPadding");
    case "activation": return ref("activationName");
    case "weights": return ref("weights");
    case "inputs": return { type: "array", minItems: 2, items: ref("layerReference") };
    case "choice": return { type: "string", enum: [...(field.choices ?? [])] };
    case "scale": return ref("positiveScale");
  }
}

function fieldProperty(field: FieldDeclaration): JsonObject {
  return property(fieldMarkdown(field), fieldBody(field), field.default);
}

/** A snippet string: `$`, `}` and `\` are snippet syntax. */
function snippetEscape(text: string): string {
  return text.replace(/[\\$}]/g, (character) => `\\${character}`);
}

/**
 * A value of a completion snippet with its tab stops (numbered from `next.value`): strings become
 * `${n:text}`, other scalars `^${n:value}` (the `^` inserts them unquoted), arrays and objects
 * get a tab stop per scalar inside.
 */
function snippetValue(value: Json, next: { value: number }): Json {
  if (Array.isArray(value)) return value.map((item) => snippetValue(item, next));
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, snippetValue(item, next)]));
  const stop = next.value++;
  if (typeof value === "string") return `\${${stop}:${snippetEscape(value)}}`;
  return `^\${${stop}:${typeof value === "number" ? String(value) : JSON.stringify(value)}}`;
}

/**
 * A type's completion snippet: `{ id: "${1:<idStem>}", type, ...newLayer, ...snippet }`; a merge's
 * starts with two placeholder `inputs` (the palette wires a new merge's inputs itself, so its
 * `newLayer` has none).
 */
export function layerSnippet(layerType: LayerType): JsonObject {
  const next = { value: 2 };
  const body: JsonObject = { id: `\${1:${snippetEscape(layerType.idStem)}}`, type: layerType.type };
  const values: Record<string, Json> = { ...layerType.newLayer, ...(layerType.snippet ?? {}) };
  const inputs: Record<string, Json> = layerType.merge && !("inputs" in values) ? { inputs: ["a", "b"] } : {};
  for (const [key, value] of Object.entries({ ...inputs, ...values })) body[key] = snippetValue(value, next);
  return { label: layerType.type, description: plainText(layerType.summary), body };
}

function typeBranch(layerType: LayerType): JsonObject {
  const then: JsonObject = { properties: Object.fromEntries(layerType.fields.map((field) => [field.name, fieldProperty(field)])) };
  const required = layerType.fields.filter((field) => field.required).map((field) => field.name);
  if (required.length > 0) then.required = required;
  return { if: { properties: { type: { const: layerType.type } }, required: ["type"] }, then };
}

function byType(): ReadonlyMap<string, LayerType> {
  const types = new Map<string, LayerType>();
  for (const layerType of LAYER_TYPE_LIST) {
    if (types.has(layerType.type)) throw new Error(`layer type ${layerType.type} is registered twice`);
    types.set(layerType.type, layerType);
  }
  return types;
}

/** An activation's description (the activationName enum): its layer type's summary without an "activation: " lead. */
export function activationMarkdown(name: string): string {
  const layerType = byType().get(name);
  if (!layerType) throw new Error(`activation ${name} has no layer type in the registry`);
  return layerType.summary.replace(/^activation:\s*/i, "");
}

const PRESET_DESCRIPTIONS: Readonly<Record<string, string>> = {
  identity: "passes the input through: 1 in the centre (any size)",
  "sobel-x": "Sobel horizontal gradient [[-1,0,1],[-2,0,2],[-1,0,1]]: vertical edges",
  "sobel-y": "Sobel vertical gradient [[-1,-2,-1],[0,0,0],[1,2,1]]: horizontal edges",
  "scharr-x": "Scharr horizontal gradient [[-3,0,3],[-10,0,10],[-3,0,3]]",
  "scharr-y": "Scharr vertical gradient [[-3,-10,-3],[0,0,0],[3,10,3]]",
  "prewitt-x": "Prewitt horizontal gradient [[-1,0,1],[-1,0,1],[-1,0,1]]",
  "prewitt-y": "Prewitt vertical gradient [[-1,-1,-1],[0,0,0],[1,1,1]]",
  "laplacian-4": "Laplacian, 4-neighbour [[0,-1,0],[-1,4,-1],[0,-1,0]]",
  "laplacian-8": "Laplacian, 8-neighbour [[-1,-1,-1],[-1,8,-1],[-1,-1,-1]]",
  gaussian: "Gaussian blur, binomial weights normalised to sum 1 (3×3 or 5×5)",
  box: "box blur: every weight 1/(kh·kw) (any size)",
  sharpen: "sharpen [[0,-1,0],[-1,5,-1],[0,-1,0]]",
  emboss: "emboss [[-2,-1,0],[-1,1,1],[0,1,2]]",
  "edge-horizontal": "horizontal edges [[1,1,1],[0,0,0],[-1,-1,-1]]",
  "edge-vertical": "vertical edges [[1,0,-1],[1,0,-1],[1,0,-1]]",
  "shift-left": "moves the image one pixel left",
  "shift-right": "moves the image one pixel right",
  "shift-up": "moves the image one pixel up",
  "shift-down": "moves the image one pixel down",
};

function presetDescription(name: string): string {
  const description = PRESET_DESCRIPTIONS[name];
  if (description === undefined) throw new Error(`kernel preset ${name} has no description in scripts/generate/outputs.ts`);
  return description;
}

/** An enum with plain and markdown descriptions. */
function describedEnum(names: readonly string[], markdown: (name: string) => string): JsonObject {
  return {
    type: "string",
    enum: [...names],
    enumDescriptions: names.map((name) => plainText(markdown(name))),
    markdownEnumDescriptions: names.map(markdown),
  };
}

export function buildSchema(): JsonObject {
  const types = byType();
  const typeNames = [...types.keys()];
  const unusedPresets = Object.keys(PRESET_DESCRIPTIONS).filter((name) => !(KERNEL_PRESET_NAMES as readonly string[]).includes(name));
  if (unusedPresets.length > 0) throw new Error(`descriptions of presets the engine does not have: ${unusedPresets.join(", ")}`);
  const idPattern = `^${LAYER_ID_SOURCE}$`;
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "https://cnn-designer.dev/schemas/cnn.schema.json",
    title: "CNN Designer network (*.cnn.json, version 1)",
    description: "A convolutional network: the shape of one input sample and its layers in execution order. Unknown keys are kept and reported as warnings.",
    markdownDescription: "A convolutional network: the shape of one input sample and its `layers` in execution order. Unknown keys are kept and reported as warnings.",
    type: "object",
    required: ["input", "layers"],
    additionalProperties: true,
    properties: {
      version: property("Format version; `1` (optional: a file without it is read as version 1).", { type: "integer", enum: [1] }, 1),
      name: property("Model name, shown in the designer and in summaries.", { type: "string" }),
      input: property("Shape of one input sample, `[channels, height, width]` (no batch dimension), e.g. `[3, 224, 224]` for RGB images.",
        { type: "array", items: { type: "integer", minimum: 1 }, minItems: 3, maxItems: 3, defaultSnippets: [{ label: "RGB 224×224", body: [3, 224, 224] }, { label: "grayscale 28×28", body: [1, 28, 28] }] }, [3, 32, 32]),
      seed: property("Seeds the random weights of previews.", { type: "integer" }, 0),
      layers: property("The layers, in execution order. Each reads the previous layer (the first reads the input) unless it names `inputs`.",
        { type: "array", items: ref("layer") }),
    },
    defaultSnippets: [{
      label: "New network",
      description: "A small convolutional network",
      body: { version: 1, name: "${1:My network}", input: ["^${2:3}", "^${3:32}", "^${4:32}"], layers: [
        { id: "conv1", type: "conv2d", filters: 16, kernel: 3, padding: 1, activation: "relu" },
        { id: "pool1", type: "maxpool2d", kernel: 2 },
        { id: "flatten", type: "flatten" },
        { id: "fc", type: "linear", units: "^${5:10}" },
      ] },
    }],
    definitions: {
      layer: {
        description: "One layer. `type` decides the other fields; unknown keys are kept and reported as warnings.",
        markdownDescription: "One layer. `type` decides the other fields; unknown keys are kept and reported as warnings.",
        type: "object",
        required: ["type"],
        additionalProperties: true,
        properties: {
          id: property(`Unique name, \`${LAYER_ID_SOURCE}\` (not \`input\`). Optional, but only layers with an id can be named in \`inputs\`; without one the layer is called \`<type>_<index>\`.`, ref("layerId")),
          type: property("The layer's operation.", ref("layerType")),
          inputs: property("Ids of earlier layers (or `\"input\"` for the network input) this layer reads; by default the previous layer. Branches and merges are written this way.",
            { type: "array", minItems: 1, items: ref("layerReference") }),
        },
        allOf: LAYER_TYPE_LIST.map(typeBranch),
        defaultSnippets: LAYER_TYPE_LIST.map(layerSnippet),
      },
      layerType: describedEnum(typeNames, (name) => (types.get(name) as LayerType).summary),
      layerId: { type: "string", pattern: idPattern, not: { const: "input" }, errorMessage: "An id is a letter or _ followed by letters, digits, _, . or -; `input` is reserved." },
      layerReference: { type: "string", pattern: idPattern, description: "The id of an earlier layer, or \"input\"." },
      positiveSpatial: { oneOf: [{ type: "integer", minimum: 1 }, { type: "array", items: { type: "integer", minimum: 1 }, minItems: 2, maxItems: 2 }] },
      nonNegativeSpatial: { oneOf: [{ type: "integer", minimum: 0 }, { type: "array", items: { type: "integer", minimum: 0 }, minItems: 2, maxItems: 2 }] },
      positiveScale: { oneOf: [{ type: "number", exclusiveMinimum: 0 }, { type: "array", items: { type: "number", exclusiveMinimum: 0 }, minItems: 2, maxItems: 2 }] },
      convPadding: { oneOf: [{ type: "integer", minimum: 0 }, { type: "array", items: { type: "integer", minimum: 0 }, minItems: 2, maxItems: 2 }, { type: "string", enum: ["same", "valid"], enumDescriptions: ["output size = input size (stride 1)", "no padding"] }] },
      activationName: describedEnum(ACTIVATION_TYPES, activationMarkdown),
      presetName: describedEnum(KERNEL_PRESET_NAMES, presetDescription),
      kernelMatrix: { type: "array", minItems: 1, items: { type: "array", minItems: 1, items: { type: "number" } }, description: "A kh×kw matrix of numbers, rows first." },
      weights: {
        oneOf: [
          { type: "string", enum: ["kaiming", "xavier", "zeros", "ones"], enumDescriptions: ["PyTorch's default initialisation (seeded by `seed`)", "Xavier/Glorot uniform", "all 0", "all 1"] },
          {
            type: "object",
            required: ["kernels"],
            properties: {
              kernels: property("Exactly one kernel per filter, each a preset name or a kh×kw matrix matching the layer's kernel size. A filter's kernel is applied to each of its input channels and the results are averaged; bias is 0.",
                { type: "array", minItems: 1, items: { anyOf: [ref("presetName"), ref("kernelMatrix")] } }),
            },
            defaultSnippets: [{ label: "kernels", body: { kernels: ["${1:sobel-x}"] } }],
          },
        ],
      },
    },
  };
}

export function schemaText(): string {
  return `${JSON.stringify(buildSchema(), null, 2)}\n`;
}

// ---------------------------------------------------------------------------
// The docs: the layer-type table and the per-type field tables
// ---------------------------------------------------------------------------

/** A field in the type table's "fields (default)" column: `filters*`, `stride (1)`, `stride (= kernel)`. */
function fieldSummary(field: FieldDeclaration): string {
  if (field.required) return `${field.name}*`;
  if (field.default !== undefined) return `${field.name} (${valueText(field.default)})`;
  if (field.defaultText !== undefined) return `${field.name} (${field.defaultText})`;
  return field.name;
}

/** The table of every layer type: type, what it does, fields with defaults, output shape. */
export function layerTypeTable(): string {
  const rows = LAYER_TYPE_LIST.map((layerType) => {
    const fields = layerType.fields.length === 0 ? "none" : layerType.fields.map(fieldSummary).join(", ");
    return `| ${layerType.type} | ${cell(layerType.summary)} | ${cell(fields)} | ${cell(layerType.shapeRule)} |`;
  });
  return ["| type | what it does | fields (default) | output for input [C,H,W] |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

function boundsText(field: FieldDeclaration): string {
  const parts: string[] = [];
  if (field.minimum !== undefined) parts.push(`≥ ${numberText(field.minimum)}`);
  if (field.exclusiveMinimum !== undefined) parts.push(`> ${numberText(field.exclusiveMinimum)}`);
  if (field.maximum !== undefined) parts.push(`≤ ${numberText(field.maximum)}`);
  return parts.length === 0 ? "" : ` ${parts.join(" and ")}`;
}

/** The "value" column: what a field's value is written as. */
export function fieldValueText(field: FieldDeclaration): string {
  switch (field.kind) {
    case "int": return `integer${boundsText(field)}`;
    case "number": return `number${boundsText(field)}`;
    case "bool": return "`true` or `false`";
    case "spatial": return `integer ${field.allowZero ? "≥ 0" : "≥ 1"} or \`[height, width]\``;
    case "convPadding": return "integer ≥ 0, `[height, width]`, `\"same\"` or `\"valid\"`";
    case "activation": return `an activation type (${ACTIVATION_TYPES.map((name) => `\`${name}\``).join(", ")})`;
    case "weights": return "`\"kaiming\"`, `\"xavier\"`, `\"zeros\"`, `\"ones\"` or `{ \"kernels\": [...] }`";
    case "inputs": return "2 or more ids of earlier layers, or `\"input\"`";
    case "choice": return (field.choices ?? []).map((choice) => `\`"${choice}"\``).join(" or ");
    case "scale": return "number > 0 or `[height, width]`";
  }
}

function fieldDefaultText(field: FieldDeclaration): string {
  if (field.required) return "required";
  if (field.default !== undefined) return `\`${valueText(field.default)}\``;
  return field.defaultText ?? "—";
}

/** Per type, a table of its fields: field, value, default, meaning. */
export function fieldTables(): string {
  const sections = LAYER_TYPE_LIST.map((layerType) => {
    const heading = `#### ${layerType.type}`;
    if (layerType.fields.length === 0) return `${heading}\n\nNo fields besides \`id\`, \`type\` and \`inputs\`.`;
    const rows = layerType.fields.map((field) => `| ${field.name} | ${cell(fieldValueText(field))} | ${cell(fieldDefaultText(field))} | ${cell(field.doc)} |`);
    return [heading, "", "| field | value | default | meaning |", "| --- | --- | --- | --- |", ...rows].join("\n");
  });
  return sections.join("\n\n");
}

// ---------------------------------------------------------------------------
// Generated blocks between marker comments, and the list of outputs
// ---------------------------------------------------------------------------

export function markers(block: string): { start: string; end: string } {
  return { start: `<!-- generated:${block}:start -->`, end: `<!-- generated:${block}:end -->` };
}

/** `text` with the lines between the block's markers replaced by `content` (the markers must be there, once each). */
export function replaceBlock(text: string, block: string, content: string, file: string): string {
  const { start, end } = markers(block);
  const startAt = text.indexOf(start);
  const endAt = text.indexOf(end);
  if (startAt < 0 || endAt < 0 || endAt < startAt) throw new Error(`${file}: no ${start} … ${end} block`);
  if (text.indexOf(start, startAt + 1) >= 0 || text.indexOf(end, endAt + 1) >= 0) throw new Error(`${file}: the ${block} markers appear more than once`);
  const generatedNote = "<!-- Generated from src/engine/layers (npm run generate); edit the layer types, not this block. -->";
  return `${text.slice(0, startAt)}${start}\n${generatedNote}\n\n${content}\n\n${end}${text.slice(endAt + end.length)}`;
}

export interface GeneratedFile {
  /** Relative to the repository root, with forward slashes. */
  path: string;
  /** The file's generated text, from its current text (empty when it does not exist). */
  render(current: string): string;
}

export const GENERATED_FILES: readonly GeneratedFile[] = [
  { path: "schemas/cnn.schema.json", render: () => schemaText() },
  {
    path: "docs/spec-format.md",
    render: (current) => replaceBlock(replaceBlock(current, "layer-types", layerTypeTable(), "docs/spec-format.md"), "layer-fields", fieldTables(), "docs/spec-format.md"),
  },
  { path: "README.md", render: (current) => replaceBlock(current, "layer-types", layerTypeTable(), "README.md") },
];
