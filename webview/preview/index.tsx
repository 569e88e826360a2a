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
import { createRoot } from "react-dom/client";
import { PreviewPanel } from "./PreviewPanel";
import type { PreviewPanelProps, PreviewPort } from "./port";

export { PreviewPanel } from "./PreviewPanel";
export { createPreviewChannel, isPreviewHostMessage, type PreviewPanelProps, type PreviewPort, type PreviewIntentReply } from "./port";

export type PreviewMountProps = Omit<PreviewPanelProps, "port">;

export interface PreviewHandle {
  update(props: PreviewMountProps): void;
  dispose(): void;
}

export function mountPreview(element: HTMLElement, port: PreviewPort): PreviewHandle {
  const root = createRoot(element);
  return {
    update: (props) => root.render(<PreviewPanel port={port} {...props} />),
    dispose: () => root.unmount(),
  };
}
