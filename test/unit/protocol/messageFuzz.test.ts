/**
 * Thousands of random and mutated webview messages (fixed seed) through the validator and the
 * host's message handling (PanelSession → applyIntent → edits): every refused message leaves
 * the document untouched, is logged, and a refused request gets an error reply. Accepted ones
 * either edit (the result is JSON) or are refused by the edit engine, again without a change.
 */
import { describe, expect, it } from "vitest";
import { parseText } from "../../../src/engine/edit";
import { AnalysisStore } from "../../../src/extension/documentAnalysis";
import { DocumentSync } from "../../../src/extension/documentSync";
import { PanelSession } from "../../../src/extension/panelSession";
import { validateViewToHost, type HostToView } from "../../../src/protocol";
import { Random } from "../edit/random";
import { FakeDocument, FakeServices } from "../extension/fakes";

const original = `{
  "version": 1,
  "input": [3, 16, 16],
  "layers": [
    { "type": "conv2d", "filters": 4, "kernel": 3, "padding": 1 },
    { "id": "r1", "type": "relu" },
    { "id": "c2", "type": "conv2d", "filters": 4, "kernel": 3, "stride": 1, "stride": 2, "inputs": ["r1"] },
    { "id": "sum", "type": "add", "inputs": ["r1", "c2"] }
  ],
  "layers_note": "kept"
}
`;

/** What the designer sends (webview/graph/intents.ts, main.tsx, the preview's flip button). */
const corpus: unknown[] = [
  { type: "editIntent", requestId: 1, intent: { kind: "addLayer", layer: { type: "conv2d", fields: { filters: 16, kernel: 3, padding: 1 } } } },
  { type: "editIntent", requestId: 2, intent: { kind: "insertLayer", afterId: "r1", layer: { type: "relu", fields: {} } } },
  { type: "editIntent", requestId: 3, intent: { kind: "insertLayer", afterId: "c2", layer: { type: "conv2d", fields: { filters: 4, kernel: 3, stride: 2, inputs: ["r1"] } } } },
  { type: "editIntent", requestId: 4, intent: { kind: "removeLayer", id: "r1" } },
  { type: "editIntent", requestId: 5, intent: { kind: "setField", id: "c2", key: "stride", value: [2, 1] } },
  { type: "editIntent", requestId: 6, intent: { kind: "setField", id: "c2", key: "padding" } },
  { type: "editIntent", requestId: 7, intent: { kind: "connect", from: "input", to: "sum" } },
  { type: "editIntent", requestId: 8, intent: { kind: "renameLayer", id: "c2", newId: "stem" } },
  { type: "editIntent", requestId: 9, intent: { kind: "applySpecEdits", edits: [{ kind: "set", path: ["input"], value: [1, 28, 28] }] } },
  {
    type: "editIntent", requestId: 10, intent: {
      kind: "applySpecEdits", edits: [
        { kind: "set", path: ["layers", 0, "id"], value: "conv2d_0" },
        { kind: "insert", path: ["layers", 3], value: { id: "cat1", type: "concat", inputs: ["conv2d_0", "c2"] } },
      ],
    },
  },
  { type: "requestFix", requestId: 11, docVersion: 1, diagnosticIndex: 0, fixIndex: 0 },
  { type: "checkFixes", requestId: 12, docVersion: 1, diagnosticIndex: 0 },
  { type: "showInText", path: ["layers", 1, "kernel"] },
  { type: "selectLayer", layerId: "r1" },
  { type: "revealInText", path: ["layers", 2, "stride"] },
  { type: "reportError", message: "layout failed" },
];

function randomValue(random: Random, depth = 0): unknown {
  switch (random.integer(depth > 2 ? 8 : 11)) {
    case 0: return random.pick([0, -1, 1.5, 2 ** 53, 1e300, Number.NaN, Infinity, -0]);
    case 1: return random.pick(["", "input", "r1", "c2", "x".repeat(5000), "__proto__", "constructor", "\u0000", "layers"]);
    case 2: return random.pick([true, false, null, undefined]);
    case 3: return [];
    case 4: return {};
    case 5: return ["layers", random.integer(6), random.pick(["id", "inputs", "kernel", "stride"])];
    case 6: return random.pick([[], ["input"], ["layers"], ["layers", 0], [3, 16, 16], [0, 0, 0]]);
    case 7: return random.integer(1000);
    case 8: return Array.from({ length: random.integer(4) }, () => randomValue(random, depth + 1));
    case 9: return Object.fromEntries(Array.from({ length: random.integer(4) }, () => [random.pick(["kind", "path", "value", "id", "type", "layer", "fields", "edits", "key", "x"]), randomValue(random, depth + 1)]));
    default: return { kind: random.pick(["set", "insert", "remove", "addLayer", "setField", "moveLayer", "disconnect"]), path: randomValue(random, depth + 1), value: randomValue(random, depth + 1) };
  }
}

