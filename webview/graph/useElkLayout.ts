/**
 * Runs ELK when the graph's structure changes (not on field edits) and keeps the last
 * result. ELK runs in a Web Worker when it can (elkWorker.ts), else on the UI thread.
 * Above the layer cap ELK is skipped and a column is drawn (layoutFallback.ts), with a
 * notice; so is a layout the worker did not finish in time. Failures become state the
 * designer shows as a banner, and are logged.
 */
import { useLayoutEffect, useRef, useState } from "react";
import type { GraphModel } from "../../src/diagram/graphModel";
import { computeLayout, structureKey, type Direction, type ElkLike, type LayoutResult } from "../../src/diagram/layout";
import { createWorkerElk, currentScriptNonce, currentScriptSource, LayoutTimeoutError, SupersededError, workerUrlBeside } from "./elkWorker";
import { columnLayout, exceedsLayoutCap, layoutTimeoutMessage, tooManyLayersMessage } from "../../src/diagram/layoutFallback";
import { loadScriptElk } from "./scriptElk";

/**
 * The webview's ELK: the worker build next to webview.js in a Web Worker; as fallback the same
 * file loaded as a page script (scriptElk.ts), so webview.js carries no copy of ELK.
 */
export function createWebviewElk(): ElkLike {
  const workerUrl = workerUrlBeside(currentScriptSource);
  return createWorkerElk({
    workerUrl,
    fallback: () => (workerUrl ? loadScriptElk(workerUrl, currentScriptNonce) : Promise.reject(new Error("the webview script's address is unknown"))),
  });
}

export interface LayoutState {
  layout: LayoutResult | null;
  /** The structure key the layout belongs to; differs from the current one while ELK runs. */
  key: string | null;
  /** The direction the layout was computed for. */
  direction: Direction | null;
  error: string | null;
  /** Shown above the canvas when the layout is the simple column (too many layers for ELK). */
  notice: string | null;
  /** Wall-clock milliseconds of the last ELK run. */
  millis: number | null;
}

export function useElkLayout(elk: ElkLike, model: GraphModel, direction: Direction): LayoutState {
  const key = structureKey(model, direction);
  const [state, setState] = useState<LayoutState>({ layout: null, key: null, direction: null, error: null, notice: null, millis: null });
  const modelRef = useRef(model);
  modelRef.current = model;
  // A layout effect: the request leaves before the browser paints the first frame, so the worker
  // lays out while the page paints.
  useLayoutEffect(() => {
    let cancelled = false;
    const started = performance.now();
    const current = modelRef.current;
    if (exceedsLayoutCap(current)) {
      const layout = columnLayout(current, direction);
      setState({
        layout, key, direction, error: null, notice: tooManyLayersMessage(current.nodes.length - 1), millis: performance.now() - started,
      });
      return;
    }
    computeLayout(elk, current, direction).then(
      (layout) => {
        performance.mark("cnn-layout");
        if (!cancelled) setState({ layout, key, direction, error: null, notice: null, millis: performance.now() - started });
      },
      (reason: unknown) => {
        if (cancelled || reason instanceof SupersededError) return;
        const message = reason instanceof Error ? reason.message : String(reason);
        console.error("CNN Designer: graph layout failed", reason);
        if (reason instanceof LayoutTimeoutError) {
          const notice = layoutTimeoutMessage(Math.round(reason.millis / 1000));
          setState({ layout: columnLayout(current, direction), key, direction, error: null, notice, millis: performance.now() - started });
          return;
        }
        // Without any layout yet, the column shows the layers under the error banner.
        setState((previous) => previous.layout
          ? { ...previous, key, error: `Graph layout failed: ${message}` }
          : { layout: columnLayout(current, direction), key: null, direction, error: `Graph layout failed: ${message}`, notice: null, millis: null });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [elk, key, direction]);
  return state;
}
