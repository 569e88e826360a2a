// Webview entry: the graph designer (webview/graph) with the feature-map preview drawer
// (webview/preview) below it, both talking to the host through one HostConnection.
import "./main.css";
import type { DiagramFormat, EditIntent, HostToView, ParseErrorInfo, ViewSettings } from "../src/protocol";
import type { Analysis } from "../src/engine/types";
import { mountDesigner, type DesignerPort, type DesignerViewState, type IntentReply } from "./graph";
import { HostConnection, type Reply } from "./hostConnection";
import { createPreviewChannel, isPreviewHostMessage, mountPreview } from "./preview";
import { mountPreviewResizer, savedPreviewHeight } from "./previewResizer";
import { predictEdit } from "./predictedAnalysis";

interface DocumentModel {
  docVersion: number;
  analysis: Analysis | null;
  parseError: ParseErrorInfo | null;
  spec: Record<string, unknown> | null;
  settings: ViewSettings;
  /** The latest "Add Layer…" request (the designer handles each serial once). */
  addLayerRequest?: { layerType: string; serial: number };
  /** `analysis` and `spec` are the webview's prediction of a field edit, not yet the host's. */
  predicted?: boolean;
}

// Marks for `npm run bench -- ui` (webview start → first render, step by step).
performance.mark("cnn-script-start");
const root = document.getElementById("root") as HTMLElement;
root.replaceChildren();
root.className = "app";
root.dataset.state = "loading";
const designerRoot = document.createElement("div");
designerRoot.id = "designer-root";
const previewSection = document.createElement("details");
previewSection.className = "preview-section";
previewSection.id = "preview-drawer";
const previewSummary = document.createElement("summary");
previewSummary.textContent = "Preview feature maps";
const previewRoot = document.createElement("div");
previewRoot.className = "preview-drawer-body";
previewSection.append(previewSummary, previewRoot);
const previewResizer = document.createElement("div");
previewResizer.className = "preview-resizer";
root.append(designerRoot, previewResizer, previewSection);

let model: DocumentModel | undefined;
let selectedLayerId: string | null = null;
const connection = new HostConnection(onHostMessage);
const persisted = connection.loadState();
selectedLayerId = persisted.selectedLayerId;
mountPreviewResizer(previewResizer, previewSection, savedPreviewHeight(persisted.previewHeight), (height) => {
  connection.saveState({ ...connection.loadState(), previewHeight: height });
});

function toIntentReply(reply: Reply): IntentReply {
  return reply.ok ? { ok: true, createdId: reply.createdId } : { ok: false, message: reply.error.message };
}

const designerPort: DesignerPort = {
  sendIntent(intent) {
    const before = model;
    showPrediction(intent);
    return connection.request({ type: "editIntent", intent }).then(toIntentReply).then((reply) => {
      // A refused edit: the prediction goes, unless the host has sent something newer meanwhile.
      if (!reply.ok && before && model?.predicted) {
        model = before;
        render();
      }
      return reply;
    });
  },
  checkFixes: (request) => connection.request({ type: "checkFixes", ...request })
    .then((reply) => (reply.ok ? { ok: true, fixes: reply.fixes ?? [] } : { ok: false, message: reply.error.message })),
  requestFix: (request) => connection.request({ type: "requestFix", ...request }).then(toIntentReply),
  selectLayer(id, fromInput) {
    if (id === selectedLayerId) return;
    selectedLayerId = id;
    connection.saveState({ ...connection.loadState(), selectedLayerId: id });
    connection.post({ type: "selectLayer", layerId: id });
    renderPreview(fromInput === true);
  },
  revealInText: (path) => connection.post({ type: "revealInText", path }),
  showInText: (path) => connection.post({ type: "showInText", path }),
  copy(text) {
    void navigator.clipboard.writeText(text).catch((error: unknown) => connection.post({ type: "reportError", message: `Copy failed: ${String(error)}` }));
  },
  saveViewState: (viewState) => connection.saveState({ ...connection.loadState(), designer: viewState }),
};
const designer = mountDesigner(designerRoot, designerPort, (persisted.designer ?? {}) as DesignerViewState);

const previewChannel = createPreviewChannel(
  (message) => connection.post(message),
  (intent) => connection.request({ type: "editIntent", intent }).then((reply) => (reply.ok ? { ok: true } : { ok: false, message: reply.error.message })),
);
const preview = mountPreview(previewRoot, previewChannel.port);
previewSection.addEventListener("toggle", () => renderPreview());

function onHostMessage(message: HostToView): void {
  if (isPreviewHostMessage(message)) return previewChannel.deliver(message);
  if (message.type === "exportDiagramRequest") return answerDiagramRequest(message.exportId, message.format);
  switch (message.type) {
    case "init":
      performance.mark("cnn-init");
      model = {
        docVersion: message.docVersion, analysis: message.analysis, parseError: message.parseError, spec: message.spec ?? null,
        settings: message.settings,
      };
      break;
    case "analysis":
      if (!model) return;
      model = {
        ...model, docVersion: message.docVersion, analysis: message.analysis, parseError: message.parseError, spec: message.spec ?? null,
        predicted: false,
      };
      break;
    case "settings":
      if (!model) return;
      model = { ...model, settings: message.settings };
      break;
    case "addLayer":
      if (!model) return;
      model = { ...model, addLayerRequest: { layerType: message.layerType, serial: (model.addLayerRequest?.serial ?? 0) + 1 } };
      break;
    case "reply":
      return;
  }
  render();
}

/** The table and graph after a field edit, before the host's analysis arrives (predictedAnalysis.ts). */
function showPrediction(intent: EditIntent): void {
  if (!model || model.parseError) return;
  const prediction = predictEdit(model.spec, intent, model.settings.readNotes === true);
  if (!prediction) return;
  model = { ...model, ...prediction, predicted: true };
  designer.update({ ...model, selectedId: undefined });
}

function render(): void {
  if (!model) return;
  root.dataset.state = model.parseError ? "parse-error" : "ready";
  designer.update({ ...model, selectedId: undefined });
  renderPreview();
}

/** `now`: in an input event's handler, the preview renders (and starts its run) before returning. */
function renderPreview(now = false): void {
  if (!model) return;
  const { analysis, docVersion, settings } = model;
  preview.update({ analysis, docVersion, selectedLayerId, settings, active: previewSection.open }, now);
}

/** The host's "Export diagram" command: the graph as laid out, in the current theme. */
function answerDiagramRequest(exportId: number, format: DiagramFormat): void {
  void designer.exportDiagram(format).then((result) => connection.post(
    result.ok ? { type: "diagramExport", exportId, ok: true, format, data: result.data } : { type: "diagramExport", exportId, ok: false, message: result.message },
  ));
}

window.addEventListener("error", (event) => connection.post({ type: "reportError", message: String(event.message) }));
performance.mark("cnn-ready-sent");
connection.post({ type: "ready" });
