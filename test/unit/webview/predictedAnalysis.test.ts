import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze } from "../../../src/engine";
import { parseSpecText } from "../../../src/engine/parse";
import { predictEdit, predictionLayerCap } from "../../../webview/predictedAnalysis";

const tutorialText = readFileSync(new URL("../../../media/templates/tutorial.cnn.json", import.meta.url), "utf8");
const tutorial = parseSpecText(tutorialText).value as Record<string, unknown>;

describe("predictEdit (the webview's analysis of a field edit before the host's)", () => {
  it("applies setField to its copy of the spec: fc2 with 11 units has 120·11 + 11 = 1,331 parameters", () => {
    const prediction = predictEdit(tutorial, { kind: "setField", id: "fc2", key: "units", value: 11 }, false);
    const fc2 = prediction?.analysis.nodes.find((node) => node.id === "fc2");
    expect(fc2?.params).toBe(120 * 11 + 11);
    expect(fc2?.outputShape).toEqual([11]);
    expect((tutorial.layers as { id: string; units?: number }[]).find((layer) => layer.id === "fc2")?.units, "the given spec is not changed").toBe(10);
  });

  it("equals the host's analysis of the edited text (shapes, params, diagnostics)", () => {
    const edited = tutorialText.replace(`{ "id": "pool1", "type": "maxpool2d", "kernel": 2 }`, `{ "id": "pool1", "type": "maxpool2d", "kernel": 3 }`);
    const host = analyze(edited, { quietReadNotes: true });
    const prediction = predictEdit(tutorial, { kind: "setField", id: "pool1", key: "kernel", value: 3 }, false);
    type Shaped = { id: string; outputShape: number[] | null; params: number };
    const shapes = (nodes: Shaped[]) => nodes.map((node) => [node.id, node.outputShape, node.params]);
    const problems = (diagnostics: { code: string; path: unknown[] }[]) => diagnostics.map((item) => [item.code, item.path]);
    expect(shapes(prediction?.analysis.nodes ?? [])).toEqual(shapes(host.nodes));
    expect(problems(prediction?.analysis.diagnostics ?? [])).toEqual(problems(host.diagnostics));
    expect(host.diagnostics.length).toBeGreaterThan(0);
  });

  it("removes a field set to undefined (the inspector cleared it)", () => {
    const prediction = predictEdit(tutorial, { kind: "setField", id: "fc1", key: "activation" }, false);
    expect((prediction?.spec.layers as Record<string, unknown>[]).find((layer) => layer.id === "fc1")).not.toHaveProperty("activation");
  });

  it("predicts nothing it cannot: other intents, unknown or duplicate ids, no spec, too many layers", () => {
    expect(predictEdit(tutorial, { kind: "removeLayer", id: "fc1" }, false)).toBeNull();
    expect(predictEdit(tutorial, { kind: "setField", id: "nope", key: "units", value: 3 }, false)).toBeNull();
    expect(predictEdit(null, { kind: "setField", id: "fc1", key: "units", value: 3 }, false)).toBeNull();
    const duplicated = { ...tutorial, layers: [...(tutorial.layers as object[]), { id: "fc2", type: "relu" }] };
    expect(predictEdit(duplicated, { kind: "setField", id: "fc2", key: "units", value: 3 }, false)).toBeNull();
    const huge = { ...tutorial, layers: Array.from({ length: predictionLayerCap + 1 }, (_, index) => ({ id: `r${index}`, type: "relu" })) };
    expect(predictEdit(huge, { kind: "setField", id: "r0", key: "type", value: "tanh" }, false)).toBeNull();
  });
});
