/**
 * Entry point of the feature-map preview, for whoever hosts it:
 *
 *   const preview = mountPreview(element, port);
 *   preview.update({ analysis, docVersion, selectedLayerId, settings, active });
 *   preview.dispose();
 *
 * or render <PreviewPanel port={port} … /> inside a React tree. CSS: importing this module
 * makes esbuild bundle preview.css into webview.css.
 */
import "./preview.css";
import { flushSync } from "react-dom";
import { createRoot } from "react-dom/client";
import { PreviewPanel } from "./PreviewPanel";
import type { PreviewPanelProps, PreviewPort } from "./port";

export { PreviewPanel } from "./PreviewPanel";
export { createPreviewChannel, isPreviewHostMessage, type PreviewPanelProps, type PreviewPort, type PreviewIntentReply } from "./port";

export type PreviewMountProps = Omit<PreviewPanelProps, "port">;

export interface PreviewHandle {
  /** `now`: render synchronously (only from an input event's handler, never during a React render or effect). */
  update(props: PreviewMountProps, now?: boolean): void;
  dispose(): void;
}

export function mountPreview(element: HTMLElement, port: PreviewPort): PreviewHandle {
  const root = createRoot(element);
  return {
    update: (props, now) => {
      const render = () => root.render(<PreviewPanel port={port} {...props} />);
      if (now) flushSync(render);
      else render();
    },
    dispose: () => root.unmount(),
  };
}