/** Changes one place of a message: a value replaced, a key dropped or added, a list emptied or grown. */
function mutate(random: Random, message: unknown): unknown {
  if (message === null || typeof message !== "object" || random.chance(0.15)) return randomValue(random);
  const copy: Record<string, unknown> | unknown[] = Array.isArray(message)
    ? [...(message as unknown[])]
    : { ...(message as Record<string, unknown>) };
  const keys = Object.keys(copy);
  const operation = random.integer(4);
  if (keys.length === 0 || operation === 0) (copy as Record<string, unknown>)[random.pick(["kind", "value", "path", "extra", "id", "requestId"])] = randomValue(random);
  else if (operation === 1) delete (copy as Record<string, unknown>)[random.pick(keys)];
  else {
    const key = random.pick(keys);
    const target = copy as Record<string, unknown>;
    target[key] = operation === 2 ? mutate(random, target[key]) : randomValue(random);
  }
  return copy;
}

function setUp() {
  const document = new FakeDocument(original);
  const services = new FakeServices(document);
  const sync = new DocumentSync(document, services, new AnalysisStore());
  const posted: HostToView[] = [];
  const session = new PanelSession(sync, (message) => posted.push(message), () => ({ shapeOrder: "CHW", layoutDirection: "TB" }));
  sync.add(session);
  return { document, services, session, posted };
}

describe("random and mutated webview messages (fixed seed)", () => {
  it("every refused message leaves the document untouched, is logged and (as a request) answered with an error", async () => {
    const random = new Random(20240616);
    const { document, services, session, posted } = setUp();
    await session.handle({ type: "ready" });
    const tally = { refused: 0, accepted: 0, edited: 0 };
    for (let round = 0; round < 4000; round++) {
      let message: unknown = random.chance(0.1) ? randomValue(random) : random.pick(corpus);
      for (let count = random.integer(3) + (random.chance(0.1) ? 0 : 1); count > 0; count--) message = mutate(random, message);
      if (document.text !== original) document.type(original);
      const before = { text: document.text, applied: services.applied.length, logged: services.logged.length, posted: posted.length };
      const verdict = validateViewToHost(message);
      await session.handle(message);
      if (!verdict.ok) {
        tally.refused++;
        expect(document.text).toBe(before.text);
        expect(services.applied.length).toBe(before.applied);
        expect(services.logged.slice(before.logged).join("\n")).toContain("Refused a message from the designer");
        const reply = posted.slice(before.posted).find((item) => item.type === "reply");
        if (reply) expect(reply).toMatchObject({ ok: false });
        continue;
      }
      tally.accepted++;
      const replies = posted.slice(before.posted).filter((item) => item.type === "reply");
      if (replies.some((reply) => reply.type === "reply" && !reply.ok)) expect(document.text).toBe(before.text);
      if (document.text !== before.text) {
        tally.edited++;
        expect(parseText(document.text).errors).toEqual([]);
      }
    }
    expect(tally.refused).toBeGreaterThan(2000);
    expect(tally.edited).toBeGreaterThan(50);
  }, 120_000);

  it("the messages the issue measured are refused: a wiped document, any path, unbounded values, any number", () => {
    const intent = (value: unknown) => validateViewToHost({ type: "editIntent", requestId: 1, intent: value }).ok;
    expect(intent({ kind: "applySpecEdits", edits: [{ kind: "set", path: [], value: {} }] })).toBe(false);
    expect(intent({ kind: "applySpecEdits", edits: [{ kind: "set", path: ["layers"], value: "gone" }] })).toBe(false);
    expect(intent({ kind: "applySpecEdits", edits: [{ kind: "insert", path: ["layers", 0], value: { id: "a1", type: "relu", inputs: ["input"], blob: "x".repeat(1e6) } }] })).toBe(false);
    expect(intent({ kind: "setField", id: "c2", key: "stride", value: -3 })).toBe(false);
    expect(intent({ kind: "setField", id: "c2", key: "stride", value: 2.5 })).toBe(false);
  });
});
