/**
 * The in-thread fallback ELK, loaded only when the layout worker cannot start: elkjs' worker
 * build (the same dist/elk-worker.min.js the worker runs) as a page script. Loaded this way,
 * the 1.5 MB engine is not part of webview.js, which every designer parses at startup.
 *
 * As a plain script, the worker build hands its in-thread "FakeWorker" to a CommonJS
 * `module.exports` when one exists: a temporary global `module`/`exports` pair receives it.
 * The script carries the page's CSP nonce (the webview allows nonce'd scripts only).
 */
import ElkConstructor from "elkjs/lib/elk-api.js";
import type { ELKConstructorArguments } from "elkjs/lib/elk-api";
import type { ElkLike } from "../../src/diagram/layout";

interface ScriptGlobals {
  module?: { exports: Record<string, unknown> };
  exports?: Record<string, unknown>;
  document?: {
    createElement(tag: "script"): ScriptElementLike;
    head: { append(element: unknown): void };
  };
}

interface ScriptElementLike {
  src: string;
  nonce: string;
  async: boolean;
  addEventListener(type: "load" | "error", listener: () => void): void;
  remove(): void;
}

const page = globalThis as unknown as ScriptGlobals;

/** Loads `scriptUrl` (elk-worker.min.js) into the page and returns an ELK running on the UI thread. */
export async function loadScriptElk(scriptUrl: string, nonce: string | undefined): Promise<ElkLike> {
  const document = page.document;
  if (!document) throw new Error("no document to load the layout engine into");
  const shim = { exports: {} as Record<string, unknown> };
  const previous = { module: page.module, exports: page.exports };
  page.module = shim;
  page.exports = shim.exports;
  try {
    await new Promise<void>((resolve, reject) => {
      const script = document.createElement("script");
      script.async = true;
      if (nonce) script.nonce = nonce;
      script.addEventListener("load", () => resolve());
      script.addEventListener("error", () => reject(new Error(`could not load ${scriptUrl}`)));
      script.src = scriptUrl;
      document.head.append(script);
    });
  } finally {
    page.module = previous.module;
    page.exports = previous.exports;
  }
  const FakeWorker = shim.exports.Worker as (new () => unknown) | undefined;
  if (typeof FakeWorker !== "function") throw new Error(`${scriptUrl} did not provide the layout engine`);
  // elk-api types the factory with the DOM Worker; the FakeWorker has the postMessage/onmessage it uses.
  const workerFactory = (() => new FakeWorker()) as unknown as ELKConstructorArguments["workerFactory"];
  return new ElkConstructor({ workerFactory });
}
