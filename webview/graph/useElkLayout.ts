/**
 * Runs ELK when the graph's structure changes (not on field edits) and keeps the last
 * result. ELK runs in a Web Worker when it can (elkWorker.ts), else on the UI thread.
 * Above the layer cap ELK is skipped and a column is drawn (layoutFallback.ts), with a
 * notice. Failures become state the designer shows as a banner, and are logged.
 */
import { useEffect, useRef, useState } from "react";
import ELK from "elkjs/lib/elk.bundled.js";
import type { GraphModel } from "./graphModel";
import { computeLayout, structureKey, type Direction, type ElkLike, type LayoutResult } from "./layout";
import { createWorkerElk, currentScriptSource, SupersededError, workerUrlBeside } from "./elkWorker";
import { columnLayout, exceedsLayoutCap, tooManyLayersMessage } from "./layoutFallback";

/** ELK on the UI thread: the bundled build (the fallback, and what tests and the dev page's timing use). */
export function createBundledElk(): ElkLike {
  return new ELK();
}

/** The webview's ELK: the worker build next to webview.js, the bundled build as fallback. */
export function createWebviewElk(): ElkLike {
  return createWorkerElk({ workerUrl: workerUrlBeside(currentScriptSource), fallback: createBundledElk });
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
  useEffect(() => {
    let cancelled = false;
    const started = performance.now();
    const current = modelRef.current;
    if (exceedsLayoutCap(current)) {
      const layout = columnLayout(current);
      setState({ layout, key, direction, error: null, notice: tooManyLayersMessage(current.nodes.length - 1), millis: performance.now() - started });
      return;
    }
    computeLayout(elk, current, direction).then(
      (layout) => {
        if (!cancelled) setState({ layout, key, direction, error: null, notice: null, millis: performance.now() - started });
      },
      (reason: unknown) => {
        if (cancelled || reason instanceof SupersededError) return;
        const message = reason instanceof Error ? reason.message : String(reason);
        console.error("CNN Designer: graph layout failed", reason);
        setState((previous) => ({ ...previous, key, error: `Graph layout failed: ${message}` }));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [elk, key, direction]);
  return state;
}
