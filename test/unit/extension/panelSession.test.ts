import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Analysis } from "../../../src/engine/types";
import { AnalysisStore } from "../../../src/extension/documentAnalysis";
import { CHANGE_DEBOUNCE_MS, DocumentSync } from "../../../src/extension/documentSync";
import { PanelSession } from "../../../src/extension/panelSession";
import type { HostToView } from "../../../src/protocol";
import { FakeDocument, FakeServices } from "./fakes";

// The engine's analysis is replaced by a fixed one with a fix, so these tests only depend on the host glue.
vi.mock(import("../../../src/engine"), async (importOriginal) => {
  const original = await importOriginal();
  const analyze = (spec: string | object): Analysis => ({
    ...original.analyze(spec),
    diagnostics: [{
      severity: "error", code: "kernel-exceeds-input", message: "kernel 7 > input 4", layerId: "c1", path: ["layers", 0, "kernel"],
      fixes: [{ title: "Set kernel to 3", edits: [{ kind: "set", path: ["layers", 0, "kernel"], value: 3 }], preferred: true }],
    }],
  });
  return { ...original, analyze };
});

const text = `{
  "input": [1, 4, 4],
  "layers": [
    { "id": "c1", "type": "conv2d", "filters": 4, "kernel": 7 }
  ]
}
`;

function setUp() {
  const document = new FakeDocument(text);
  const services = new FakeServices(document);
  const sync = new DocumentSync(document, services, new AnalysisStore());
  const panel = (): { session: PanelSession; posted: HostToView[] } => {
    const posted: HostToView[] = [];
    const session = new PanelSession(sync, (message) => posted.push(message), () => ({ shapeOrder: "CHW", layoutDirection: "TB" }));
    sync.add(session);
    return { session, posted };
  };
  return { document, services, sync, panel };
}

