/**
 * ELK off the UI thread. elkjs' worker build (dist/elk-worker.min.js, copied there by
 * esbuild.mjs) is fetched from the webview's own resource URI and started from a Blob
 * (webview CSP: `connect-src` for the fetch, `worker-src blob:`), because a webview may not
 * start a Worker from its resource origin directly. When any step fails (no Worker, CSP,
 * fetch, a worker that never answers) layouts run on the bundled in-thread ELK instead.
 *
 * Layouts are served newest first: a request made while another waits replaces it (the
 * replaced promise rejects with `SupersededError`), so typing through several structure
 * changes costs one extra layout, not a queue of stale ones.
 */
import ElkConstructor from "elkjs/lib/elk-api.js";
import type { ELKConstructorArguments, ElkNode } from "elkjs/lib/elk-api";
import type { ElkLike } from "./layout";

export const elkWorkerFile = "elk-worker.min.js";

/** The part of a DOM Worker used here (this module is also type-checked without the DOM lib). */
export interface WorkerLike {
  postMessage(message: unknown): void;
  addEventListener(type: "error", listener: (event: { message?: string }) => void): void;
  terminate(): void;
}

interface BrowserGlobals {
  Worker?: new (url: string, options?: { name?: string }) => WorkerLike;
  document?: { currentScript?: { src?: unknown } | null };
}
const browser = globalThis as unknown as BrowserGlobals;

export class SupersededError extends Error {
  constructor() {
    super("A newer layout request replaced this one.");
    this.name = "SupersededError";
  }
}

export interface WorkerElkOptions {
  /** URL of elk-worker.min.js; undefined → main thread at once. */
  workerUrl: string | undefined;
  /** The in-thread engine (created only when needed). */
  fallback(): ElkLike;
  /** Defaults: window.fetch, new Worker, URL.createObjectURL. Injected by tests. */
  fetchText?(url: string): Promise<string>;
  createWorker?(source: string): WorkerLike;
  /** How long the first (tiny) layout may take before the worker is given up. */
  startTimeoutMillis?: number;
}

export interface WorkerElk extends ElkLike {
  /** Where layouts run, once known. */
  readonly engine: Promise<"worker" | "main-thread">;
}

/** A two-node graph: proves the worker answers, and warms ELK's code while the page mounts. */
const probeGraph: ElkNode = {
  id: "probe",
  layoutOptions: { "elk.algorithm": "layered" },
  children: [{ id: "a", width: 10, height: 10 }, { id: "b", width: 10, height: 10 }],
  edges: [{ id: "e", sources: ["a"], targets: ["b"], labels: [{ text: "1", width: 8, height: 8 }] }],
};

async function defaultFetchText(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

function defaultCreateWorker(source: string): WorkerLike {
  const blobUrl = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  if (!browser.Worker) throw new Error("Web Workers are not available");
  return new browser.Worker(blobUrl, { name: "CNN Designer layout" });
}

function withTimeout<T>(promise: Promise<T>, millis: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not answer within ${millis} ms`)), millis);
    promise.then((value) => { clearTimeout(timer); resolve(value); }, (reason: unknown) => { clearTimeout(timer); reject(reason); });
  });
}

async function startWorker(options: WorkerElkOptions): Promise<ElkLike> {
  const { workerUrl } = options;
  if (!workerUrl || (options.createWorker === undefined && browser.Worker === undefined)) throw new Error("Web Workers are not available");
  const source = await (options.fetchText ?? defaultFetchText)(workerUrl);
  const worker = (options.createWorker ?? defaultCreateWorker)(source);
  const failed = new Promise<never>((_resolve, reject) => {
    worker.addEventListener("error", (event) => reject(new Error(`layout worker failed: ${event.message ?? "error"}`)));
  });
  // elk-api types the factory with the DOM Worker; ours is the same object seen through WorkerLike.
  const workerFactory = (() => worker) as unknown as ELKConstructorArguments["workerFactory"];
  const elk = new ElkConstructor({ workerFactory });
  try {
    await withTimeout(Promise.race([elk.layout(structuredClone(probeGraph)), failed]), options.startTimeoutMillis ?? 15000, "The layout worker");
  } catch (error) {
    worker.terminate();
    throw error;
  }
  return elk;
}

export function createWorkerElk(options: WorkerElkOptions): WorkerElk {
  let engineName: "worker" | "main-thread" = "worker";
  const ready: Promise<ElkLike> = startWorker(options).catch((reason: unknown) => {
    console.warn("CNN Designer: graph layout runs on the UI thread:", reason instanceof Error ? reason.message : reason);
    engineName = "main-thread";
    return options.fallback();
  });
  const engine = ready.then(() => engineName);
  interface Job { graph: ElkNode; resolve(result: ElkNode): void; reject(reason: unknown): void }
  let waiting: Job | null = null;
  let running = false;
  const pump = async (): Promise<void> => {
    if (running || !waiting) return;
    const job = waiting;
    waiting = null;
    running = true;
    try {
      job.resolve(await (await ready).layout(job.graph));
    } catch (error) {
      job.reject(error);
    } finally {
      running = false;
      void pump();
    }
  };
  return {
    engine,
    layout(graph) {
      return new Promise<ElkNode>((resolve, reject) => {
        waiting?.reject(new SupersededError());
        waiting = { graph, resolve, reject };
        void pump();
      });
    },
  };
}

/** The URL of the worker file next to the webview's own script (dist/webview.js). */
export function workerUrlBeside(scriptSource: string | undefined): string | undefined {
  if (!scriptSource) return undefined;
  try {
    return new URL(elkWorkerFile, scriptSource).toString();
  } catch {
    return undefined;
  }
}

/** Captured while the bundle's script runs (document.currentScript is null afterwards). */
const currentScript = browser.document?.currentScript;
export const currentScriptSource: string | undefined = typeof currentScript?.src === "string" && currentScript.src !== "" ? currentScript.src : undefined;
