/**
 * Entry point of the graph designer. The webview calls
 *
 *   const designer = mountDesigner(rootElement, port, savedViewState);
 *   designer.update(props);   // on every analysis / settings change
 *   designer.dispose();
 *
 * CSS: importing this module makes esbuild emit webview.css next to webview.js (React
 * Flow's base styles, the codicon font, our theme-variable styles); link it in the HTML.
 */
import "@xyflow/react/dist/style.css";
import "@vscode/codicons/dist/codicon.css";
import "./designer.css";
import { createRoot } from "react-dom/client";
import type { DiagramFormat } from "../../src/protocol/diagram";
import { Designer, type PropsStore } from "./Designer";
import { exportDiagram, type DiagramResult } from "./diagramExport";
import { DiagramSource } from "./diagramSource";
import type { ElkLike } from "../../src/diagram/layout";
import type { DesignerPort, DesignerProps, DesignerViewState } from "./port";
import { createWebviewElk } from "./useElkLayout";

export type * from "./port";
export type { DiagramResult } from "./diagramExport";

export interface DesignerHandle {
  update(props: DesignerProps): void;
  /** The graph as laid out, as SVG text or PNG base64 (waits for the first layout). */
  exportDiagram(format: DiagramFormat): Promise<DiagramResult>;
  dispose(): void;
}

export interface MountOptions {
  /** Layout engine; defaults to elkjs in a Web Worker (bundled build on the main thread as fallback). */
  elk?: ElkLike;
}

function createPropsStore(): PropsStore & { set(props: DesignerProps): void } {
  let current: DesignerProps | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(props) {
      current = props;
      for (const listener of listeners) listener();
    },
  };
}

export function mountDesigner(
  root: HTMLElement, port: DesignerPort, initialViewState: DesignerViewState = {}, options: MountOptions = {},
): DesignerHandle {
  const store = createPropsStore();
  const diagramSource = new DiagramSource();
  const reactRoot = createRoot(root);
  reactRoot.render(
    <Designer
      store={store}
      port={port}
      elk={options.elk ?? createWebviewElk()}
      initialViewState={initialViewState}
      onDiagram={(snapshot) => diagramSource.set(snapshot)}
    />,
  );
  return {
    update: (props) => store.set(props),
    exportDiagram: (format) => exportDiagram(diagramSource, format),
    dispose: () => reactRoot.unmount(),
  };
}
