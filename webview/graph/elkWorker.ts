/**
 * ELK off the UI thread. elkjs' worker build (dist/elk-worker.min.js, copied there by
 * esbuild.mjs) is fetched from the webview's own resource URI and started from a Blob
 * (webview CSP: `connect-src` for the fetch, `worker-src blob:`), because a webview may not
 * start a Worker from its resource origin directly. The page's inline script usually starts it
 * before webview.js loads (`cnnLayoutWorker`), so ELK initialises while the designer boots.
 * When any step fails (no Worker, CSP, fetch, a worker that never answers) layouts run on the
 * in-thread fallback instead (scriptElk.ts). A layout that runs longer than
 * `layoutTimeoutMillis` stops the worker (`LayoutTimeoutError`; a fresh worker takes the next).
 *
 * Layouts are served newest first: a request made while another waits replaces it (the
 * replaced promise rejects with `SupersededError`), so typing through several structure
 * changes costs one extra layout, not a queue of stale ones.
 */
import ElkConstructor from "elkjs/lib/elk-api.js";
import type { ELKConstructorArguments, ElkNode } from "elkjs/lib/elk-api";
import type { ElkLike } from "../../src/diagram/layout";

export const elkWorkerFile = "elk-worker.min.js";

/** The part of a DOM Worker used here (this module is also type-checked without the DOM lib). */
export interface WorkerLike {
  postMessage(message: unknown): void;
  addEventListener(type: "error", listener: (event: { message?: string }) => void): void;
  terminate(): void;
}

interface BrowserGlobals {
  Worker?: new (url: string, options?: { name?: string }) => WorkerLike;
  document?: { currentScript?: { src?: unknown; nonce?: unknown } | null };
  /** Set by the page's inline script when it started the layout worker early. */
  cnnLayoutWorker?: Promise<WorkerLike>;
}
const browser = globalThis as unknown as BrowserGlobals;

export class SupersededError extends Error {
  constructor() {
    super("A newer layout request replaced this one.");
    this.name = "SupersededError";
  }
}

/** A layout in the worker took longer than allowed; the worker was stopped (a fresh one serves the next layout). */
export class LayoutTimeoutError extends Error {
  constructor(readonly millis: number) {
    super(`The graph layout did not finish within ${Math.round(millis / 1000)} s.`);
    this.name = "LayoutTimeoutError";
  }
}

export interface WorkerElkOptions {
  /** URL of elk-worker.min.js; undefined → main thread at once. */
  workerUrl: string | undefined;
  /** The in-thread engine (created only when needed). */
  fallback(): ElkLike | Promise<ElkLike>;
  /** Defaults: window.fetch, new Worker, URL.createObjectURL. Injected by tests. */
  fetchText?(url: string): Promise<string>;
  createWorker?(source: string): WorkerLike;
  /** How long the first (tiny) layout may take before the worker is given up. */
  startTimeoutMillis?: number;
  /** How long one layout may run in the worker before it is stopped (LayoutTimeoutError). */
  layoutTimeoutMillis?: number;
}

/** Default for `layoutTimeoutMillis`: ~10× the slowest layout measured below the layer cap on a loaded machine. */
export const defaultLayoutTimeoutMillis = 30_000;

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

function withTimeout<T>(promise: Promise<T>, millis: number, timedOut: () => Error): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(timedOut()), millis);
    promise.then((value) => { clearTimeout(timer); resolve(value); }, (reason: unknown) => { clearTimeout(timer); reject(reason); });
  });
}

/** Where layouts run: the worker (which can be stopped) or the in-thread fallback. */
interface Engine {
  elk: ElkLike;
  terminate?(): void;
}

/** The worker the page's inline script started before webview.js loaded (src/extension/webviewHtml.ts), once. */
function takeEarlyWorker(options: WorkerElkOptions): Promise<WorkerLike> | undefined {
  if (!options.workerUrl || options.fetchText !== undefined || options.createWorker !== undefined) return undefined;
  const early = browser.cnnLayoutWorker;
  browser.cnnLayoutWorker = undefined;
  return early;
}

async function createWorker(options: WorkerElkOptions): Promise<WorkerLike> {
  const { workerUrl } = options;
  if (!workerUrl || (options.createWorker === undefined && browser.Worker === undefined)) throw new Error("Web Workers are not available");
  const source = await (options.fetchText ?? defaultFetchText)(workerUrl);
  return (options.createWorker ?? defaultCreateWorker)(source);
}

async function startWorker(options: WorkerElkOptions): Promise<Engine> {
  const worker = await (takeEarlyWorker(options) ?? createWorker(options));
  const failed = new Promise<never>((_resolve, reject) => {
    worker.addEventListener("error", (event) => reject(new Error(`layout worker failed: ${event.message ?? "error"}`)));
  });
  // elk-api types the factory with the DOM Worker; ours is the same object seen through WorkerLike.
  const workerFactory = (() => worker) as unknown as ELKConstructorArguments["workerFactory"];
  const elk = new ElkConstructor({ workerFactory });
  const startMillis = options.startTimeoutMillis ?? 15000;
  try {
    await withTimeout(Promise.race([elk.layout(structuredClone(probeGraph)), failed]), startMillis, () => new Error(`The layout worker did not answer within ${startMillis} ms`));
  } catch (error) {
    worker.terminate();
    throw error;
  }
  return { elk: { layout: (graph) => Promise.race([elk.layout(graph), failed]) }, terminate: () => worker.terminate() };
}

export function createWorkerElk(options: WorkerElkOptions): WorkerElk {
  let engineName: "worker" | "main-thread" = "worker";
  const start = (): Promise<Engine> => startWorker(options).catch(async (reason: unknown) => {
    console.warn("CNN Designer: graph layout runs on the UI thread:", reason instanceof Error ? reason.message : reason);
    engineName = "main-thread";
    return { elk: await options.fallback() };
  });
  let ready = start();
  const engine = ready.then(() => engineName);
  const timeoutMillis = options.layoutTimeoutMillis ?? defaultLayoutTimeoutMillis;
  /** Runs one layout; a worker that overruns is stopped and replaced for the next one. */
  const run = async (graph: ElkNode): Promise<ElkNode> => {
    const current = await ready;
    const { terminate } = current;
    if (!terminate) return current.elk.layout(graph);
    try {
      return await withTimeout(current.elk.layout(graph), timeoutMillis, () => new LayoutTimeoutError(timeoutMillis));
    } catch (error) {
      if (error instanceof LayoutTimeoutError) {
        terminate();
        ready = start();
      }
      throw error;
    }
  };
  interface Job { graph: ElkNode; resolve(result: ElkNode): void; reject(reason: unknown): void }
  let waiting: Job | null = null;
  let running = false;
  const pump = async (): Promise<void> => {
    if (running || !waiting) return;
    const job = waiting;
    waiting = null;
    running = true;
    try {
      job.resolve(await run(job.graph));
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
/** The page's CSP nonce (the fallback engine's script needs it). */
export const currentScriptNonce: string | undefined = typeof currentScript?.nonce === "string" && currentScript.nonce !== "" ? currentScript.nonce : undefined;
