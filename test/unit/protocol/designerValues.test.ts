/**
 * The validator accepts exactly what the designer sends: every field of the inspector's catalog,
 * every palette layer, and every intent webview/graph/intents.ts builds. If the designer gains a
 * field or a gesture, this test says which list in src/protocol/designerValues.ts to extend.
 */
import { describe, expect, it } from "vitest";
import type { NodeInfo } from "../../../src/engine/types";
import { ACTIVATION_TYPES, DESIGNER_FIELDS, WEIGHT_PRESETS, fieldValueProblem } from "../../../src/protocol/designerValues";
import { validateViewToHost } from "../../../src/protocol";
import { LAYER_TYPES } from "../../../src/engine/layers/registry";
import { activationTypes, fieldsOf, newLayerFields, weightPresets } from "../../../webview/graph/catalog";
import { parseFieldText } from "../../../webview/graph/fieldValues";
import {
  appendLayerIntent, connectIntent, deleteLayerIntent, duplicateLayerIntent, insertOnEdgeIntent, setFieldIntent, setInputShapeIntent,
  type IntentContext, type IntentResult,
} from "../../../webview/graph/intents";
import type { RawLayer } from "../../../webview/graph/port";
import { node } from "../webview/analysisFixtures";

function context(layers: RawLayer[]): IntentContext {
  const idOf = (index: number): string => (typeof layers[index].id === "string" ? String(layers[index].id) : `${String(layers[index].type)}_${index}`);
  const nodes: NodeInfo[] = layers.map((layer, index) => {
    const inputs = Array.isArray(layer.inputs) ? (layer.inputs as string[]) : [index === 0 ? "input" : idOf(index - 1)];
    return node({ id: idOf(index), type: String(layer.type), index, inputs, outputShape: [8, 8, 8], explicitId: typeof layer.id === "string" });
  });
  return { layers, nodes, input: [8, 8, 8] };
}

const dag = (): IntentContext => context([
  { type: "conv2d", filters: 8, kernel: 3, padding: 1, weights: { kernels: ["sobel-x", "box", "identity", "sharpen", "emboss", "box", "box", "box"] } },
  { id: "r1", type: "relu" },
  { id: "c2", type: "conv2d", filters: 8, kernel: 3, padding: "same", inputs: ["r1"], note: "kept" },
  { type: "batchnorm2d" },
  { id: "sum", type: "add", inputs: ["r1", "batchnorm2d_3"] },
]);

function accepts(result: IntentResult): void {
  if (!result.ok) return;
  const verdict = validateViewToHost({ type: "editIntent", requestId: 1, intent: result.intent });
  expect(verdict.ok ? "accepted" : verdict.reason, JSON.stringify(result.intent)).toBe("accepted");
}

describe("designerValues matches the inspector's catalog", () => {
  it("every field the inspector shows (except id, renamed by its own intent) is a designer field", () => {
    const names = new Set(LAYER_TYPES.flatMap((type) => fieldsOf(type).map((field) => field.name)));
    names.delete("id");
    expect([...names].sort()).toEqual(Object.keys(DESIGNER_FIELDS).sort());
  });

  it("the activation and weight choices are the same lists", () => {
    expect([...ACTIVATION_TYPES]).toEqual([...activationTypes]);
    expect([...WEIGHT_PRESETS]).toEqual([...weightPresets]);
  });

  it("a palette layer's starting values are designer values", () => {
    for (const type of LAYER_TYPES) {
      for (const [key, value] of Object.entries(newLayerFields(type))) expect(fieldValueProblem(key, value), `${type}.${key}`).toBeUndefined();
    }
  });

  it("what the inspector parses from typed text is a designer value (or refused there first)", () => {
    const samples = ["3", "3, 5", "0", "same", "valid", "0.5", "1e-5", "-2.5", "true", "false", "relu", "kaiming", "a, b", "input", "-1"];
    for (const type of LAYER_TYPES) {
      for (const field of fieldsOf(type)) {
        if (field.name === "id") continue;
        for (const text of samples) {
          const parsed = parseFieldText(field, text);
          if (parsed.ok && parsed.value !== undefined) expect(fieldValueProblem(field.name, parsed.value), `${type}.${field.name} = ${text}`).toBeUndefined();
        }
      }
    }
  });

  it("a whole number past 2^53 that the inspector lets through is refused by the host (it cannot be written exactly)", () => {
    const parsed = parseFieldText(fieldsOf("conv2d").find((field) => field.name === "filters")!, "99999999999999999999");
    expect(parsed.ok && fieldValueProblem("filters", parsed.value)).toMatch(/whole number/);
  });
});

describe("every intent the designer builds passes the validator", () => {
  it.each(LAYER_TYPES)("palette, edge and merge gestures with %s", (type) => {
    const graph = dag();
    accepts(appendLayerIntent(graph, type, null));
    accepts(appendLayerIntent(graph, type, "r1"));
    accepts(appendLayerIntent(graph, type, "input"));
    accepts(appendLayerIntent(graph, type, "r1", ["conv2d_0", "c2"]));
    accepts(insertOnEdgeIntent(graph, type, "r1", "c2"));
    accepts(insertOnEdgeIntent(graph, type, "conv2d_0", "r1"));
  });

  it("delete, duplicate (the file's own keys), connect (naming a layer), fields, rename and the input shape", () => {
    const graph = dag();
    for (const id of ["conv2d_0", "r1", "c2", "batchnorm2d_3", "sum"]) {
      accepts(deleteLayerIntent(graph, id));
      accepts(duplicateLayerIntent(graph, id));
    }
    accepts(connectIntent(graph, "conv2d_0", "c2"));
    accepts(connectIntent(graph, "input", "sum"));
    accepts(connectIntent(graph, "batchnorm2d_3", "sum"));
    accepts(setFieldIntent(graph, "c2", "stride", [2, 1]));
    accepts(setFieldIntent(graph, "c2", "padding", undefined));
    accepts(setFieldIntent(graph, "c2", "activation", "gelu"));
    accepts(setFieldIntent(graph, "c2", "id", "stem"));
    accepts(setInputShapeIntent([3, 224, 224]));
  });
});
