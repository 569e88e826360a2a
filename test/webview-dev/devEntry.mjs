/* global window, document, performance, URLSearchParams */
// The designer's dev page: mounts webview/graph with a mock host that keeps the document
// text, applies intents with the real engine (applyIntent) and re-analyses (analyze), like
// the extension host does. Query: ?template=lenet5&theme=dark&direction=LR&order=HWC&select=c3
import { parse, printParseErrorCode } from "jsonc-parser";
import { analyze } from "../../src/engine/index.ts";
import { applyIntent } from "../../src/engine/edit/index.ts";
import { checkFixes } from "../../src/engine/fixCheck.ts";
import { buildGraphModel } from "../../src/diagram/graphModel.ts";
import { applyElkLayout, computeLayout, toElkGraph } from "../../src/diagram/layout.ts";
import { createBundledElk } from "../../src/diagram/bundledElk.ts";
import { mountDesigner } from "../../webview/graph/index.tsx";
import { chainNetworkText, generatedNetworkText, unetNetworkText } from "./generatedNetwork.mjs";

/* Filled in by build.mjs: { name: text } of media/templates and test/webview-dev/specs. */
// eslint-disable-next-line no-undef
const templates = __DEV_TEMPLATES__;

const query = new URLSearchParams(window.location.search);
const cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  cspViolations.push({ directive: event.violatedDirective, blocked: event.blockedURI, sample: event.sample });
});

function lineColumn(text, offset) {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** The mock host: text, version, log of what the designer sent. */
const host = {
  text: "",
  version: 1,
  lastGood: null,
  log: [],
  copied: [],
  viewState: undefined,
  settings: { shapeOrder: query.get("order") === "HWC" ? "HWC" : "CHW", layoutDirection: query.get("direction") === "LR" ? "LR" : "TB" },
};

function documentProps(selectedId) {
  const errors = [];
  const spec = parse(host.text, errors, { allowTrailingComma: true });
  let parseError = null;
  if (errors.length > 0) {
    parseError = { message: printParseErrorCode(errors[0].error), ...lineColumn(host.text, errors[0].offset) };
  } else {
    host.lastGood = { analysis: analyze(host.text), spec };
  }
  return {
    docVersion: host.version,
    analysis: host.lastGood?.analysis ?? null,
    spec: host.lastGood?.spec ?? null,
    parseError,
    settings: host.settings,
    selectedId,
  };
}

function applyAndUpdate(intent) {
  const result = applyIntent(host.text, intent);
  host.log.push({ intent, ok: result.ok, error: result.ok ? undefined : result.error });
  if (!result.ok) return { ok: false, message: result.error.message };
  host.text = result.text;
  host.version += 1;
  designer.update(documentProps());
  return { ok: true, createdId: result.createdId };
}

const port = {
  sendIntent: async (intent) => applyAndUpdate(intent),
  checkFixes: async ({ docVersion, diagnosticIndex }) => {
    if (docVersion !== host.version) return { ok: false, message: "The document changed; try again." };
    const diagnostic = host.lastGood?.analysis.diagnostics[diagnosticIndex];
    if (!diagnostic) return { ok: false, message: "No such problem." };
    const fixes = checkFixes(host.text, diagnostic, host.lastGood.analysis);
    const views = fixes.map(({ fix, consequences }) => ({ title: fix.title, consequences, preferred: fix.preferred === true }));
    return { ok: true, fixes: views };
  },
  requestFix: async ({ docVersion, diagnosticIndex, fixIndex }) => {
    if (docVersion !== host.version) return { ok: false, message: "The document changed; try again." };
    const diagnostic = host.lastGood?.analysis.diagnostics[diagnosticIndex];
    const fix = diagnostic && checkFixes(host.text, diagnostic, host.lastGood.analysis)[fixIndex]?.fix;
    if (!fix) return { ok: false, message: "No such fix." };
    return applyAndUpdate({ kind: "applySpecEdits", edits: fix.edits });
  },
  selectLayer: (id) => host.log.push({ select: id }),
  revealInText: (path) => host.log.push({ reveal: path }),
  showInText: (path) => host.log.push({ show: path }),
  copy: (text) => host.copied.push(text),
  saveViewState: (state) => {
    host.viewState = state;
  },
};

const root = document.getElementById("root");
document.body.classList.add(query.get("theme") === "dark" ? "vscode-dark" : query.get("theme") === "hc" ? "vscode-high-contrast" : "vscode-light");
const templateName = query.get("template") ?? "lenet5";
const generated = {
  generated: generatedNetworkText, chain: chainNetworkText, unet: (layers) => unetNetworkText(Math.max(1, Math.round((layers - 13) / 27))),
};
host.text = generated[templateName] ? generated[templateName](Number(query.get("layers") ?? 200)) : (templates[templateName] ?? "");
const designer = templateName === "none" ? null : mountDesigner(root, port, {});
if (designer) designer.update(documentProps(query.get("select") ?? undefined));

/**
 * Layout timing in this browser, on the UI thread: cold (first ELK call of a new instance,
 * first of the page if called first) and warm runs. `kind`: generated (ResNet-like), chain,
 * unet. `chains: false` lays every layer out as its own ELK node (the layout before chain
 * compression), for comparison.
 */
async function measureLayout(layerCount, runs, kind = "generated", chains = true) {
  const text = generated[kind](layerCount);
  const started = performance.now();
  const analysis = analyze(text);
  const analyzeMillis = performance.now() - started;
  const model = buildGraphModel(analysis, "CHW");
  const elk = createBundledElk();
  const singletons = {
    chains: model.nodes.map((node) => ({ id: node.id, members: [node.id], links: [] })),
    chainOf: new Map(model.nodes.map((node) => [node.id, node.id])),
    outerEdges: model.edges,
  };
  const layoutMillis = [];
  for (let run = 0; run < runs; run++) {
    const before = performance.now();
    const layout = chains ? await computeLayout(elk, model, "TB") : applyElkLayout(await elk.layout(toElkGraph(model, "TB", singletons)), singletons, "TB");
    layoutMillis.push(Math.round(performance.now() - before));
    if (layout.nodes.size !== model.nodes.length) throw new Error("layout lost nodes");
  }
  return { kind, chains, layers: analysis.nodes.length, edges: model.edges.length, errors: analysis.diagnostics.filter((item) => item.severity === "error").length, analyzeMillis: Math.round(analyzeMillis), layoutMillis };
}

/** Replaces the document text (as typing in the text editor would). */
function setText(text) {
  host.text = text;
  host.version += 1;
  designer?.update(documentProps());
}

/** Changes settings (as the cnnDesigner.* settings would). */
function setSettings(settings) {
  host.settings = { ...host.settings, ...settings };
  designer?.update(documentProps());
}

window.__dev = { host, cspViolations, measureLayout, setText, setSettings, designer };
