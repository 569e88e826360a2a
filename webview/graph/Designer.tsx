/**
 * The designer: palette | canvas over the shape table | inspector. Holds view state only
 * (selection, panel sizes, viewport); every document change goes out as an intent.
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { ReactFlowProvider, type Viewport } from "@xyflow/react";
import { summarize } from "../../src/engine/summary";
import type { Analysis } from "../../src/engine/types";
import { Banners } from "./Banners";
import { Canvas } from "./Canvas";
import { DockToggle } from "./DockToggle";
import type { DiagramSnapshot } from "../../src/diagram/diagramSvg";
import { buildGraphModel } from "../../src/diagram/graphModel";
import { Inspector } from "./Inspector";
import {
  appendLayerIntent, connectIntent, deleteLayerIntent, duplicateLayerIntent, insertOnEdgeIntent,
  setFieldIntent, setInputShapeIntent, type IntentContext, type IntentResult,
} from "./intents";
import type { ElkLike } from "../../src/diagram/layout";
import { Palette } from "./Palette";
import { rawLayersOf, type DesignerPort, type DesignerProps, type DesignerViewState, type IntentReply } from "./port";
import { ShapeTablePanel } from "./ShapeTablePanel";
import { Splitter } from "./Splitter";
import { useElkLayout } from "./useElkLayout";
import { defaultTableHeight, useDiagramSnapshot, useNarrowDocks, usePaletteFold, type DockedViewState } from "./designerViewState";
import { savedFolds, useFolding } from "./useFolding";
import { groupOfBlockId } from "../../src/diagram/folding";
import { foldsThatFit } from "../../src/diagram/foldFit";
import { BlockInspector } from "./BlockInspector";

export interface PropsStore {
  get(): DesignerProps | null;
  subscribe(listener: () => void): () => void;
}

export interface DesignerRootProps {
  store: PropsStore;
  port: DesignerPort;
  elk: ElkLike;
  initialViewState: DesignerViewState;
  /** The graph as the canvas shows it, for diagram export (null while there is no current layout). */
  onDiagram?(snapshot: DiagramSnapshot | null): void;
}

export function Designer({ store, ...rest }: DesignerRootProps) {
  const props = useSyncExternalStore(store.subscribe, store.get);
  if (!props) return <div className="cnn-designer-empty">Waiting for the document…</div>;
  if (!props.analysis) {
    return <div className="cnn-designer-empty"><Banners parseError={props.parseError} hasLastValid={props.spec != null} layoutError={null} />The file has not been valid JSON yet; fix it in the text editor.</div>;
  }
  return <DesignerView props={props} analysis={props.analysis} {...rest} />;
}

type ViewProps = Omit<DesignerRootProps, "store"> & { props: DesignerProps; analysis: Analysis };

