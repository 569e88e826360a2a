// A panel's diagram exports: posted when the view is ready (again after a reload), settled by
// the view's answer, a refused answer, a timeout or the panel closing.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AnalysisStore } from "../../../src/extension/documentAnalysis";
import { diagramTimeoutMillis } from "../../../src/extension/diagramRequests";
import { DocumentSync } from "../../../src/extension/documentSync";
import { PanelSession } from "../../../src/extension/panelSession";
import { maxDiagramCharacters, type HostToView } from "../../../src/protocol";
import { FakeDocument, FakeServices } from "./fakes";

const text = `{ "input": [1, 8, 8], "layers": [{ "id": "c1", "type": "conv2d", "filters": 2, "kernel": 3 }] }\n`;

function setUp() {
  const document = new FakeDocument(text);
  const services = new FakeServices(document);
  const sync = new DocumentSync(document, services, new AnalysisStore());
  const posted: HostToView[] = [];
  const session = new PanelSession(sync, (message) => posted.push(message), () => ({ shapeOrder: "CHW", layoutDirection: "TB" }));
  sync.add(session);
  const requests = () => posted.filter((message) => message.type === "exportDiagramRequest");
  return { session, posted, requests, services };
}

/** Whether a promise has settled, and how. */
function track<T>(promise: Promise<T>): { state: "pending" | "resolved" | "rejected"; value?: T; error?: Error } {
  const tracked: { state: "pending" | "resolved" | "rejected"; value?: T; error?: Error } = { state: "pending" };
  promise.then((value) => Object.assign(tracked, { state: "resolved", value }), (error: Error) => Object.assign(tracked, { state: "rejected", error }));
  return tracked;
}

describe("PanelSession diagram exports", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("asks a ready view at once and resolves with its SVG", async () => {
    const { session, requests } = setUp();
    await session.handle({ type: "ready" });
    const result = track(session.requestDiagram("svg"));
    expect(requests()).toEqual([{ type: "exportDiagramRequest", exportId: 1, format: "svg" }]);
    await session.handle({ type: "diagramExport", exportId: 1, ok: true, format: "svg", data: "<svg/>" });
    await vi.advanceTimersByTimeAsync(0);
    expect(result).toEqual({ state: "resolved", value: "<svg/>" });
  });

  it("waits for the view to be ready, and asks again when the view reloads", async () => {
    const { session, requests } = setUp();
    const result = track(session.requestDiagram("png"));
    expect(requests()).toEqual([]);
    await session.handle({ type: "ready" });
    expect(requests()).toHaveLength(1);
    await session.handle({ type: "ready" });
    expect(requests()).toEqual([
      { type: "exportDiagramRequest", exportId: 1, format: "png" },
      { type: "exportDiagramRequest", exportId: 1, format: "png" },
    ]);
    await session.handle({ type: "diagramExport", exportId: 1, ok: true, format: "png", data: "iVBORw0KGgo=" });
    await vi.advanceTimersByTimeAsync(0);
    expect(result.state).toBe("resolved");
    await session.handle({ type: "ready" });
    expect(requests()).toHaveLength(2);
  });

  it("rejects with the view's message, a wrong format, or a refused answer (over the size cap), without replying to the view", async () => {
    const { session, posted } = setUp();
    await session.handle({ type: "ready" });
    const failed = track(session.requestDiagram("svg"));
    const mixedUp = track(session.requestDiagram("svg"));
    const tooLarge = track(session.requestDiagram("png"));
    await session.handle({ type: "diagramExport", exportId: 1, ok: false, message: "The designer has no laid-out graph." });
    await session.handle({ type: "diagramExport", exportId: 2, ok: true, format: "png", data: "AAAA" });
    await session.handle({ type: "diagramExport", exportId: 3, ok: true, format: "png", data: "A".repeat(maxDiagramCharacters + 4) });
    await vi.advanceTimersByTimeAsync(0);
    expect(failed.error?.message).toBe("The designer has no laid-out graph.");
    expect(mixedUp.error?.message).toBe("The designer answered with png, not svg.");
    expect(tooLarge.error?.message).toBe("The designer's diagram was refused: the diagram is larger than the 20 MB limit.");
    expect(posted.some((message) => message.type === "reply")).toBe(false);
  });

  it("ignores answers nobody waits for", async () => {
    const { session, services, posted } = setUp();
    await session.handle({ type: "ready" });
    await session.handle({ type: "diagramExport", exportId: 41, ok: true, format: "svg", data: "<svg/>" });
    await session.handle({ type: "diagramExport", exportId: 42, ok: true, format: "gif", data: "x" });
    expect(services.logged).toEqual([`warn: Refused a message from the designer: "format" must be "svg" or "png"`]);
    expect(posted.map((message) => message.type)).toEqual(["init"]);
  });

  it("gives up after the timeout, and when the panel closes", async () => {
    const { session } = setUp();
    await session.handle({ type: "ready" });
    const slow = track(session.requestDiagram("png"));
    await vi.advanceTimersByTimeAsync(diagramTimeoutMillis - 1);
    expect(slow.state).toBe("pending");
    await vi.advanceTimersByTimeAsync(1);
    expect(slow.error?.message).toMatch(/did not produce the diagram within 30 s/);
    const closing = track(session.requestDiagram("svg"));
    session.dispose();
    await vi.advanceTimersByTimeAsync(0);
    expect(closing.error?.message).toBe("The designer closed before the diagram was exported.");
  });
});
