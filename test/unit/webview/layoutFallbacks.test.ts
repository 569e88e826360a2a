import { describe, expect, it } from "vitest";
import type { ElkNode } from "elkjs/lib/elk-api";
import { renderWebviewHtml } from "../../../src/extension/webviewHtml";
import { createWorkerElk, LayoutTimeoutError, type WorkerLike } from "../../../webview/graph/elkWorker";
import { columnLayout, layoutTimeoutMessage } from "../../../src/diagram/layoutFallback";
import { modelOf } from "./modelOf";

describe("column layout, left to right", () => {
  const model = modelOf("input->a", "a->b", "b->add", "input->add", "add->c");

  it("puts the layers in one row in file order, the skip on a lane below the row", () => {
    const layout = columnLayout(model, "LR");
    const boxes = model.nodes.map((node) => layout.nodes.get(node.id)!);
    for (let index = 1; index < boxes.length; index++) expect(boxes[index].x).toBeGreaterThan(boxes[index - 1].x + boxes[index - 1].width);
    expect(new Set(boxes.map((box) => box.y)).size).toBe(1);
    expect(layout.edges.size).toBe(model.edges.length);
    const neighbour = layout.edges.get("input->a#0")!.points;
    expect(neighbour[0].y).toBe(neighbour[1].y);
    const skip = layout.edges.get("input->add#3")!.points;
    const input = layout.nodes.get("input")!;
    expect(skip[1].y).toBeGreaterThan(input.y + input.height);
    expect(layout.width).toBeGreaterThan(boxes.at(-1)!.x + boxes.at(-1)!.width);
    expect(layout.height).toBeGreaterThan(skip[1].y);
  });

  it("is the top-down column when asked for TB (the default)", () => {
    expect(columnLayout(model)).toEqual(columnLayout(model, "TB"));
    const layout = columnLayout(model, "TB");
    expect(new Set(model.nodes.map((node) => layout.nodes.get(node.id)!.x)).size).toBe(1);
  });
});

/** A worker speaking elk-api's protocol: answers `register` and layouts, except graphs named in `hangOn`. */
function fakeWorker(hangOn: Set<string>, log: string[]): WorkerLike & { onmessage?: (event: { data: unknown }) => void } {
  const worker: WorkerLike & { onmessage?: (event: { data: unknown }) => void } = {
    postMessage(message) {
      const { id, cmd, graph } = message as { id: number; cmd: string; graph?: ElkNode };
      log.push(graph ? `${cmd} ${graph.id}` : cmd);
      if (graph && hangOn.has(graph.id)) return;
      setTimeout(() => worker.onmessage?.({ data: { id, data: graph ?? null } }), 1);
    },
    addEventListener() {},
    terminate() {
      log.push("terminate");
    },
  };
  return worker;
}

describe("layout worker timeout", () => {
  it("stops a worker whose layout does not finish, rejects with LayoutTimeoutError, and starts a fresh worker for the next layout", async () => {
    const log: string[] = [];
    let workers = 0;
    const elk = createWorkerElk({
      workerUrl: "https://x/dist/elk-worker.min.js",
      fallback: () => Promise.reject(new Error("no fallback expected")),
      fetchText: async () => "// worker source",
      createWorker: () => {
        workers++;
        return fakeWorker(new Set(["hangs"]), log);
      },
      layoutTimeoutMillis: 50,
    });
    const hung = elk.layout({ id: "hangs" }).then(() => "resolved", (reason: unknown) => reason);
    const error = await hung;
    expect(error).toBeInstanceOf(LayoutTimeoutError);
    expect((error as LayoutTimeoutError).millis).toBe(50);
    expect(log).toContain("terminate");
    await expect(elk.layout({ id: "fine" })).resolves.toMatchObject({ id: "fine" });
    expect(workers).toBe(2);
    expect(log.filter((entry) => entry === "layout fine")).toHaveLength(1);
    await expect(elk.engine).resolves.toBe("worker");
  });

  it("accepts an asynchronous fallback when the worker cannot start", async () => {
    const fallback = { layout: async (graph: ElkNode) => ({ ...graph, x: 1 }) };
    const elk = createWorkerElk({ workerUrl: undefined, fallback: async () => fallback });
    await expect(elk.layout({ id: "root" })).resolves.toMatchObject({ id: "root", x: 1 });
    await expect(elk.engine).resolves.toBe("main-thread");
  });

  it("says in the banner what happened and what still works", () => {
    expect(layoutTimeoutMessage(30)).toMatch(/did not finish within 30 s.*simple column.*shape table, Problems and the text editor still work/);
  });
});

describe("layout worker started by the page", () => {
  const assets = { scriptUri: "https://x/dist/webview.js", styleUri: "https://x/dist/webview.css", cspSource: "https://x", nonce: "n0nce" };

  it("starts the worker in a nonce'd inline script before webview.js, without widening the CSP", () => {
    const plain = renderWebviewHtml(assets);
    const html = renderWebviewHtml({ ...assets, layoutWorkerUri: "https://x/dist/elk-worker.min.js" });
    const early = html.indexOf(`<script nonce="n0nce">self.cnnLayoutWorker = fetch("https://x/dist/elk-worker.min.js")`);
    expect(early).toBeGreaterThan(0);
    expect(early).toBeLessThan(html.indexOf(`<script nonce="n0nce" src="https://x/dist/webview.js">`));
    expect(plain).not.toContain("cnnLayoutWorker");
    const csp = (text: string) => /content="([^"]+)"/.exec(text)?.[1];
    expect(csp(html)).toBe(csp(plain));
    expect(csp(html)).not.toMatch(/unsafe/);
  });

  it("keeps a URL from closing the script element", () => {
    const html = renderWebviewHtml({ ...assets, layoutWorkerUri: "https://x/</script><b>" });
    expect(html).not.toContain("</script><b>");
  });

  it("is taken over by the layout engine, once", async () => {
    const log: string[] = [];
    const page = globalThis as unknown as { cnnLayoutWorker?: Promise<WorkerLike> };
    page.cnnLayoutWorker = Promise.resolve(fakeWorker(new Set(), log));
    const elk = createWorkerElk({ workerUrl: "https://x/dist/elk-worker.min.js", fallback: () => Promise.reject(new Error("no fallback expected")) });
    await expect(elk.layout({ id: "graph" })).resolves.toMatchObject({ id: "graph" });
    await expect(elk.engine).resolves.toBe("worker");
    expect(log).toEqual(["register", "layout probe", "layout graph"]);
    expect(page.cnnLayoutWorker).toBeUndefined();
  });
});
