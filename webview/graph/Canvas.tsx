/**
 * The graph canvas: React Flow with ELK positions, shape-labelled edges, zoom/pan/fit,
 * minimap. Keyboard (canvas focused): arrows walk the graph, Delete, Ctrl+D, Enter.
 * Drops from the palette insert onto the edge under the pointer (or after the node).
 */
import { useCallback, useEffect, useMemo, useRef, type DragEvent } from "react";
import {
  Background, ControlButton, Controls, MarkerType, MiniMap, Panel, ReactFlow, useReactFlow,
  type Connection, type NodeMouseHandler, type Viewport,
} from "@xyflow/react";
import { foldAround, foldEverything, unfoldBlock, unfoldedSelection, withSelection, type FoldChange } from "../../src/diagram/foldActions";
import { groupOfBlockId } from "../../src/diagram/folding";
import type { GroupTree } from "../../src/diagram/groups";
import { FoldBar } from "./FoldBar";
import type { GraphModel } from "../../src/diagram/graphModel";
import { edgeNear, nodeAt, nodeHeight, nodeWidth, type Direction, type LayoutResult } from "../../src/diagram/layout";
import { automaticLayoutCap } from "../../src/diagram/layoutFallback";
import { LayerNode, type LayerFlowNode } from "./LayerNode";
import { nodeCategoryOf } from "../../src/diagram/nodeCategory";
import { ShapeEdge, type ShapeFlowEdge } from "./ShapeEdge";
import { isArrowKey, navigate } from "./navigation";
import { fitLimits, graphInView, initialViewport, isOutsideView, resizedViewport } from "./viewport";

export const paletteDragType = "application/x-cnn-layer-type";

const nodeTypes = { layer: LayerNode };
const edgeTypes = { shape: ShapeEdge };
/** Small enough not to cover the graph in a short canvas (React Flow's default is 200×150). */
const minimapSize = { width: 120, height: 90 };
/** The minimap draws every node (no culling): above the layout cap it would cost seconds. */
const minimapNodeCap = automaticLayoutCap;

export interface CanvasProps {
  /** The graph as shown: folded groups are block nodes (useFolding.ts). */
  model: GraphModel;
  tree: GroupTree;
  folded: ReadonlySet<string>;
  onFoldChange(folded: Set<string>): void;
  /** The folds that let the whole graph fit a view of this size readably (foldFit.ts). */
  foldsToFit(view: { width: number; height: number }): Set<string>;
  layout: LayoutResult | null;
  /** The direction `layout` was computed for (null before the first layout). */
  layoutDirection: Direction | null;
  direction: Direction;
  selection: string[];
  readOnly: boolean;
  initialViewport?: Viewport;
  onSelect(ids: string[]): void;
  onDelete(id: string): void;
  onDuplicate(id: string): void;
  onConnect(source: string, target: string): void;
  onDropType(type: string, target: { edge?: { source: string; target: string }; node?: string }): void;
  onFocusInspector(): void;
  onViewportChange(viewport: Viewport): void;
}

