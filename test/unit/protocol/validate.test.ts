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
    { type: "editIntent", requestId: 1, intent: { kind: "addLayer", layer: { type: "conv2d", fields: { filters: 8, kernel: [3, 3] } } } },
    { type: "editIntent", requestId: 1, intent: { kind: "insertLayer", afterId: null, layer: { type: "relu", id: "r" } } },
    { type: "editIntent", requestId: 1, intent: { kind: "insertLayer", afterId: "c1", layer: { type: "relu" } } },
    { type: "editIntent", requestId: 2, intent: { kind: "removeLayer", id: "c1" } },
    { type: "editIntent", requestId: 3, intent: { kind: "setField", id: "c1", key: "padding", value: "same" } },
    { type: "editIntent", requestId: 3, intent: { kind: "setField", id: "c1", key: "padding" } },
    { type: "editIntent", requestId: 5, intent: { kind: "connect", from: "input", to: "c3" } },
    { type: "editIntent", requestId: 5, intent: { kind: "disconnect", from: "c1", to: "c3" } },
    { type: "editIntent", requestId: 6, intent: { kind: "renameLayer", id: "c1", newId: "stem" } },
    { type: "editIntent", requestId: 7, intent: { kind: "moveLayer", id: "c1", toIndex: 2 } },
    { type: "editIntent", requestId: 8, intent: { kind: "applySpecEdits", edits: [{ kind: "set", path: ["layers", 0, "kernel"], value: 3 }, { kind: "remove", path: ["extra"] }] } },
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
    ["intent id not a string", { type: "editIntent", requestId: 1, intent: { kind: "removeLayer", id: 3 } }, /"id" must be a string/],
    ["NaN value", { type: "editIntent", requestId: 1, intent: { kind: "setField", id: "a", key: "k", value: Number.NaN } }, /JSON data/],
    ["function value", { type: "editIntent", requestId: 1, intent: { kind: "setField", id: "a", key: "k", value: () => 1 } }, /JSON data/],
    ["layer without type", { type: "editIntent", requestId: 1, intent: { kind: "addLayer", layer: { id: "x" } } }, /"type" must be a string/],
    ["fields not an object", { type: "editIntent", requestId: 1, intent: { kind: "addLayer", layer: { type: "relu", fields: [1] } } }, /"fields"/],
    ["bad path segment", { type: "revealInText", path: ["layers", -1] }, /segment/],
    ["path not a list", { type: "revealInText", path: "layers.0" }, /JSON path/],
    ["unknown spec edit", { type: "editIntent", requestId: 1, intent: { kind: "applySpecEdits", edits: [{ kind: "move", path: [] }] } }, /unknown spec edit kind/],
    ["toIndex negative", { type: "editIntent", requestId: 1, intent: { kind: "moveLayer", id: "a", toIndex: -2 } }, /toIndex/],
    ["requestFix without version", { type: "requestFix", requestId: 1, diagnosticIndex: 0, fixIndex: 0 }, /docVersion/],
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
