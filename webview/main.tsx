// Webview entry: the live shape table (plain DOM until the graph view lands).
import "./main.css";
import type { HostToView } from "../src/protocol";
import { HostConnection, type Reply } from "./hostConnection";
import { createPreviewChannel, isPreviewHostMessage, mountPreview } from "./preview";
import { replaceKeepingFocus } from "./table/dom";
import { NEW_LAYER_DEFAULTS } from "./table/newLayers";
import { renderTable, type TableActions, type TableModel } from "./table/render";

const root = document.getElementById("root") as HTMLElement;
let model: TableModel | undefined;
let selectedType = "conv2d";

const connection = new HostConnection(onHostMessage);
const persisted = connection.loadState();

// The feature-map preview: a collapsible section below the table, following its selection.
const previewChannel = createPreviewChannel(
  (message) => connection.post(message),
  (intent) => connection.request({ type: "editIntent", intent }).then((reply) => (reply.ok ? { ok: true } : { ok: false, message: reply.error.message })),
);
const previewSection = document.createElement("details");
previewSection.className = "preview-section";
const previewSummary = document.createElement("summary");
previewSummary.textContent = "Preview feature maps";
const previewRoot = document.createElement("div");
previewSection.append(previewSummary, previewRoot);
root.after(previewSection);
const preview = mountPreview(previewRoot, previewChannel.port);
previewSection.addEventListener("toggle", () => render());

function onHostMessage(message: HostToView): void {
  if (isPreviewHostMessage(message)) return previewChannel.deliver(message);
  switch (message.type) {
    case "init":
      model = {
        fileName: message.fileName,
        settings: message.settings,
        state: { docVersion: message.docVersion, analysis: message.analysis, parseError: message.parseError },
        selectedLayerId: persisted.selectedLayerId,
        status: "",
      };
      break;
    case "analysis":
      if (!model) return;
      model.state = { docVersion: message.docVersion, analysis: message.analysis, parseError: message.parseError };
      break;
    case "settings":
      if (!model) return;
      model.settings = message.settings;
      break;
    case "reply":
      return;
  }
  render();
}

function showReply(reply: Reply, success: string): void {
  if (!model) return;
  model.status = reply.ok ? success : `Not changed: ${reply.error.message}`;
  if (reply.ok && reply.createdId) select(reply.createdId);
  render();
}

function select(layerId: string): void {
  if (!model) return;
  model.selectedLayerId = layerId;
  connection.saveState({ selectedLayerId: layerId });
  connection.post({ type: "selectLayer", layerId });
  render();
}

const actions: TableActions = {
  select,
  reveal: (layerId) => {
    const index = model?.state.analysis?.nodes.find((node) => node.id === layerId)?.index;
    if (index !== undefined) connection.post({ type: "revealInText", path: ["layers", index] });
  },
  fix: (diagnosticIndex, fixIndex) => {
    if (!model) return;
    const request = { type: "requestFix" as const, docVersion: model.state.docVersion, diagnosticIndex, fixIndex };
    void connection.request(request).then((reply) => showReply(reply, "Fix applied."));
  },
  addLayer: (type) => {
    selectedType = type;
    const layer = { type, fields: NEW_LAYER_DEFAULTS[type] ?? {} };
    const afterId = model?.selectedLayerId ?? null;
    const exists = afterId !== null && model?.state.analysis?.nodes.some((node) => node.id === afterId);
    const intent = exists ? { kind: "insertLayer" as const, afterId, layer } : { kind: "addLayer" as const, layer };
    void connection.request({ type: "editIntent", intent }).then((reply) => showReply(reply, `Added a ${type} layer.`));
  },
};

function render(): void {
  if (!model) return;
  root.dataset.state = model.state.parseError ? "parse-error" : "ready";
  replaceKeepingFocus(root, renderTable(model, actions));
  const select = root.querySelector<HTMLSelectElement>("#new-layer-type");
  if (select) select.value = selectedType;
  const { analysis, docVersion } = model.state;
  preview.update({ analysis, docVersion, selectedLayerId: model.selectedLayerId, settings: model.settings, active: previewSection.open });
}

window.addEventListener("error", (event) => connection.post({ type: "reportError", message: String(event.message) }));
connection.post({ type: "ready" });
