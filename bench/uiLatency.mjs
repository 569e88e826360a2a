// Part of benchmark section `ui` (ui.mjs): what a user waits for in the real VS Code, from the
// input event to the frame that shows the result, on one clock (uiProbe.mjs), `REPETITIONS`
// times each (median and p90), for the tutorial net, ResNet-18 and a 200-layer chain. Each file
// carries one lossy layer so that "quick fix" has a warning to fix:
//   edit → table, edit → graph   an inspector field, Enter (the value alternates)
//   palette click → node         a palette button with a layer selected (undone after)
//   text edit → graph            the value replaced in the text editor beside (find, then type;
//                                timed from the last key, which makes the file parse again)
//   quick fix → table            the lossy layer's first checked fix (undone after)
//   first render                 the webview document's start → the graph drawn (reopened), with
//                                the marks on the way (webview/main.tsx, useElkLayout.ts, Canvas.tsx)
//   preview → maps, cold / warm  a table row click → its feature maps (cold: the designer reopened)
// About 4 minutes.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { quickOpen, repoRoot, runCommand, settle, webviewFrame } from "../test/harness/harness.mjs";
import { openDesigner, openDrawer, paletteButton, readTable, selectLayer, waitUntil, workbenchKey } from "../test/e2e/designer.mjs";
import { chainText } from "./scaling.mjs";
import { arm, clockOf, installInputProbe, lastInput, readArmed, spread } from "./uiProbe.mjs";
import { printTable } from "./timing.mjs";

export const REPETITIONS = 10;

const template = (name) => readFileSync(join(repoRoot, `media/templates/${name}.cnn.json`), "utf8");
const replaced = (text, from, to) => {
  if (!text.includes(from)) throw new Error(`bench design: "${from}" not found`);
  return text.replace(from, to);
};

export const latencyDesigns = [
  {
    label: "tutorial", file: "tutorial.cnn.json",
    text: () => replaced(template("tutorial"), `{ "id": "pool1", "type": "maxpool2d", "kernel": 2 }`, `{ "id": "pool1", "type": "maxpool2d", "kernel": 3 }`),
    edit: { layer: "fc2", field: "units", values: ["11", "10"], textOf: (value) => `"units": ${value} }` },
    fix: "pool1", append: "conv2", previews: ["conv1", "conv2", "pool2"],
  },
  {
    label: "ResNet-18", file: "resnet18.cnn.json",
    text: () => replaced(template("resnet18"), `"kernel": 3, "stride": 2, "padding": 1 }`, `"kernel": 3, "stride": 2 }`),
    edit: { layer: "fc", field: "units", values: ["999", "1000"], textOf: (value) => `"units": ${value} }` },
    fix: "maxpool", append: "fc", previews: ["conv1", "maxpool", "layer1.0.conv1"],
  },
  {
    label: "200-layer chain", file: "chain-200.cnn.json",
    text: () => replaced(chainText(200), `{"id":"conv0","type":"conv2d","filters":8,"kernel":3,"padding":1}`, `{"id":"conv0","type":"conv2d","filters":8,"kernel":3,"stride":2}`),
    edit: { layer: "conv198", field: "filters", values: ["9", "8"], textOf: (value) => `"id":"conv198","type":"conv2d","filters":${value}` },
    fix: "conv0", append: "conv99", previews: ["conv0", "conv3", "conv6"],
  },
];

export function writeLatencyDesigns(folder) {
  for (const design of latencyDesigns) writeFileSync(join(folder, design.file), design.text());
}

const rowCell = (layer, column) => `table.cnn-table tr[data-layer-id="${layer}"] td:nth-child(${column})`;
const nodeFooter = (layer) => `.react-flow__node[data-id="${layer}"] .cnn-node-footer`;
const textOf = (frame, selector) => frame.locator(selector).first().textContent();

