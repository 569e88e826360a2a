import { describe, expect, it } from "vitest";
import { isJsonValue, requestIdOf, validateViewToHost } from "../../../src/protocol";

function accepted(message: unknown): unknown {
  const result = validateViewToHost(message);
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.value;
}

function refusedBecause(message: unknown): string {
  const result = validateViewToHost(message);
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.value)}`);
  return result.reason;
}

describe("validateViewToHost accepts every well-formed message", () => {
  it.each([
    { type: "ready" },
    { type: "selectLayer", layerId: "c1" },
    { type: "selectLayer", layerId: null },
    { type: "revealInText", path: ["layers", 3, "padding"] },
    { type: "reportError", message: "layout failed" },
    { type: "requestFix", requestId: 4, docVersion: 12, diagnosticIndex: 0, fixIndex: 1 },
    { type: "checkFixes", requestId: 5, docVersion: 12, diagnosticIndex: 2 },
    { type: "showInText", path: ["layers", 2, "stride"] },
    { type: "editIntent", requestId: 1, intent: { kind: "addLayer", layer: { type: "conv2d", fields: { filters: 8, kernel: [3, 3] } } } },
    { type: "editIntent", requestId: 1, intent: { kind: "insertLayer", afterId: null, layer: { type: "relu" } } },
    { type: "editIntent", requestId: 1, intent: { kind: "insertLayer", afterId: "c1", layer: { type: "conv2d", fields: { filters: 4, kernel: 3, note: "a copied layer keeps its keys", weights: { kernels: ["sobel-x"] } } } } },
    { type: "editIntent", requestId: 1, intent: { kind: "insertLayer", afterId: "c1", layer: { type: "relu" } } },
    { type: "editIntent", requestId: 2, intent: { kind: "removeLayer", id: "c1" } },
    { type: "editIntent", requestId: 3, intent: { kind: "setField", id: "c1", key: "padding", value: "same" } },
    { type: "editIntent", requestId: 3, intent: { kind: "setField", id: "c1", key: "padding" } },
    { type: "editIntent", requestId: 5, intent: { kind: "connect", from: "input", to: "c3" } },
    { type: "editIntent", requestId: 6, intent: { kind: "renameLayer", id: "c1", newId: "stem" } },
    { type: "editIntent", requestId: 3, intent: { kind: "setField", id: "c1", key: "flipKernel", value: true } },
    { type: "editIntent", requestId: 3, intent: { kind: "setField", id: "c1", key: "inputs", value: ["input"] } },
    { type: "editIntent", requestId: 8, intent: { kind: "applySpecEdits", edits: [{ kind: "set", path: ["input"], value: [3, 32, 32] }] } },
    {
      type: "editIntent", requestId: 8, intent: {
        kind: "applySpecEdits", edits: [
          { kind: "set", path: ["layers", 0, "id"], value: "conv2d_0" },
          { kind: "set", path: ["layers", 2, "inputs"], value: ["conv2d_0", "b"] },
          { kind: "insert", path: ["layers", 3], value: { id: "add1", type: "add", inputs: ["conv2d_0", "b"] } },
          { kind: "insert", path: ["layers", 1], value: { id: "conv1", type: "conv2d", inputs: ["a"], filters: 16, kernel: 3, padding: 1 } },
        ],
      },
    },
  ])("$type $intent.kind", (message) => {
    expect(accepted(message)).toEqual(message);
  });
});

describe("validateViewToHost refuses malformed messages with a reason", () => {
  it.each<[string, unknown, RegExp]>([
    ["not an object", "ready", /must be an object/],
    ["an array", [{ type: "ready" }], /must be an object/],
    ["unknown type", { type: "deleteEverything" }, /unknown message type "deleteEverything"/],
    ["missing type", {}, /unknown message type/],
    ["stray key", { type: "ready", extra: 1 }, /unexpected key "extra"/],
    ["negative request id", { type: "editIntent", requestId: -1, intent: { kind: "removeLayer", id: "a" } }, /requestId/],
    ["fractional request id", { type: "editIntent", requestId: 1.5, intent: { kind: "removeLayer", id: "a" } }, /requestId/],
    ["unknown intent", { type: "editIntent", requestId: 1, intent: { kind: "format" } }, /unknown intent kind "format"/],
    ["intent id not a string", { type: "editIntent", requestId: 1, intent: { kind: "removeLayer", id: 3 } }, /"id" must be a layer id/],
    ["NaN value", { type: "editIntent", requestId: 1, intent: { kind: "setField", id: "a", key: "eps", value: Number.NaN } }, /"eps" must be a finite number/],
    ["function value", { type: "editIntent", requestId: 1, intent: { kind: "setField", id: "a", key: "stride", value: () => 1 } }, /"stride" must be a whole number/],
    ["a key the inspector does not edit", { type: "editIntent", requestId: 1, intent: { kind: "setField", id: "a", key: "k", value: 1 } }, /not a field the designer edits/],
    ["any number for setField", { type: "editIntent", requestId: 1, intent: { kind: "setField", id: "a", key: "filters", value: 1e300 } }, /whole number ≥ 1/],
    ["a negative stride", { type: "editIntent", requestId: 1, intent: { kind: "setField", id: "a", key: "stride", value: [2, -1] } }, /"stride"/],
    ["an object as a field value", { type: "editIntent", requestId: 1, intent: { kind: "setField", id: "a", key: "weights", value: { kernels: [] } } }, /"weights" must be one of/],
    ["layer without type", { type: "editIntent", requestId: 1, intent: { kind: "addLayer", layer: {} } }, /"type" must be a string/],
    ["a layer with an id (the host picks ids)", { type: "editIntent", requestId: 1, intent: { kind: "addLayer", layer: { type: "relu", id: "x" } } }, /unexpected key "id"/],
    ["palette fields outside the catalog", { type: "editIntent", requestId: 1, intent: { kind: "addLayer", layer: { type: "relu", fields: { junk: 1 } } } }, /not a field the designer edits/],
    ["copied fields over the budget", { type: "editIntent", requestId: 1, intent: { kind: "insertLayer", afterId: "a", layer: { type: "relu", fields: { note: "x".repeat(300_000) } } } }, /at most 262144 characters/],
    ["copied fields naming the id", { type: "editIntent", requestId: 1, intent: { kind: "insertLayer", afterId: "a", layer: { type: "relu", fields: { id: "x" } } } }, /must not hold id or type/],
    ["an invalid new id", { type: "editIntent", requestId: 1, intent: { kind: "renameLayer", id: "a", newId: "input" } }, /valid new id/],
    ["a spec edit wiping the document", { type: "editIntent", requestId: 1, intent: { kind: "applySpecEdits", edits: [{ kind: "set", path: [], value: {} }] } }, /does not send a "set" edit at \[\]/],
    ["a spec edit at any path", { type: "editIntent", requestId: 1, intent: { kind: "applySpecEdits", edits: [{ kind: "set", path: ["layers", 0, "kernel"], value: 3 }] } }, /does not send/],
    ["a spec edit removing", { type: "editIntent", requestId: 1, intent: { kind: "applySpecEdits", edits: [{ kind: "remove", path: ["layers"] }] } }, /does not send a "remove" edit/],
    ["an input shape of 2 numbers", { type: "editIntent", requestId: 1, intent: { kind: "applySpecEdits", edits: [{ kind: "set", path: ["input"], value: [1, 8] }] } }, /input shape/],
    ["an inserted layer with extra keys", { type: "editIntent", requestId: 1, intent: { kind: "applySpecEdits", edits: [{ kind: "insert", path: ["layers", 0], value: { id: "a1", type: "add", inputs: ["a"], evil: {} } }] } }, /not a field the designer edits/],
    ["a huge layer index", { type: "editIntent", requestId: 1, intent: { kind: "applySpecEdits", edits: [{ kind: "set", path: ["layers", 1e12, "id"], value: "a" }] } }, /layer index/],
    ["no spec edits", { type: "editIntent", requestId: 1, intent: { kind: "applySpecEdits", edits: [] } }, /1 to 100 spec edits/],
    ["disconnect (the designer never sends it)", { type: "editIntent", requestId: 5, intent: { kind: "disconnect", from: "c1", to: "c3" } }, /does not send disconnect/],
    ["fields not an object", { type: "editIntent", requestId: 1, intent: { kind: "addLayer", layer: { type: "relu", fields: [1] } } }, /"fields"/],
    ["bad path segment", { type: "revealInText", path: ["layers", -1] }, /segment/],
    ["path not a list", { type: "revealInText", path: "layers.0" }, /JSON path/],
    ["unknown spec edit", { type: "editIntent", requestId: 1, intent: { kind: "applySpecEdits", edits: [{ kind: "move", path: [] }] } }, /does not send a "move" edit/],
    ["moveLayer (the designer never sends it)", { type: "editIntent", requestId: 1, intent: { kind: "moveLayer", id: "a", toIndex: 2 } }, /does not send moveLayer/],
    ["a huge unknown kind is cut in the reason", { type: "editIntent", requestId: 1, intent: { kind: "x".repeat(100_000) } }, /^unknown intent kind "x{30,40}…$/],
    ["requestFix without version", { type: "requestFix", requestId: 1, diagnosticIndex: 0, fixIndex: 0 }, /docVersion/],
    ["checkFixes with a fix index", { type: "checkFixes", requestId: 1, docVersion: 1, diagnosticIndex: 0, fixIndex: 0 }, /fixIndex/],
    ["huge message string", { type: "reportError", message: "x".repeat(10001) }, /longer than/],
  ])("%s", (_name, message, reason) => {
    expect(refusedBecause(message)).toMatch(reason);
  });
});

describe("helpers", () => {
  it("isJsonValue rejects class instances, infinities and deep nesting", () => {
    expect(isJsonValue({ a: [1, "b", null, true] })).toBe(true);
    expect(isJsonValue(new Date())).toBe(false);
    expect(isJsonValue(Infinity)).toBe(false);
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(isJsonValue(deep)).toBe(false);
  });

  it("requestIdOf finds the id of a refused request so the host can reply with an error", () => {
    expect(requestIdOf({ type: "editIntent", requestId: 7, intent: null })).toBe(7);
    expect(requestIdOf({ type: "editIntent", requestId: "7" })).toBeUndefined();
    expect(requestIdOf(null)).toBeUndefined();
  });
});
