/**
 * The designer's view-state hooks: which panels are open in a narrow editor, and the laid-out
 * graph reported for diagram export.
 */
import { useEffect, useRef, useState } from "react";
import type { DiagramSnapshot } from "../../src/diagram/diagramSvg";
import { structureKey } from "../../src/diagram/layout";
import type { DesignerViewState } from "./port";
import type { LayoutState } from "./useElkLayout";

/** The view state with the narrow layout's panel states (kept by the webview's setState). */
export type DockedViewState = DesignerViewState & {
  inspectorOpen?: boolean; tableOpen?: boolean; paletteCollapsed?: boolean;
  /** The inspector folded to a rail beside the canvas (wide editors). */
  inspectorHidden?: boolean;
};

/** Editors this wide or narrower (a 1000 px window, a half-width split) fold the palette to icons unless the user chose. */
const compactQuery = "(max-width: 1100px) and (min-width: 721px)";
/** At 720 px and below the palette is a strip above the canvas (designer.css): never folded. */
const stackedQuery = "(max-width: 720px)";

function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => typeof matchMedia === "function" && matchMedia(query).matches);
  useEffect(() => {
    if (typeof matchMedia !== "function") return;
    const list = matchMedia(query);
    const update = () => setMatches(list.matches);
    update();
    list.addEventListener("change", update);
    return () => list.removeEventListener("change", update);
  }, [query]);
  return matches;
}

/** The shape table's first height: a fifth of a short window (the canvas keeps the rest), at most 200 px. */
export function defaultTableHeight(windowHeight: number = window.innerHeight): number {
  return Math.round(Math.min(200, Math.max(96, windowHeight * 0.2)));
}

/** Whether the palette shows as icons: the user's choice (kept in the view state), else by the editor's width. */
export function usePaletteFold(initial: DockedViewState) {
  const [paletteChoice, setPaletteChoice] = useState<boolean | undefined>(
    typeof initial.paletteCollapsed === "boolean" ? initial.paletteCollapsed : undefined,
  );
  const compact = useMediaQuery(compactQuery);
  const stacked = useMediaQuery(stackedQuery);
  return { paletteCollapsed: !stacked && (paletteChoice ?? compact), paletteChoice, setPaletteChoice };
}

/**
 * Which panels are open: the shape table at any width (its header folds it, the canvas takes the
 * height). The inspector: in a narrow editor (stacked, designer.css) it opens when a layer gets
 * selected and collapses when the selection is cleared, its toggle overriding that until the
 * selection changes again; in a wide editor its header folds it to a rail and back.
 */
export function useNarrowDocks(initial: DockedViewState, primary: string | null) {
  const [inspectorOpen, setInspectorOpen] = useState(initial.inspectorOpen ?? primary !== null);
  const [tableOpen, setTableOpen] = useState(initial.tableOpen ?? true);
  const [inspectorHidden, setInspectorHidden] = useState(initial.inspectorHidden === true);
  const stacked = useMediaQuery(stackedQuery);
  const lastPrimary = useRef(primary);
  useEffect(() => {
    if (lastPrimary.current === primary) return;
    lastPrimary.current = primary;
    setInspectorOpen(primary !== null);
  }, [primary]);
  /** Shows the inspector however it was folded (Enter on a node, a problem chosen). */
  const showInspector = () => {
    setInspectorOpen(true);
    setInspectorHidden(false);
  };
  /** The inspector's header: folds it to one line in a narrow editor, to a rail in a wide one. */
  const toggleInspector = () => (stacked ? setInspectorOpen(!inspectorOpen) : setInspectorHidden(!inspectorHidden));
  return {
    inspectorOpen, setInspectorOpen, tableOpen, setTableOpen, stacked,
    inspectorHidden: inspectorHidden && !stacked, showInspector, toggleInspector,
  };
}

/** Reports the laid-out graph for export whenever the layout matches the current model. */
export function useDiagramSnapshot(
  onDiagram: ((snapshot: DiagramSnapshot | null) => void) | undefined, model: DiagramSnapshot["model"], layoutState: LayoutState, direction: DiagramSnapshot["direction"], title?: string,
): void {
  const { layout, key, error } = layoutState;
  useEffect(() => {
    if (!onDiagram) return;
    const current = layout !== null && error === null && key === structureKey(model, direction);
    onDiagram(current ? { model, layout, direction, title } : null);
  }, [onDiagram, model, layout, key, error, direction, title]);
  useEffect(() => () => onDiagram?.(null), [onDiagram]);
}