/** Arms `conditions`, runs `act`, and returns the milliseconds from the input event to each condition's frame. */
async function timed({ frame, inputs, conditions, act, type, key }) {
  const since = await clockOf(inputs);
  await arm(frame, conditions);
  await act();
  const shown = await readArmed(frame);
  const startedAt = await lastInput(inputs, type, since, key);
  if (startedAt === null) throw new Error(`no ${type} event recorded for the action`);
  return shown.map((at, index) => {
    if (at === null) throw new Error(`timed out waiting for ${JSON.stringify(conditions[index])}`);
    return at - startedAt;
  });
}

async function open(page, design) {
  const frame = await openDesigner(page, design.file, 0);
  await installInputProbe(frame);
  return frame;
}

async function closeAll(page) {
  await runCommand(page, "View: Close All Editors");
  const dialog = page.locator(".monaco-dialog-box .monaco-button", { hasText: /^Don.t Save$/ });
  if (await dialog.count()) await dialog.click();
  await waitUntil(() => page.locator("iframe.webview").count(), (count) => count === 0, { what: "no webview left" });
}

async function inspectorEdits(frame, design, results) {
  const { layer, field, values } = design.edit;
  await selectLayer(frame, layer, "row");
  for (let rep = 0; rep < REPETITIONS; rep++) {
    const value = values[rep % 2];
    const conditions = [
      { kind: "textChanged", selector: rowCell(layer, 4), from: await textOf(frame, rowCell(layer, 4)) },
      { kind: "textChanged", selector: nodeFooter(layer), from: await textOf(frame, nodeFooter(layer)) },
    ];
    const input = frame.locator(`.cnn-inspector #cnn-field-${field}`);
    await input.fill(value);
    const [table, graph] = await timed({ frame, inputs: frame, conditions, act: () => input.press("Enter"), type: "keydown", key: "Enter" });
    results["edit → table"].push(table);
    results["edit → graph"].push(graph);
  }
}

async function paletteClicks(page, frame, design, results) {
  const { ids } = await readTable(frame);
  for (let rep = 0; rep < REPETITIONS; rep++) {
    await selectLayer(frame, design.append, "row");
    const button = await paletteButton(frame, "relu");
    const [node] = await timed({
      frame, inputs: frame, conditions: [{ kind: "newSelected", known: [...ids, "input"] }], act: () => button.click(), type: "pointerdown",
    });
    results["palette click → node"].push(node);
    await workbenchKey(page, "Control+Z");
    await waitUntil(() => readTable(frame), (table) => table.ids.length === ids.length, { what: "the added layer undone" });
  }
}

async function quickFixes(page, frame, design, results) {
  for (let rep = 0; rep < REPETITIONS; rep++) {
    await selectLayer(frame, design.fix, "row");
    const fix = frame.locator(".cnn-inspector .cnn-fix button").first();
    await fix.waitFor({ timeout: 20_000 });
    const before = await textOf(frame, `table.cnn-table tr[data-layer-id="${design.fix}"]`);
    const selector = `table.cnn-table tr[data-layer-id="${design.fix}"]`;
    const [table] = await timed({ frame, inputs: frame, conditions: [{ kind: "textChanged", selector, from: before }], act: () => fix.click(), type: "pointerdown" });
    results["quick fix → table"].push(table);
    await workbenchKey(page, "Control+Z");
    await waitUntil(() => textOf(frame, selector), (text) => text === before, { what: "the fix undone" });
  }
}

/** Typed text lands as typed: no quote or bracket closed for us (the user settings, read live). */
function plainTyping(server) {
  const path = join(server.dirs.userData, "User", "settings.json");
  const settings = JSON.parse(readFileSync(path, "utf8"));
  const plain = { "editor.autoClosingQuotes": "never", "editor.autoClosingBrackets": "never", "editor.autoSurround": "never" };
  writeFileSync(path, JSON.stringify({ ...settings, ...plain }, null, 2));
}

