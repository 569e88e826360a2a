import { describe, expect, it } from "vitest";
import type { NodeInfo } from "../../../src/engine/types";
import {
  appendLayerIntent, connectIntent, deleteLayerIntent, duplicateLayerIntent, insertOnEdgeIntent, setFieldIntent, setInputShapeIntent,
  type IntentContext, type IntentResult,
} from "../../../webview/graph/intents";
import type { RawLayer } from "../../../webview/graph/port";
import { node } from "./analysisFixtures";

/** Raw layers plus matching nodes (ids derived and inputs resolved as the engine does). */
function context(layers: RawLayer[], shapes: Record<string, number[]> = {}): IntentContext {
  const idOf = (index: number): string => (typeof layers[index].id === "string" ? String(layers[index].id) : `${String(layers[index].type)}_${index}`);
  const nodes: NodeInfo[] = layers.map((layer, index) => {
    const inputs = Array.isArray(layer.inputs) ? (layer.inputs as string[]) : [index === 0 ? "input" : idOf(index - 1)];
    return node({ id: idOf(index), type: String(layer.type), index, inputs, outputShape: shapes[idOf(index)] ?? [8, 8, 8], explicitId: typeof layer.id === "string" });
  });
  return { layers, nodes, input: [3, 8, 8] };
}

function intentOf(result: IntentResult) {
  if (!result.ok) throw new Error(`expected an intent, got: ${result.reason}`);
  return result.intent;
}

const chain = (): IntentContext => context([
  { id: "c1", type: "conv2d", filters: 8, kernel: 3 },
  { id: "r1", type: "relu" },
  { id: "c2", type: "conv2d", filters: 8, kernel: 3, padding: "same" },
]);

