/**
 * Where the canvas looks: the first layout positions the view (readable, at the input or the
 * selection); a view restored at another size keeps its centre; a resized canvas keeps the
 * point at its centre (a split editor narrowed, a panel dragged) and the selection in view.
 * Later layouts keep the user's pan and zoom.
 */
import { useEffect, useRef, type RefObject } from "react";
import type { ReactFlowInstance, Viewport } from "@xyflow/react";
import type { Direction, LayoutResult } from "../../src/diagram/layout";
import type { LayerFlowNode } from "./LayerNode";
import type { ShapeFlowEdge } from "./ShapeEdge";
import { graphInView, initialViewport, isOutsideView, resizedViewport, type Size } from "./viewport";

export interface ViewPositioningOptions {
  flow: ReactFlowInstance<LayerFlowNode, ShapeFlowEdge>;
  wrapper: RefObject<HTMLDivElement | null>;
  layout: LayoutResult | null;
  /** The direction `layout` was computed for (null before the first layout). */
  layoutDirection: Direction | null;
  direction: Direction;
  primary: string | null;
  /** True when the view starts from a saved viewport. */
  restored: boolean;
  initialViewSize?: Size;
  onViewportChange(viewport: Viewport, size: Size): void;
}

/** Returns the direction the view was last positioned for (null: not yet). */
export function useViewPositioning(options: ViewPositioningOptions): RefObject<Direction | null> {
  const { flow, wrapper, layout, layoutDirection, direction, primary } = options;
  /** The direction the view was last positioned for (a restored viewport counts). */
  const positionedFor = useRef<Direction | null>(options.restored ? direction : null);
  // The first layout (and the first after a direction switch) positions the view; later
  // layouts keep the user's pan and zoom.
  const restoredSize = useRef(validSize(options.initialViewSize));
  const reportViewport = useRef(options.onViewportChange);
  reportViewport.current = options.onViewportChange;
  useEffect(() => {
    const bounds = wrapper.current?.getBoundingClientRect();
        const saved = restoredSize.current;
    const shown = bounds !== undefined && bounds.width > 0 && bounds.height > 0;
    if (layout && shown && saved && layoutDirection !== null && positionedFor.current === layoutDirection) {
      // A restored view saved at another size (the editor came back in a split): keep its centre.
      restoredSize.current = undefined;
      const kept = resizedViewport(flow.getViewport(), saved, bounds, layoutDirection);
      void flow.setViewport(graphInView(layout, kept, bounds) ? kept : initialViewport(layout, bounds));
      return;
    }
    if (!layout || !bounds || layoutDirection === null || positionedFor.current === layoutDirection) return;
    positionedFor.current = layoutDirection;
    const focus = primary ? layout.nodes.get(primary) : undefined;
    void flow.setViewport(initialViewport(layout, bounds, focus));
  }, [layout, layoutDirection, flow]);

  // A resized canvas (a split editor narrowed, a panel dragged) keeps the point at its centre
  // where it was, so a centred graph does not slide off-screen; if nothing of the graph is
  // left in view, the view is positioned afresh.
  const lastSize = useRef<{ width: number; height: number } | null>(null);
  const layoutRef = useRef(layout);
  layoutRef.current = layout;
  const directionRef = useRef(layoutDirection ?? direction);
  directionRef.current = layoutDirection ?? direction;
  const primaryRef = useRef(primary);
  primaryRef.current = primary;
  useEffect(() => {
    const element = wrapper.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      const size = { width: element.clientWidth, height: element.clientHeight };
      // A hidden editor (a background tab) measures 0×0: the size it comes back at is compared
      // with the last size it was shown at, or the view would shift by half the width.
      if (size.width === 0 || size.height === 0) return;
      const previous = lastSize.current;
      lastSize.current = size;
      const current = layoutRef.current;
      if (!previous || !current || positionedFor.current === null) return;
      if (previous.width === size.width && previous.height === size.height) return;
      const viewport = flow.getViewport();
      const kept = resizedViewport(viewport, previous, size, directionRef.current);
      // The selected layer stays in view (in a narrow editor the inspector opening shrinks the canvas).
      const focus = primaryRef.current === null ? undefined : current.nodes.get(primaryRef.current);
      const moved = focus && isOutsideView(focus, kept, size)
        ? flow.setCenter(focus.x + focus.width / 2, focus.y + focus.height / 2, { zoom: kept.zoom })
        : flow.setViewport(graphInView(current, kept, size) ? kept : initialViewport(current, size));
      void moved.then(() => reportViewport.current(flow.getViewport(), size));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [flow]);

  return positionedFor;
}

/** A saved canvas size, when it is one (view state is read back from the webview's storage). */
function validSize(size: Size | undefined): Size | undefined {
  const valid = (value: unknown) => typeof value === "number" && Number.isFinite(value) && value > 0;
  return size && valid(size.width) && valid(size.height) ? size : undefined;
}
