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
import { foldAround, foldEverything, unfoldBlock, unfoldedSelection } from "../../src/diagram/foldActions";
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
import { isOutsideView } from "./viewport";
import { useViewPositioning } from "./useViewPositioning";
import { useFoldGestures } from "./useFoldGestures";

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
  /** The canvas size the restored viewport was saved at (a reopened editor may be narrower). */
  initialViewSize?: { width: number; height: number };
  onViewportChange(viewport: Viewport, size: { width: number; height: number }): void;
}

/** A performance mark when the first laid-out graph is on screen (`npm run bench -- ui`: webview start → first render). */
export const firstRenderMark = "cnn-first-render";

export function Canvas(props: CanvasProps) {
  const { model, layout, direction, selection, readOnly } = props;
  useEffect(() => {
    if (layout && performance.getEntriesByName(firstRenderMark).length === 0) performance.mark(firstRenderMark);
  }, [layout]);
  const flow = useReactFlow<LayerFlowNode, ShapeFlowEdge>();
  const wrapper = useRef<HTMLDivElement>(null);
  const primary = selection.at(-1) ?? null;
  const { tree, folded } = props;

  const { applyFold, unfold, fitReadable, positionedByFold } = useFoldGestures({
    flow, wrapper, layout, tree, folded, primary, onSelect: props.onSelect, onFoldChange: props.onFoldChange, foldsToFit: props.foldsToFit,
  });

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

  const positionedFor = useViewPositioning({
    flow, wrapper, layout, layoutDirection: props.layoutDirection, direction, primary,
    restored: props.initialViewport !== undefined, initialViewSize: props.initialViewSize, onViewportChange: props.onViewportChange,
  });

  // A layer shown by unfolding (selected from the table or Problems) scrolls into view once laid out.
  const revealPending = useRef<string | null>(null);
  useEffect(() => {
    const pending = revealPending.current;
    if (!layout || pending === null || !layout.nodes.has(pending)) return;
    revealPending.current = null;
    if (!positionedByFold.current) revealNode(pending);
  }, [layout]);

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
    if (event.defaultPrevented || target.closest("input, select, textarea, [role=separator], [role=menu]")) return;
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

  /** A node clicked in the minimap is selected and brought into view; a block unfolds there. */
  const onMinimapClick = (id: string): void => {
    if (groupOfBlockId(id) !== null) unfold(id);
    else props.onSelect([id]);
    revealNode(id);
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
        onMoveEnd={(_event, viewport) => {
          props.onViewportChange(viewport, { width: wrapper.current?.clientWidth ?? 0, height: wrapper.current?.clientHeight ?? 0 });
        }}
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
        {model.nodes.length <= minimapNodeCap && <MiniMap pannable zoomable ariaLabel="Minimap" onNodeClick={(_event, node) => onMinimapClick(node.id)} style={minimapSize} nodeClassName={(node) => `cnn-minimap-${nodeCategoryOf((node as LayerFlowNode).data.model.type)}`} />}
      </ReactFlow>
    </div>
  );
}