describe("intents", () => {
  it("palette click inserts after the selection, after the input, or appends", () => {
    expect(intentOf(appendLayerIntent(chain(), "conv2d", "r1"))).toEqual({ kind: "insertLayer", afterId: "r1", layer: { type: "conv2d", fields: { filters: 16, kernel: 3, padding: 1 } } });
    expect(intentOf(appendLayerIntent(chain(), "relu", "input"))).toEqual({ kind: "insertLayer", afterId: null, layer: { type: "relu", fields: {} } });
    expect(intentOf(appendLayerIntent(chain(), "linear", null))).toEqual({ kind: "addLayer", layer: { type: "linear", fields: { units: 10 } } });
  });

  it("inserting on an implicit edge is an insert after the source", () => {
    expect(intentOf(insertOnEdgeIntent(chain(), "batchnorm2d", "c1", "r1"))).toEqual({ kind: "insertLayer", afterId: "c1", layer: { type: "batchnorm2d", fields: {} } });
  });

  it("inserting on an explicit edge rewires the target, then inserts before it", () => {
    const branched = context([{ id: "a", type: "relu" }, { id: "b", type: "relu" }, { id: "sum", type: "add", inputs: ["a", "b"] }]);
    expect(intentOf(insertOnEdgeIntent(branched, "dropout", "a", "sum"))).toEqual({
      kind: "applySpecEdits",
      edits: [
        { kind: "set", path: ["layers", 2, "inputs"], value: ["drop1", "b"] },
        { kind: "insert", path: ["layers", 2], value: { id: "drop1", type: "dropout", inputs: ["a"] } },
      ],
    });
  });

  it("deletes by id and refuses the input", () => {
    expect(intentOf(deleteLayerIntent(chain(), "r1"))).toEqual({ kind: "removeLayer", id: "r1" });
    expect(deleteLayerIntent(chain(), "input")).toEqual({ ok: false, reason: "The network input cannot be deleted." });
  });

  it("duplicates with the original's fields (a fresh id comes from the host)", () => {
    expect(intentOf(duplicateLayerIntent(chain(), "c2"))).toEqual({ kind: "insertLayer", afterId: "c2", layer: { type: "conv2d", fields: { filters: 8, kernel: 3, padding: "same" } } });
    const explicit = context([{ id: "a", type: "relu" }, { id: "b", type: "relu", inputs: ["input"] }]);
    expect(intentOf(duplicateLayerIntent(explicit, "b"))).toMatchObject({ layer: { fields: { inputs: ["input"] } } });
  });

  it("connecting into a merge adds an input; into another layer replaces its input", () => {
    const ctx = context([{ id: "a", type: "relu" }, { id: "b", type: "relu" }, { id: "c", type: "relu" }, { id: "sum", type: "add", inputs: ["a", "b"] }]);
    expect(intentOf(connectIntent(ctx, "c", "sum"))).toEqual({ kind: "connect", from: "c", to: "sum" });
    expect(intentOf(connectIntent(ctx, "a", "c"))).toEqual({ kind: "setField", id: "c", key: "inputs", value: ["a"] });
    expect(intentOf(connectIntent(ctx, "input", "c"))).toEqual({ kind: "setField", id: "c", key: "inputs", value: ["input"] });
  });

  it("refuses backward and duplicate connections", () => {
    const ctx = context([{ id: "a", type: "relu" }, { id: "b", type: "relu" }, { id: "sum", type: "add", inputs: ["a", "b"] }]);
    expect(connectIntent(ctx, "sum", "a")).toEqual({ ok: false, reason: "a comes before sum in the file; a layer can only read earlier layers." });
    expect(connectIntent(ctx, "a", "sum")).toEqual({ ok: false, reason: "sum already reads a." });
  });

  it("names an unnamed source before another layer refers to it", () => {
    const ctx = context([{ type: "relu" }, { id: "x", type: "relu" }, { id: "y", type: "conv2d", kernel: 1, filters: 8 }]);
    expect(intentOf(connectIntent(ctx, "relu_0", "y"))).toEqual({
      kind: "applySpecEdits",
      edits: [
        { kind: "set", path: ["layers", 0, "id"], value: "relu_0" },
        { kind: "set", path: ["layers", 2, "inputs"], value: ["relu_0"] },
      ],
    });
  });

  it("sets, resets and renames fields", () => {
    expect(intentOf(setFieldIntent(chain(), "c1", "kernel", [3, 5]))).toEqual({ kind: "setField", id: "c1", key: "kernel", value: [3, 5] });
    expect(intentOf(setFieldIntent(chain(), "c1", "stride", undefined))).toEqual({ kind: "setField", id: "c1", key: "stride" });
    expect(intentOf(setFieldIntent(chain(), "c1", "id", "stem"))).toEqual({ kind: "renameLayer", id: "c1", newId: "stem" });
    expect(setFieldIntent(chain(), "c1", "id", "c1")).toEqual({ ok: false, reason: "The id is unchanged." });
    expect(intentOf(setInputShapeIntent([1, 28, 28]))).toEqual({ kind: "applySpecEdits", edits: [{ kind: "set", path: ["input"], value: [1, 28, 28] }] });
  });

  it("add merges the selection when two or more are selected, after the later one, naming unnamed layers", () => {
    const ctx = context([{ id: "a", type: "relu" }, { type: "relu" }, { id: "c", type: "relu" }]);
    expect(intentOf(appendLayerIntent(ctx, "add", "c", ["c", "relu_1"]))).toEqual({
      kind: "applySpecEdits",
      edits: [
        { kind: "set", path: ["layers", 1, "id"], value: "relu_1" },
        { kind: "insert", path: ["layers", 3], value: { id: "add1", type: "add", inputs: ["c", "relu_1"] } },
      ],
    });
  });

  it("add with one selected layer picks the block input (ResNet)", () => {
    const shapes = {
      stem: [64, 112, 112], maxpool: [64, 56, 56], conv1: [64, 56, 56], bn1: [64, 56, 56], relu1: [64, 56, 56], conv2: [64, 56, 56],
      bn2: [64, 56, 56],
    };
    const ctx = context([
      { id: "stem", type: "conv2d" }, { id: "maxpool", type: "maxpool2d" }, { id: "conv1", type: "conv2d" }, { id: "bn1", type: "batchnorm2d" },
      { id: "relu1", type: "relu" }, { id: "conv2", type: "conv2d" }, { id: "bn2", type: "batchnorm2d" },
    ], shapes);
    expect(intentOf(appendLayerIntent(ctx, "add", "bn2"))).toEqual({
      kind: "applySpecEdits",
      edits: [{ kind: "insert", path: ["layers", 7], value: { id: "add1", type: "add", inputs: ["bn2", "maxpool"] } }],
    });
  });

  it("add stops at the previous block's merge (the relu after it is the identity)", () => {
    const shapes = { add0: [8, 4, 4], relu0: [8, 4, 4], conv: [8, 4, 4], bn: [8, 4, 4] };
    const ctx = context([{ id: "add0", type: "add", inputs: ["input", "input"] }, { id: "relu0", type: "relu" }, { id: "conv", type: "conv2d" }, { id: "bn", type: "batchnorm2d" }], shapes);
    expect(intentOf(appendLayerIntent(ctx, "add", "bn"))).toMatchObject({ edits: [{ value: { inputs: ["bn", "relu0"] } }] });
  });

  it("concat with one selected layer picks the encoder map of the same size (U-Net)", () => {
    const shapes = { enc: [16, 32, 32], pool: [16, 16, 16], mid: [32, 16, 16], up: [16, 32, 32] };
    const ctx = context([{ id: "enc", type: "conv2d" }, { id: "pool", type: "maxpool2d" }, { id: "mid", type: "conv2d" }, { id: "up", type: "convtranspose2d" }], shapes);
    expect(intentOf(appendLayerIntent(ctx, "concat", "up"))).toMatchObject({ edits: [{ value: { id: "cat1", type: "concat", inputs: ["up", "enc"] } }] });
    const lonely = context([{ id: "only", type: "relu" }], { only: [4, 2, 2] });
    expect(appendLayerIntent(lonely, "concat", "only")).toEqual({ ok: false, reason: "No earlier layer fits only for concat; select two layers (Shift+click) and try again." });
  });
});