export function Canvas(props: CanvasProps) {
  const { model, layout, direction, selection, readOnly } = props;
  const flow = useReactFlow<LayerFlowNode, ShapeFlowEdge>();
  const wrapper = useRef<HTMLDivElement>(null);
  /** The direction the view was last positioned for (a restored viewport counts). */
  const positionedFor = useRef<Direction | null>(props.initialViewport !== undefined ? direction : null);
  const primary = selection.at(-1) ?? null;
  const { tree, folded } = props;

  /** After a fold or unfold, the node whose screen place the next layout keeps (the gesture's node). */
  const pendingAnchor = useRef<{ id: string; screen: { x: number; y: number } } | null>(null);
  const applyFold = (change: FoldChange | null): void => {
    if (!change) return;
    const { anchorBefore, anchorAfter } = change;
    const box = anchorBefore === undefined ? undefined : layout?.nodes.get(anchorBefore);
    const viewport = flow.getViewport();
    pendingAnchor.current = box && anchorAfter !== undefined
      ? { id: anchorAfter, screen: { x: box.x * viewport.zoom + viewport.x, y: box.y * viewport.zoom + viewport.y } }
      : null;
    if (anchorAfter !== undefined) props.onSelect([anchorAfter]);
    props.onFoldChange(change.folded);
  };
  /** Fit View: fold to the level that fits readably, then fit the drawing once it is laid out. */
  const pendingFit = useRef(false);
  const fitReadable = (): void => {
    const element = wrapper.current;
    if (!element || !layout) return;
    const size = { width: element.clientWidth, height: element.clientHeight };
    const next = tree.groups.size === 0 ? new Set(folded) : props.foldsToFit(size);
    if (next.size === folded.size && [...next].every((name) => folded.has(name))) {
      void flow.setViewport(initialViewport(layout, size, undefined, fitLimits), { duration: 150 });
      return;
    }
    pendingFit.current = true;
    applyFold({ ...withSelection(tree, next, primary), anchorBefore: undefined });
  };
  const applyFoldRef = useRef(applyFold);
  applyFoldRef.current = applyFold;
  const unfold = useCallback((id: string) => applyFoldRef.current(unfoldBlock(tree, folded, id)), [tree, folded]);

  const nodes = useMemo<LayerFlowNode[]>(() => model.nodes.map((node) => {
    const box = layout?.nodes.get(node.id);
    return {
      id: node.id, type: "layer", position: { x: box?.x ?? 0, y: box?.y ?? 0 },
      width: nodeWidth, height: nodeHeight, hidden: !box,
      // Fresh node objects without `measured` make React Flow drop the measured handle bounds;
      // when re-measuring then loses a race (seen after add + undo), edges are never drawn again.
      measured: { width: nodeWidth, height: nodeHeight },
      selected: selection.includes(node.id),
      data: { model: node, direction, readOnly, onUnfold: unfold },
      ariaLabel: `${node.label ?? node.id}, ${node.kind === "block" ? `block of ${node.members?.length ?? 0} layers` : node.type}, ${node.shapeText ?? "no shape"}`,
    };
  }), [model, layout, selection, direction, readOnly, unfold]);

  const edges = useMemo<ShapeFlowEdge[]>(() => model.edges.map((edge) => ({
    id: edge.id, source: edge.source, target: edge.target, type: "shape",
    hidden: !layout?.nodes.has(edge.source) || !layout?.nodes.has(edge.target),
    markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
    data: {
      label: edge.label, route: layout?.edges.get(edge.id),
      highlighted: primary !== null && (edge.source === primary || edge.target === primary),
    },
  })), [model, layout, primary]);

  // The first layout (and the first after a direction switch) positions the view; later
  // layouts keep the user's pan and zoom.
  useEffect(() => {
    const bounds = wrapper.current?.getBoundingClientRect();
    const { layoutDirection } = props;
    if (!layout || !bounds || layoutDirection === null || positionedFor.current === layoutDirection) return;
    positionedFor.current = layoutDirection;
    const focus = primary ? layout.nodes.get(primary) : undefined;
    void flow.setViewport(initialViewport(layout, bounds, focus));
  }, [layout, props.layoutDirection, flow]);

  // A fold or unfold keeps its node where it was on screen; a layer shown by unfolding (selected
  // from the table or Problems) is scrolled into view once laid out.
  const revealPending = useRef<string | null>(null);
  useEffect(() => {
    if (!layout) return;
    const element = wrapper.current;
    if (pendingFit.current && element) {
      pendingFit.current = false;
      pendingAnchor.current = null;
      void flow.setViewport(initialViewport(layout, { width: element.clientWidth, height: element.clientHeight }, undefined, fitLimits));
    }
    const anchor = pendingAnchor.current;
    const box = anchor ? layout.nodes.get(anchor.id) : undefined;
    if (anchor && box) {
      pendingAnchor.current = null;
      const zoom = flow.getZoom();
      void flow.setViewport({ x: anchor.screen.x - box.x * zoom, y: anchor.screen.y - box.y * zoom, zoom });
    }
    const pending = revealPending.current;
    if (pending !== null && layout.nodes.has(pending)) {
      revealPending.current = null;
      if (!box) revealNode(pending);
    }
  }, [layout, flow]);

  // A resized canvas (a split editor narrowed, a panel dragged) keeps the point at its centre
  // where it was, so a centred graph does not slide off-screen; if nothing of the graph is
  // left in view, the view is positioned afresh.
  const lastSize = useRef<{ width: number; height: number } | null>(null);
  const layoutRef = useRef(layout);
  layoutRef.current = layout;
  const directionRef = useRef(props.layoutDirection ?? direction);
  directionRef.current = props.layoutDirection ?? direction;
  const primaryRef = useRef(primary);
  primaryRef.current = primary;
  useEffect(() => {
    const element = wrapper.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      const size = { width: element.clientWidth, height: element.clientHeight };
      const previous = lastSize.current;
      lastSize.current = size;
      const current = layoutRef.current;
      if (!previous || !current || positionedFor.current === null || size.width === 0 || size.height === 0) return;
      if (previous.width === size.width && previous.height === size.height) return;
      const viewport = flow.getViewport();
      const kept = resizedViewport(viewport, previous, size, directionRef.current);
      // The selected layer stays in view (in a narrow editor the inspector opening shrinks the canvas).
      const focus = primaryRef.current === null ? undefined : current.nodes.get(primaryRef.current);
      if (focus && isOutsideView(focus, kept, size)) {
        void flow.setCenter(focus.x + focus.width / 2, focus.y + focus.height / 2, { zoom: kept.zoom });
      } else {
        void flow.setViewport(graphInView(current, kept, size) ? kept : initialViewport(current, size));
      }
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [flow]);

  const revealNode = useCallback((id: string) => {
    const box = layout?.nodes.get(id);
    const bounds = wrapper.current?.getBoundingClientRect();
    if (!box || !bounds) return;
    const viewport = flow.getViewport();
    if (isOutsideView(box, viewport, bounds)) {
      void flow.setCenter(box.x + box.width / 2, box.y + box.height / 2, { zoom: viewport.zoom, duration: 150 });
    }
  }, [layout, flow]);

  // Selections from the table, the text editor or a new layer scroll into view.
  useEffect(() => {
    if (!primary || positionedFor.current === null) return;
    if (layout?.nodes.has(primary)) revealNode(primary);
    else revealPending.current = primary;
  }, [primary, revealNode]);

  /** Graph keys work wherever focus is in the designer, except in text controls. */
  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (event.defaultPrevented || target.closest("input, select, textarea, [role=separator]")) return;
    if ((event.key === "Enter" || event.key === " ") && target.closest("button, tr")) return;
    if (isArrowKey(event.key) && layout) {
      const next = navigate(model, layout.nodes, primary, event.key, direction);
      if (next !== null) {
        props.onSelect([next]);
        revealNode(next);
      }
    } else if ((event.key === "Enter" || event.key === "+" || event.key === "=") && primary && groupOfBlockId(primary) !== null) {
      applyFold(unfoldBlock(tree, folded, primary));
    } else if (event.key === "-" && primary) {
      applyFold(foldAround(tree, folded, primary));
    } else if ((event.key === "Delete" || event.key === "Backspace") && primary && !readOnly) {
      props.onDelete(primary);
    } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "d" && primary && !readOnly) {
      props.onDuplicate(primary);
    } else if (event.key === "Enter" && primary) {
      props.onFocusInspector();
    } else if (event.key === "Escape") {
      props.onSelect([]);
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  const keyHandler = useRef(onKeyDown);
  keyHandler.current = onKeyDown;
  useEffect(() => {
    const root = wrapper.current?.closest(".cnn-designer");
    if (!root) return;
    const listener = (event: Event) => keyHandler.current(event as KeyboardEvent);
    root.addEventListener("keydown", listener);
    return () => root.removeEventListener("keydown", listener);
  }, []);

  const onNodeClick: NodeMouseHandler<LayerFlowNode> = (event, node) => {
    const additive = event.shiftKey || event.ctrlKey || event.metaKey;
    if (!additive) props.onSelect([node.id]);
    else props.onSelect(selection.includes(node.id) ? selection.filter((id) => id !== node.id) : [...selection, node.id]);
    wrapper.current?.focus({ preventScroll: true });
  };

  const onNodeDoubleClick: NodeMouseHandler<LayerFlowNode> = (_event, node) => {
    if (groupOfBlockId(node.id) !== null) unfold(node.id);
  };

  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    if (readOnly || !event.dataTransfer.types.includes(paletteDragType)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    const type = event.dataTransfer.getData(paletteDragType);
    if (readOnly || !type) return;
    event.preventDefault();
    const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    const node = layout ? nodeAt(point, layout) : undefined;
    const edgeId = layout && !node ? edgeNear(point, layout, 14 / flow.getZoom()) : undefined;
    const edge = edgeId ? model.edges.find((candidate) => candidate.id === edgeId) : undefined;
    props.onDropType(type, { edge: edge && (edge.layers ?? { source: edge.source, target: edge.target }), node });
  };

  const onConnect = (connection: Connection) => props.onConnect(connection.source, connection.target);

  return (
    <div
      ref={wrapper}
      className="cnn-canvas"
      data-shown-nodes={model.nodes.length}
      data-blocks={model.nodes.filter((node) => node.kind === "block").map((node) => node.label).join(" ")}
      tabIndex={0}
      role="application"
      aria-label="Network graph. Arrow keys move the selection, Delete removes, Ctrl+D duplicates, Enter edits or unfolds a block, minus folds the selection's group."
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      <ReactFlow<LayerFlowNode, ShapeFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        nodesDraggable={false}
        nodesConnectable={!readOnly}
        nodesFocusable={false}
        edgesFocusable={false}
        elementsSelectable
        disableKeyboardA11y
        deleteKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        onNodeClick={onNodeClick}
        onNodeDoubleClick={onNodeDoubleClick}
        zoomOnDoubleClick={false}
        onPaneClick={() => props.onSelect([])}
        onConnect={onConnect}
        onMoveEnd={(_event, viewport) => props.onViewportChange(viewport)}
        defaultViewport={props.initialViewport}
        minZoom={0.05}
        maxZoom={2.5}
        onlyRenderVisibleElements
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={24} size={1} />
        {tree.groups.size > 0 && (
          <Panel position="top-left">
            <FoldBar
              tree={tree}
              primary={primary}
              folded={folded}
              onFold={() => primary && applyFold(foldAround(tree, folded, primary))}
              onUnfold={() => primary && applyFold(unfoldBlock(tree, folded, primary))}
              onFoldAll={() => applyFold(foldEverything(tree, primary))}
              onUnfoldAll={() => applyFold({
                folded: new Set(), anchorBefore: primary ?? undefined, anchorAfter: unfoldedSelection(tree, primary),
              })}
            />
          </Panel>
        )}
        <Controls showInteractive={false} showFitView={false}>
          <ControlButton onClick={fitReadable} title="Fit view (folds blocks until the network fits readably)" aria-label="Fit view">
            <span className="codicon codicon-screen-full" aria-hidden="true" />
          </ControlButton>
        </Controls>
        {model.nodes.length <= minimapNodeCap && <MiniMap pannable zoomable ariaLabel="Minimap" style={minimapSize} nodeClassName={(node) => `cnn-minimap-${nodeCategoryOf((node as LayerFlowNode).data.model.type)}`} />}
      </ReactFlow>
    </div>
  );
}