function DesignerView({ props, analysis, port, elk, initialViewState, onDiagram }: ViewProps) {
  const readOnly = props.parseError !== null;
  const { shapeOrder, layoutDirection: direction } = props.settings;

  const model = useMemo(() => buildGraphModel(analysis, shapeOrder), [analysis, shapeOrder]);
  /** The latest model, for replies that arrive after (or before) the new analysis. */
  const modelRef = useRef(model);
  modelRef.current = model;
  const summary = useMemo(() => summarize(analysis, { order: shapeOrder }), [analysis, shapeOrder]);
  const [selectionState, setSelection] = useState<string[]>(initialViewState.selectedIds ?? []);
  /** A selection made by the user: the preview hears of a layer at once, before this re-renders. */
  const selectNow = useCallback((ids: string[]) => {
    setSelection(ids);
    const chosen = ids.at(-1) ?? null;
    if (chosen === null || modelRef.current.nodes.some((node) => node.id === chosen)) port.selectLayer(chosen, true);
  }, [port]);
  const folding = useFolding(model, useMemo(() => savedFolds(initialViewState.folded), [initialViewState]), selectionState.at(-1) ?? null);
  const shownModel = folding.shown.model;
  const layoutState = useElkLayout(elk, shownModel, direction);
  useDiagramSnapshot(onDiagram, shownModel, layoutState, direction, analysis.name);
  const rawLayers = useMemo(() => rawLayersOf(props.spec), [props.spec]);
  const context = useMemo<IntentContext>(
    () => ({ layers: rawLayers, nodes: analysis.nodes, input: analysis.input }), [rawLayers, analysis],
  );

  const selection = useMemo(() => {
    const known = new Set([...model.nodes, ...shownModel.nodes].map((node) => node.id));
    return selectionState.filter((id) => known.has(id));
  }, [selectionState, model, shownModel]);
  const { layerOf } = folding;
  const primary = selection.at(-1) ?? null;
  const [inspectorWidth, setInspectorWidth] = useState(initialViewState.inspectorWidth ?? 340);
  const [tableHeight, setTableHeight] = useState(initialViewState.tableHeight ?? defaultTableHeight());
  const docks = useNarrowDocks(initialViewState, primary);
  const { paletteCollapsed, paletteChoice, setPaletteChoice } = usePaletteFold(initialViewState);
  const viewport = useRef<Viewport | undefined>(initialViewState.viewport);
  const viewportSize = useRef(initialViewState.viewportSize);
  const [status, setStatus] = useState<string | null>(null);
  const pendingSelect = useRef<string | null>(null);
  const inspectorRef = useRef<HTMLElement>(null);
  /** The field to focus once the inspector shows the layer a problem was clicked for, and the problem's path. */
  const pendingProblem = useRef<{ field: string; path: (string | number)[] } | null>(null);
  /**
   * A layer just added from the palette or "Add Layer…": once it is selected, the keyboard focus
   * moves to the graph (its keys act on the selection: the new node), not left on the palette
   * where a second Enter would add another layer. The canvas, not the node element: React Flow
   * may redraw a node when the layout arrives, which would drop a focus held by the element.
   */
  const focusCreated = useRef<string | null>(null);

  useEffect(() => {
    if (props.selectedId !== undefined) setSelection(props.selectedId === null ? [] : [props.selectedId]);
  }, [props.selectedId]);

  useEffect(() => {
    const pending = pendingSelect.current;
    if (pending && model.nodes.some((node) => node.id === pending)) {
      pendingSelect.current = null;
      setSelection([pending]);
    }
  }, [model]);

  useEffect(() => {
    if (primary === null || focusCreated.current !== primary) return;
    focusCreated.current = null;
    const frame = requestAnimationFrame(() => document.querySelector<HTMLElement>(".cnn-canvas")?.focus());
    return () => cancelAnimationFrame(frame);
  }, [primary]);

  useEffect(() => {
    port.selectLayer(primary);
    const problem = pendingProblem.current;
    if (problem === null) return;
    pendingProblem.current = null;
    port.showInText(problem.path); // after selectLayer, which mirrors only the layer's start
    const target = inspectorRef.current?.querySelector<HTMLElement>(`#${CSS.escape(`cnn-field-${problem.field}`)}`)
      ?? inspectorRef.current?.querySelector<HTMLElement>("input, select");
    target?.focus();
  }, [port, primary]);

  const { inspectorOpen, tableOpen, inspectorHidden } = docks;
  const saveViewState = useCallback(() => {
    const state: DockedViewState = {
      viewport: viewport.current, viewportSize: viewportSize.current, selectedIds: selection,
      inspectorWidth, tableHeight, inspectorOpen, tableOpen, inspectorHidden,
      folded: [...folding.folded], paletteCollapsed: paletteChoice,
    };
    port.saveViewState(state);
  }, [port, selection, inspectorWidth, tableHeight, inspectorOpen, tableOpen, inspectorHidden, folding.folded, paletteChoice]);
  useEffect(() => {
    const timer = setTimeout(saveViewState, 300);
    return () => clearTimeout(timer);
  }, [saveViewState]);

  useEffect(() => {
    if (status === null) return;
    const timer = setTimeout(() => setStatus(null), 6000);
    return () => clearTimeout(timer);
  }, [status]);

  const docVersion = props.docVersion;
  const checkFixes = useCallback((diagnosticIndex: number) => port.checkFixes({ docVersion, diagnosticIndex }), [port, docVersion]);

  const onReply = (label: string) => (reply: IntentReply) => {
    if (!reply.ok) {
      setStatus(`${label}: not changed. ${reply.message}`);
      return;
    }
    const created = reply.createdId;
    if (!created) return;
    focusCreated.current = created;
    if (modelRef.current.nodes.some((node) => node.id === created)) setSelection([created]);
    else pendingSelect.current = created;
  };

  const dispatch = (result: IntentResult) => {
    if (!result.ok) {
      setStatus(result.reason);
      return;
    }
    if (result.intent.kind === "applySpecEdits") {
      const created = result.intent.edits.find((edit) => edit.kind === "insert")?.value as { id?: unknown } | undefined;
      if (typeof created?.id === "string") pendingSelect.current = focusCreated.current = created.id;
    }
    port.sendIntent(result.intent).then(onReply(result.label), (error: unknown) => setStatus(`${result.label} failed: ${String(error)}`));
  };

  // "Add Layer…" (the host's quick pick): once per request, after the selection, as the palette does.
  const handledAddSerial = useRef(props.addLayerRequest?.serial ?? 0);
  const addRequest = props.addLayerRequest;
  useEffect(() => {
    if (!addRequest || addRequest.serial === handledAddSerial.current) return;
    handledAddSerial.current = addRequest.serial;
    if (readOnly) {
      setStatus("Add layer: not changed. Editing is paused while the text is not valid JSON.");
      return;
    }
    dispatch(appendLayerIntent(context, addRequest.layerType, primary && layerOf(primary), selection.map(layerOf)));
  });

  const selectedModel = shownModel.nodes.find((node) => node.id === primary) ?? model.nodes.find((node) => node.id === primary) ?? null;
  /** Delete, duplicate and connect-into act on one layer: a block says how to reach its layers. */
  const onBlock = (id: string, action: string): boolean => {
    const group = groupOfBlockId(id);
    if (group !== null) setStatus(`${action}: ${group} is a folded block; unfold it (Enter) and ${action.toLowerCase()} its layers one by one.`);
    return group !== null;
  };

  return (
    <div className="cnn-designer" data-doc-version={props.docVersion} style={{ gridTemplateColumns: `auto minmax(160px, 1fr) ${inspectorHidden ? "0 auto" : `4px min(${inspectorWidth}px, 35vw)`}` }}>
      <Palette
        readOnly={readOnly}
        collapsed={paletteCollapsed}
        onToggleCollapsed={() => setPaletteChoice(!paletteCollapsed)}
        anchorLabel={primary ? `after ${layerOf(primary)}` : "at the end"}
        onAdd={(type) => dispatch(appendLayerIntent(context, type, primary && layerOf(primary), selection.map(layerOf)))}
      />
      <main className={tableOpen ? "cnn-center" : "cnn-center cnn-table-collapsed"}>
        <Banners
          parseError={props.parseError}
          hasLastValid={props.spec != null}
          layoutError={layoutState.error}
          layoutNotice={layoutState.notice}
        />
        <div className="cnn-status" role="status" aria-live="polite">{status}</div>
        <ReactFlowProvider>
          <Canvas
            model={shownModel}
            tree={folding.tree}
            folded={folding.folded}
            onFoldChange={folding.setFolded}
            foldsToFit={(view) => foldsThatFit(model, folding.tree, view, direction)}
            layout={layoutState.layout}
            layoutDirection={layoutState.direction}
            direction={direction}
            selection={selection}
            readOnly={readOnly}
            initialViewport={initialViewState.viewport}
            onSelect={selectNow}
            onDelete={(id) => onBlock(id, "Delete") || dispatch(deleteLayerIntent(context, id))}
            onDuplicate={(id) => onBlock(id, "Duplicate") || dispatch(duplicateLayerIntent(context, id))}
            onConnect={(source, target) => onBlock(target, "Connect") || dispatch(connectIntent(context, layerOf(source), target))}
            onDropType={(type, target) => dispatch(
              target.edge
                ? insertOnEdgeIntent(context, type, target.edge.source, target.edge.target)
                : appendLayerIntent(context, type, layerOf(target.node ?? primary ?? "") || null, []),
            )}
            onFocusInspector={() => {
              const focusField = () => inspectorRef.current?.querySelector<HTMLElement>("input, select")?.focus();
              docks.showInspector();
              focusField();
              // A folded inspector (narrow editor) can take the focus once it has been shown.
              if (!inspectorRef.current?.contains(document.activeElement)) requestAnimationFrame(focusField);
            }}
            initialViewSize={initialViewState.viewportSize}
            onViewportChange={(next, size) => {
              viewport.current = next;
              viewportSize.current = size;
              saveViewState();
            }}
          />
        </ReactFlowProvider>
        <DockToggle open={tableOpen} label="Shape table" detail={`${summary.totals.params.toLocaleString("en-US")} params`} controls="cnn-table-host" onToggle={() => docks.setTableOpen(!tableOpen)} />
        <Splitter orientation="horizontal" label="Resize shape table" value={tableHeight} min={80} max={800} sign={-1} onChange={setTableHeight} />
        <div className="cnn-table-host" id="cnn-table-host" style={{ height: `${tableHeight}px` }}>
          <ShapeTablePanel
            summary={summary}
            selection={selection}
            onSelect={(id) => selectNow([id])}
            onCopy={(text) => port.copy(text)}
          />
        </div>
      </main>
      <Splitter orientation="vertical" label="Resize inspector" value={inspectorWidth} min={220} max={720} sign={-1} onChange={setInspectorWidth} />
      <div className={["cnn-inspector-dock", inspectorOpen ? "" : "cnn-dock-collapsed", inspectorHidden ? "cnn-inspector-hidden" : ""].join(" ")}>
        <DockToggle
          open={inspectorOpen && !inspectorHidden}
          label="Inspector"
          detail={selectedModel ? `${selectedModel.id} · ${selectedModel.type}` : "network"}
          controls="cnn-inspector-body"
          onToggle={docks.toggleInspector}
          icon={docks.stacked ? undefined : inspectorHidden ? "chevron-left" : "chevron-right"}
        />
        <div className="cnn-dock-body" id="cnn-inspector-body">
          {selectedModel?.kind === "block" ? (
            <BlockInspector
              ref={inspectorRef}
              analysis={analysis}
              block={selectedModel}
              order={shapeOrder}
              onUnfold={() => folding.unfold(selectedModel.id, selectNow)}
              onSelectLayer={(id) => selectNow([id])}
              onGoToProblem={(layerId, field, path) => {
                pendingProblem.current = { field: field ?? "", path };
                selectNow([layerId]);
              }}
            />
          ) : <Inspector
            ref={inspectorRef}
            analysis={analysis}
            selected={selectedModel}
            rawLayers={rawLayers}
            rawInput={props.spec?.input}
            order={shapeOrder}
            readOnly={readOnly}
            onSetField={(id, field, value) => dispatch(setFieldIntent(context, id, field, value))}
            onSetInput={(shape) => dispatch(setInputShapeIntent(shape))}
            docVersion={props.docVersion}
            checkFixes={checkFixes}
            onFix={(diagnosticIndex, fixIndex) => {
              port.requestFix({ docVersion: props.docVersion, diagnosticIndex, fixIndex }).then(onReply("Quick fix"), (error: unknown) => setStatus(`Quick fix failed: ${String(error)}`));
            }}
            onReveal={(path) => port.revealInText(path)}
            onGoToProblem={(layerId, field, path) => {
              pendingProblem.current = { field: field ?? "", path };
              docks.showInspector();
              selectNow([layerId]);
            }}
          />}
        </div>
      </div>
    </div>
  );
}