describe("PanelSession", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("posts nothing before ready, then answers ready with init carrying the state", async () => {
    const { panel, sync } = setUp();
    const { session, posted } = panel();
    sync.broadcast(true);
    expect(posted).toEqual([]);
    await session.handle({ type: "ready" });
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ type: "init", fileName: "net.cnn.json", docVersion: 1, parseError: null, settings: { shapeOrder: "CHW" } });
  });

  it("an intent becomes one edit, the reply follows the new analysis, and the edit is not echoed back", async () => {
    const { panel, services, document, sync } = setUp();
    const { session, posted } = panel();
    services.onApply = () => sync.onDocumentChanged();
    await session.handle({ type: "ready" });
    await session.handle({ type: "editIntent", requestId: 7, intent: { kind: "setField", id: "c1", key: "kernel", value: 3 } });
    expect(services.applied).toEqual([[{ offset: text.indexOf("7 }"), length: 1, content: "3" }]]);
    expect(document.text).toBe(text.replace(`"kernel": 7`, `"kernel": 3`));
    expect(posted.map((message) => message.type)).toEqual(["init", "analysis", "reply"]);
    expect(posted[1]).toMatchObject({ type: "analysis", docVersion: 2 });
    expect(posted[2]).toEqual({ type: "reply", requestId: 7, ok: true });
    vi.advanceTimersByTime(CHANGE_DEBOUNCE_MS * 2);
    expect(posted).toHaveLength(3);
  });

  it("every ready panel on the document gets the new state once", async () => {
    const { panel } = setUp();
    const first = panel();
    const second = panel();
    await first.session.handle({ type: "ready" });
    await second.session.handle({ type: "ready" });
    await first.session.handle({ type: "editIntent", requestId: 1, intent: { kind: "addLayer", layer: { type: "flatten" } } });
    expect(second.posted.filter((message) => message.type === "analysis")).toHaveLength(1);
    expect(first.posted.at(-1)).toEqual({ type: "reply", requestId: 1, ok: true, createdId: "flat1" });
  });

  it("outside changes are debounced into one analysis", async () => {
    const { panel, document, sync } = setUp();
    const { session, posted } = panel();
    await session.handle({ type: "ready" });
    document.type(text.replace("7", "5"));
    sync.onDocumentChanged();
    document.type(text.replace("7", "6"));
    sync.onDocumentChanged();
    expect(posted).toHaveLength(1);
    vi.advanceTimersByTime(CHANGE_DEBOUNCE_MS);
    expect(posted).toHaveLength(2);
    expect(posted[1]).toMatchObject({ type: "analysis", docVersion: 3 });
  });

  it("while the text is broken: banner info, the last good analysis, and intents refused", async () => {
    const { panel, document, sync, services } = setUp();
    const { session, posted } = panel();
    await session.handle({ type: "ready" });
    const good = (posted[0] as { analysis: Analysis }).analysis;
    document.type(text.replace(`"kernel": 7 }`, `"kernel": 7`));
    sync.onDocumentChanged();
    vi.advanceTimersByTime(CHANGE_DEBOUNCE_MS);
    expect(posted[1]).toMatchObject({ type: "analysis", docVersion: 2, parseError: { line: 5, column: 3 } });
    expect((posted[1] as { analysis: Analysis }).analysis).toEqual(good);
    await session.handle({ type: "editIntent", requestId: 3, intent: { kind: "removeLayer", id: "c1" } });
    expect(posted[2]).toMatchObject({ type: "reply", requestId: 3, ok: false, error: { code: "parse-error" } });
    expect(services.applied).toEqual([]);
  });

  it("requestFix applies the engine's fix, and refuses a stale version or a missing fix", async () => {
    const { panel, document } = setUp();
    const { session, posted } = panel();
    await session.handle({ type: "ready" });
    await session.handle({ type: "requestFix", requestId: 1, docVersion: 1, diagnosticIndex: 0, fixIndex: 1 });
    expect(posted.at(-1)).toMatchObject({ ok: false, error: { code: "no-such-fix" } });
    await session.handle({ type: "requestFix", requestId: 2, docVersion: 1, diagnosticIndex: 0, fixIndex: 0 });
    expect(posted.at(-1)).toEqual({ type: "reply", requestId: 2, ok: true });
    expect(document.text).toBe(text.replace(`"kernel": 7`, `"kernel": 3`));
    await session.handle({ type: "requestFix", requestId: 3, docVersion: 1, diagnosticIndex: 0, fixIndex: 0 });
    expect(posted.at(-1)).toMatchObject({ ok: false, error: { code: "stale-version" } });
  });

  it("checkFixes answers the fixes that add no error with what else changes; requestFix indexes that answer", async () => {
    const { panel, document } = setUp();
    const { session, posted } = panel();
    await session.handle({ type: "ready" });
    await session.handle({ type: "checkFixes", requestId: 1, docVersion: 1, diagnosticIndex: 0 });
    expect(posted.at(-1)).toEqual({
      type: "reply", requestId: 1, ok: true, fixes: [{ title: "Set kernel to 3", consequences: "no other layer changes; params +40", preferred: true }],
    });
    await session.handle({ type: "checkFixes", requestId: 2, docVersion: 1, diagnosticIndex: 5 });
    expect(posted.at(-1)).toMatchObject({ type: "reply", requestId: 2, ok: false, error: { code: "no-such-fix" } });
    await session.handle({ type: "checkFixes", requestId: 3, docVersion: 7, diagnosticIndex: 0 });
    expect(posted.at(-1)).toMatchObject({ type: "reply", requestId: 3, ok: false, error: { code: "stale-version" } });
    expect(document.text).toBe(text);
  });

  it("malformed messages are logged and refused, with an error reply when they carry a request id", async () => {
    const { panel, services } = setUp();
    const { session, posted } = panel();
    await session.handle({ type: "ready" });
    await session.handle({ type: "editIntent", requestId: 9, intent: { kind: "dropTable" } });
    await session.handle({ type: "launchMissiles" });
    expect(services.applied).toEqual([]);
    expect(posted.at(-1)).toMatchObject({ type: "reply", requestId: 9, ok: false, error: { code: "invalid-message" } });
    expect(services.logged).toEqual([
      `warn: Refused a message from the designer: unknown intent kind "dropTable"`,
      `warn: Refused a message from the designer: unknown message type "launchMissiles"`,
    ]);
  });

  it("a workspace edit VS Code refuses: error reply and the current state sent again", async () => {
    const { panel, services } = setUp();
    const { session, posted } = panel();
    services.refuseEdits = true;
    await session.handle({ type: "ready" });
    await session.handle({ type: "editIntent", requestId: 4, intent: { kind: "removeLayer", id: "c1" } });
    expect(posted.map((message) => message.type)).toEqual(["init", "analysis", "reply"]);
    expect(posted[2]).toMatchObject({ ok: false, error: { code: "apply-failed" } });
  });

  it("selection, reveal and view errors go to the host services", async () => {
    const { panel, services } = setUp();
    const { session } = panel();
    await session.handle({ type: "selectLayer", layerId: "c1" });
    await session.handle({ type: "revealInText", path: ["layers", 0] });
    await session.handle({ type: "reportError", message: "boom" });
    expect(services.selected).toEqual(["c1"]);
    expect(services.revealed).toEqual([["layers", 0]]);
    expect(services.logged).toEqual(["error: Designer: boom"]);
  });
});
