/**
 * Runs ELK when the graph's structure changes (not on field edits) and keeps the last
 * result. Failures become state the designer shows as a banner, and are logged.
 */
import { useEffect, useRef, useState } from "react";
import ELK from "elkjs/lib/elk.bundled.js";
import type { GraphModel } from "./graphModel";
import { computeLayout, structureKey, type Direction, type ElkLike, type LayoutResult } from "./layout";

/** The webview's ELK: the bundled build, no worker (it runs under a strict CSP, see the dev page). */
export function createBundledElk(): ElkLike {
  return new ELK();
}

export interface LayoutState {
  layout: LayoutResult | null;
  /** The structure key the layout belongs to; differs from the current one while ELK runs. */
  key: string | null;
  /** The direction the layout was computed for. */
  direction: Direction | null;
  error: string | null;
  /** Wall-clock milliseconds of the last ELK run. */
  millis: number | null;
}

export function useElkLayout(elk: ElkLike, model: GraphModel, direction: Direction): LayoutState {
  const key = structureKey(model, direction);
  const [state, setState] = useState<LayoutState>({ layout: null, key: null, direction: null, error: null, millis: null });
  const modelRef = useRef(model);
  modelRef.current = model;
  useEffect(() => {
    let cancelled = false;
    const started = performance.now();
    computeLayout(elk, modelRef.current, direction).then(
      (layout) => {
        if (!cancelled) setState({ layout, key, direction, error: null, millis: performance.now() - started });
      },
      (reason: unknown) => {
        const message = reason instanceof Error ? reason.message : String(reason);
        console.error("CNN Designer: graph layout failed", reason);
        if (!cancelled) setState((previous) => ({ ...previous, key, error: `Graph layout failed: ${message}` }));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [elk, key, direction]);
  return state;
}
