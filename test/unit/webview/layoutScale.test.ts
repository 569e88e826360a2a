import ELK from "elkjs";
import { describe, expect, it } from "vitest";
import { renderWebviewHtml } from "../../../src/extension/webviewHtml";
import { createWorkerElk, SupersededError, workerUrlBeside } from "../../../webview/graph/elkWorker";
import type { ElkLike } from "../../../src/diagram/layout";
import { findChains } from "../../../src/diagram/layoutChains";
import { automaticLayoutCap, columnLayout, exceedsLayoutCap, tooManyLayersMessage } from "../../../src/diagram/layoutFallback";
import { graphInView, resizedViewport } from "../../../webview/graph/viewport";
import { modelOf } from "./modelOf";

describe("chain compression", () => {
  it("joins runs of single-input, single-output layers and keeps branch edges between boxes", () => {
    // input → a → b → add ← input (a skip), add → c
    const plan = findChains(modelOf("input->a", "a->b", "b->add", "input->add", "add->c"));
    expect(plan.chains.map((chain) => chain.members)).toEqual([["input"], ["a", "b"], ["add", "c"]]);
    expect(plan.outerEdges.map((edge) => edge.id)).toEqual(["input->a#0", "b->add#2", "input->add#3"]);
    expect(plan.chainOf.get("b")).toBe("a");
  });

  it("does not chain through a layer that reads the same input twice", () => {
    const plan = findChains(modelOf("input->a", "a->cat", "a->cat"));
    expect(plan.chains.map((chain) => chain.members)).toEqual([["input", "a"], ["cat"]]);
  });
});

describe("layout cap", () => {
  it("skips ELK only above the cap (counted in layers, the input node excluded)", () => {
    const chain = (layers: number) => modelOf(...Array.from({ length: layers }, (_, index) => `n${index}->n${index + 1}`));
    expect(exceedsLayoutCap(chain(automaticLayoutCap))).toBe(false);
    expect(exceedsLayoutCap(chain(automaticLayoutCap + 1))).toBe(true);
    expect(tooManyLayersMessage(10000)).toMatch(/^10,000 layers: too many to lay out automatically.*shape table, Problems and the text editor still work/);
  });

  it("draws a column in file order, skips on a lane to the right, every edge routed", () => {
    const model = modelOf("input->a", "a->b", "b->add", "input->add", "add->c");
    const layout = columnLayout(model);
    const ys = model.nodes.map((node) => layout.nodes.get(node.id)!.y);
    for (let index = 1; index < ys.length; index++) expect(ys[index]).toBeGreaterThan(ys[index - 1]);
    expect(new Set(model.nodes.map((node) => layout.nodes.get(node.id)!.x)).size).toBe(1);
    expect(layout.edges.size).toBe(model.edges.length);
    const skip = layout.edges.get("input->add#3")!.points;
    const input = layout.nodes.get("input")!;
    expect(skip[1].x).toBeGreaterThan(input.x + input.width);
    expect(layout.height).toBeGreaterThan(ys.at(-1)!);
  });
});

describe("layout worker", () => {
  it("finds the worker file next to the webview script", () => {
    expect(workerUrlBeside("https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js")).toBe("https://file+.vscode-resource.vscode-cdn.net/ext/dist/elk-worker.min.js");
    expect(workerUrlBeside(undefined)).toBeUndefined();
  });

  it("falls back to the in-thread ELK when the worker file cannot be fetched", async () => {
    const fallback = new ELK();
    const elk = createWorkerElk({ workerUrl: "https://x/dist/elk-worker.min.js", fallback: () => fallback, fetchText: () => Promise.reject(new Error("HTTP 404")) });
    const result = await elk.layout({ id: "root", children: [{ id: "a", width: 10, height: 10 }] });
    expect(result.children?.[0].x).toBeDefined();
    await expect(elk.engine).resolves.toBe("main-thread");
  });

  it("serves the newest request: a waiting one is superseded by a newer one", async () => {
    const seen: string[] = [];
    const slow: ElkLike = {
      layout: async (graph) => {
        seen.push(graph.id);
        await new Promise((done) => setTimeout(done, 5));
        return graph;
      },
    };
    const elk = createWorkerElk({ workerUrl: undefined, fallback: () => slow });
    const first = elk.layout({ id: "first" });
    const second = elk.layout({ id: "second" }).then(() => "resolved", (reason: unknown) => reason);
    const third = elk.layout({ id: "third" });
    await expect(first).resolves.toMatchObject({ id: "first" });
    expect(await second).toBeInstanceOf(SupersededError);
    await expect(third).resolves.toMatchObject({ id: "third" });
    expect(seen).toEqual(["first", "third"]);
  });

  it("allows the worker in the webview CSP (fetch from our resources, Blob workers) and nothing wider", () => {
    const html = renderWebviewHtml({ scriptUri: "https://x/dist/webview.js", styleUri: "https://x/dist/webview.css", cspSource: "https://x", nonce: "n0nce" });
    const csp = /content="([^"]+)"/.exec(html)?.[1] ?? "";
    expect(csp).toContain("worker-src blob:");
    expect(csp).toContain("connect-src https://x;");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/unsafe|\*/);
  });
});

describe("viewport on resize", () => {
  it("keeps a top-down graph centred across and anchored along its direction", () => {
    const before = { width: 1000, height: 800 };
    const after = { width: 400, height: 600 };
    expect(resizedViewport({ x: 400, y: 24, zoom: 1 }, before, after, "TB")).toEqual({ x: 100, y: 24, zoom: 1 });
    expect(resizedViewport({ x: 24, y: 300, zoom: 1 }, before, after, "LR")).toEqual({ x: 24, y: 200, zoom: 1 });
  });

  it("tells whether any node is visible", () => {
    const layout = { nodes: new Map([["a", { x: 0, y: 0, width: 100, height: 50 }]]) };
    expect(graphInView(layout, { x: 350, y: 0, zoom: 1 }, { width: 400, height: 300 })).toBe(true);
    expect(graphInView(layout, { x: 450, y: 0, zoom: 1 }, { width: 400, height: 300 })).toBe(false);
  });
});
