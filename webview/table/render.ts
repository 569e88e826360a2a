/** The live shape table: layers, totals, problems with their fixes, and the add-layer control. */
import type { Analysis, Diagnostic, Severity } from "../../src/engine/types";
import { summarize, totalLines, type SummaryRow } from "../../src/engine/summary";
import { formatCount } from "../../src/engine/format";
import type { DocumentState, ViewSettings } from "../../src/protocol";
import { element } from "./dom";
import { NEW_LAYER_TYPES } from "./newLayers";

export interface TableModel {
  fileName: string;
  settings: ViewSettings;
  state: DocumentState;
  selectedLayerId: string | null;
  /** The last refusal or failure, shown in the status line. */
  status: string;
}

export interface TableActions {
  select(layerId: string): void;
  reveal(layerId: string): void;
  fix(diagnosticIndex: number, fixIndex: number): void;
  addLayer(type: string): void;
}

const severityLabel: Record<Severity, string> = { error: "Error", warning: "Warning", info: "Info" };

function badge(severity: Severity): HTMLElement {
  return element("span", { class: `badge badge-${severity}`, title: severityLabel[severity], role: "img", "aria-label": severityLabel[severity] },
    severity === "error" ? "✖" : severity === "warning" ? "⚠" : "ℹ");
}

export function renderTable(model: TableModel, actions: TableActions): Node[] {
  const analysis = model.state.analysis;
  const nodes: Node[] = [renderHeader(model, analysis)];
  if (model.state.parseError) nodes.push(renderBanner(model.state));
  if (analysis) {
    const summary = summarize(analysis, { order: model.settings.shapeOrder });
    nodes.push(renderLayers(summary.rows, model.selectedLayerId, actions));
    nodes.push(element("dl", { class: "totals" }, ...totalLines(summary).flatMap(([label, value]) => [element("dt", {}, label), element("dd", {}, value)])));
    nodes.push(renderProblems(analysis.diagnostics, model.state.parseError !== null, actions));
  }
  nodes.push(renderAddControl(model, actions));
  nodes.push(element("p", { class: "status", role: "status", "aria-live": "polite" }, model.status));
  return nodes;
}

function renderHeader(model: TableModel, analysis: Analysis | null): HTMLElement {
  const name = analysis?.name ? `${analysis.name} · ` : "";
  return element("header", {}, element("h1", {}, `${name}${model.fileName}`));
}

function renderBanner(state: DocumentState): HTMLElement {
  const error = state.parseError;
  if (!error) throw new Error("renderBanner needs a parse error");
  return element("div", { class: "banner", role: "alert" },
    `The text is not valid JSON at line ${error.line}, column ${error.column} (${error.message}). `,
    state.analysis ? "Showing the last valid version; " : "",
    "changes from the designer are paused until the text is fixed.");
}

function renderLayers(rows: SummaryRow[], selected: string | null, actions: TableActions): HTMLElement {
  const numeric = new Set(["Params", "MACs", "Memory"]);
  const head = element("tr", {}, ...["Layer", "Operation", "Output", "Params", "MACs", "Receptive field", "Memory"]
    .map((title) => element("th", { scope: "col", class: numeric.has(title) ? "number" : undefined }, title)));
  const body = rows.map((row) => {
    const isSelected = row.id === selected;
    const tr = element("tr", { tabindex: "0", "data-key": `layer:${row.id}`, "data-layer-id": row.id, "aria-selected": isSelected ? "true" : "false", class: isSelected ? "selected" : undefined },
      element("th", { scope: "row" }, row.severity ? badge(row.severity) : "", row.id),
      element("td", {}, row.label),
      element("td", { class: "shape" }, row.outputShape),
      element("td", { class: "number" }, formatCount(row.params)),
      element("td", { class: "number" }, formatCount(row.macs)),
      element("td", {}, row.receptiveField),
      element("td", { class: "number" }, row.memory));
    tr.addEventListener("click", () => actions.select(row.id));
    tr.addEventListener("dblclick", () => actions.reveal(row.id));
    tr.addEventListener("keydown", (event) => {
      if (event.key === "Enter") actions.reveal(row.id);
      if (event.key === " ") {
        event.preventDefault();
        actions.select(row.id);
      }
    });
    return tr;
  });
  return element("table", { class: "layers", "aria-label": "Layers" }, element("thead", {}, head), element("tbody", {}, ...body));
}

function renderProblems(diagnostics: Diagnostic[], paused: boolean, actions: TableActions): HTMLElement {
  if (diagnostics.length === 0) return element("p", { class: "no-problems" }, "No problems.");
  const items = diagnostics.map((diagnostic, diagnosticIndex) => {
    const fixes = (diagnostic.fixes ?? []).map((fix, fixIndex) => {
      const button = element("button", { type: "button", "data-key": `fix:${diagnosticIndex}:${fixIndex}`, class: fix.preferred ? "preferred" : undefined }, fix.title);
      button.disabled = paused;
      button.addEventListener("click", () => actions.fix(diagnosticIndex, fixIndex));
      return button;
    });
    return element("li", {}, badge(diagnostic.severity), " ", diagnostic.message, " ", element("code", {}, diagnostic.code), ...fixes);
  });
  return element("section", { "aria-label": "Problems" }, element("h2", {}, `Problems (${diagnostics.length})`), element("ul", { class: "problems" }, ...items));
}

function renderAddControl(model: TableModel, actions: TableActions): HTMLElement {
  const select = element("select", { id: "new-layer-type", "data-key": "new-layer-type" }, ...NEW_LAYER_TYPES.map((type) => element("option", { value: type }, type)));
  const where = model.selectedLayerId ? `after ${model.selectedLayerId}` : "at the end";
  const button = element("button", { type: "button", id: "add-layer", "data-key": "add-layer" }, `Add ${where}`);
  button.disabled = model.state.parseError !== null;
  button.addEventListener("click", () => actions.addLayer(select.value));
  return element("div", { class: "add-layer" }, element("label", { for: "new-layer-type" }, "New layer "), select, button);
}