async function textEdits(page, frame, design, results) {
  const { layer, values, textOf: lineText } = design.edit;
  await runCommand(page, "CNN Designer: Open as Text");
  const editor = page.locator(".editor-group-container.active .monaco-editor .view-lines");
  await editor.waitFor({ timeout: 20_000 });
  await installInputProbe(page);
  await selectLayer(frame, layer, "row"); // draws its node
  for (let rep = 0; rep < REPETITIONS; rep++) {
    const [from, to] = [values[(rep + 1) % 2], values[rep % 2]];
    await page.locator(".editor-group-container .monaco-editor .view-lines").last().click();
    await page.keyboard.press("Control+F");
    await page.keyboard.type(lineText(from));
    await page.keyboard.press("Escape");
    const conditions = [{ kind: "textChanged", selector: nodeFooter(layer), from: await textOf(frame, nodeFooter(layer)) }];
    // All but the last character in one go (the file does not parse until the last), then the last key.
    const text = lineText(to);
    await page.keyboard.insertText(text.slice(0, -1));
    const [graph] = await timed({ frame, inputs: page, conditions, act: () => page.keyboard.press(text.at(-1)), type: "keydown", key: text.at(-1) });
    results["text edit → graph"].push(graph);
  }
}

async function firstRenders(page, design, results) {
  for (let rep = 0; rep < REPETITIONS; rep++) {
    await closeAll(page);
    await quickOpen(page, design.file);
    const frame = webviewFrame(page, 0);
    const marks = await waitUntil(
      () => frame.locator("body").evaluate(() => {
        const at = (name) => globalThis.performance.getEntriesByName(name)[0]?.startTime ?? null;
        return { script: at("cnn-script-start"), init: at("cnn-init"), layout: at("cnn-layout") ?? at("cnn-first-render"), render: at("cnn-first-render") };
      }).catch(() => ({ render: null })),
      (value) => value.render !== null, { what: `${design.label} drawn`, timeoutMs: 60_000 },
    );
    results["  webview.js evaluated"].push(marks.script);
    results["  the host's first state received"].push(marks.init);
    results["  laid out"].push(marks.layout);
    results["webview start → first render"].push(marks.render);
  }
}

async function previews(page, design, results) {
  const [cold, ...warm] = design.previews;
  for (let rep = 0; rep < REPETITIONS; rep++) {
    await closeAll(page);
    const frame = await open(page, design);
    await openDrawer(frame);
    const row = (layer) => frame.locator(`table.cnn-table tr[data-layer-id="${layer}"]`);
    const [first] = await timed({ frame, inputs: frame, conditions: [{ kind: "maps", layer: cold }], act: () => row(cold).click(), type: "pointerdown" });
    results["preview → maps, cold"].push(first);
    const layer = warm[rep % warm.length];
    const [again] = await timed({ frame, inputs: frame, conditions: [{ kind: "maps", layer }], act: () => row(layer).click(), type: "pointerdown" });
    results["preview → maps, warm"].push(again);
  }
}

export const latencyMetrics = [
  "edit → table", "edit → graph", "palette click → node", "text edit → graph", "quick fix → table",
  "webview start → first render", "  webview.js evaluated", "  the host's first state received", "  laid out",
  "preview → maps, cold", "preview → maps, warm",
];

/** Measures every metric on each design (written by `writeLatencyDesigns`); prints one table. */
export async function measureLatency(page, server) {
  await page.setViewportSize({ width: 1600, height: 1000 });
  plainTyping(server);
  const table = [["metric", ...latencyDesigns.flatMap((design) => [`${design.label} median`, "p90"])]];
  const byDesign = [];
  for (const design of latencyDesigns) {
    const results = Object.fromEntries(latencyMetrics.map((metric) => [metric, []]));
    await closeAll(page);
    const frame = await open(page, design);
    await settle(page);
    await inspectorEdits(frame, design, results);
    await paletteClicks(page, frame, design, results);
    await quickFixes(page, frame, design, results);
    await textEdits(page, frame, design, results);
    await firstRenders(page, design, results);
    await previews(page, design, results);
    byDesign.push(results);
  }
  for (const metric of latencyMetrics) {
    table.push([metric, ...byDesign.flatMap((results) => {
      const { median, p90 } = spread(results[metric]);
      return [median.toFixed(0), p90.toFixed(0)];
    })]);
  }
  console.log(`\nLatency in ms, input event → the frame that shows it (${REPETITIONS} repetitions each; one clock: performance.timeOrigin + now())`);
  printTable(table);
}
