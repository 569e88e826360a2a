/**
 * The canvas's fold gestures and how the view follows them: a fold or unfold keeps the
 * gesture's node where it was on screen once the new layout arrives; Fit View folds to the
 * level that fits readably (foldFit.ts), then fits the new drawing.
 */
import { useCallback, useEffect, useRef, type RefObject } from "react";
import type { ReactFlowInstance } from "@xyflow/react";
import { unfoldBlock, withSelection, type FoldChange } from "../../src/diagram/foldActions";
import type { GroupTree } from "../../src/diagram/groups";
import type { LayoutResult } from "../../src/diagram/layout";
import type { LayerFlowNode } from "./LayerNode";
import type { ShapeFlowEdge } from "./ShapeEdge";
import { fitLimits, initialViewport, type Size } from "./viewport";

export interface FoldGestureOptions {
  flow: ReactFlowInstance<LayerFlowNode, ShapeFlowEdge>;
  wrapper: RefObject<HTMLDivElement | null>;
  layout: LayoutResult | null;
  tree: GroupTree;
  folded: ReadonlySet<string>;
  primary: string | null;
  onSelect(ids: string[]): void;
  onFoldChange(folded: Set<string>): void;
  foldsToFit(view: Size): Set<string>;
}

export interface FoldGestures {
  applyFold(change: FoldChange | null): void;
  /** Stable between renders with the same folds (node data holds it). */
  unfold(blockId: string): void;
  fitReadable(): void;
  /** True when the last layout was positioned for a fold or a fit (the canvas reveals nothing then). */
  positionedByFold: RefObject<boolean>;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((name) => b.has(name));
}

export function useFoldGestures(options: FoldGestureOptions): FoldGestures {
  const { flow, wrapper, layout, tree, folded, primary } = options;
  const pendingAnchor = useRef<{ id: string; screen: { x: number; y: number } } | null>(null);
  const pendingFit = useRef(false);
  const positionedByFold = useRef(false);

  const applyFold = (change: FoldChange | null): void => {
    if (!change) return;
    const { anchorBefore, anchorAfter } = change;
    const box = anchorBefore === undefined ? undefined : layout?.nodes.get(anchorBefore);
    const viewport = flow.getViewport();
    pendingAnchor.current = box && anchorAfter !== undefined
      ? { id: anchorAfter, screen: { x: box.x * viewport.zoom + viewport.x, y: box.y * viewport.zoom + viewport.y } }
      : null;
    if (anchorAfter !== undefined) options.onSelect([anchorAfter]);
    options.onFoldChange(change.folded);
  };
  const applyFoldRef = useRef(applyFold);
  applyFoldRef.current = applyFold;
  const unfold = useCallback((id: string) => applyFoldRef.current(unfoldBlock(tree, folded, id)), [tree, folded]);

  const fitReadable = (): void => {
    const element = wrapper.current;
    if (!element || !layout) return;
    const size = { width: element.clientWidth, height: element.clientHeight };
    const next = tree.groups.size === 0 ? new Set(folded) : options.foldsToFit(size);
    if (sameSet(next, folded)) {
      void flow.setViewport(initialViewport(layout, size, undefined, fitLimits), { duration: 150 });
      return;
    }
    pendingFit.current = true;
    applyFold({ ...withSelection(tree, next, primary), anchorBefore: undefined });
  };

  useEffect(() => {
    positionedByFold.current = false;
    const element = wrapper.current;
    if (!layout || !element) return;
    if (pendingFit.current) {
      pendingFit.current = false;
      pendingAnchor.current = null;
      positionedByFold.current = true;
      void flow.setViewport(initialViewport(layout, { width: element.clientWidth, height: element.clientHeight }, undefined, fitLimits));
      return;
    }
    const anchor = pendingAnchor.current;
    const box = anchor ? layout.nodes.get(anchor.id) : undefined;
    if (!anchor || !box) return;
    pendingAnchor.current = null;
    positionedByFold.current = true;
    const zoom = flow.getZoom();
    void flow.setViewport({ x: anchor.screen.x - box.x * zoom, y: anchor.screen.y - box.y * zoom, zoom });
  }, [layout, flow, wrapper]);

  return { applyFold, unfold, fitReadable, positionedByFold };
}
