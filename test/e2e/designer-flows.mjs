// The graph designer and diagram export in a real VS Code (code-server, headless chromium), in the
// light theme (dark on request): every template opens (true parameter totals for the classic nets);
// on LeNet-5, with the text split beside it, each gesture (palette click, palette drag onto an
// edge, handle-to-handle connect, Delete, Ctrl+D, an inspector edit with a lossy stride and its
// fix, arrow keys and Enter) changes the file minimally, moves the table's total to the number
// computed by hand, the Problems panel follows, and Ctrl+Z restores the file byte for byte;
// "Export Diagram" writes ResNet-18 as SVG and PNG through its quick pick and save dialog.
//
//   node esbuild.mjs && node test/e2e/designer-flows.mjs [--themes light,dark] [--parts templates,flows,export]
//
// Works on copies of the templates in a throwaway folder. Screenshots and the exported diagrams:
// test-artifacts/e2e-flows/. Ends with `designer-flows: N passed, N failed`; exits non-zero on a failure.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  artifactsDir, closeBrowser, focusedQuickInput, launchBrowser, openWorkbench, repoRoot, runCommand, screenshot, settle, startServer,
  stopServer,
} from "../harness/harness.mjs";
import {
  connectHandles, createChecklist, dragPaletteOntoEdge, drawnCounts, graphNode, lineChange, oneLineAdded, oneLineChanged, openDesigner,
  paletteButton, problemsOfFile, readTable, saveAll, selectLayer, setField, setTheme, waitUntil, workbenchKey,
} from "./designer.mjs";
import { exportDiagrams } from "./diagram-export.mjs";

const { values: options } = parseArgs({ options: {
  // The themes tier covers all four theme kinds for readability; the gestures run once, in light
  // (`--themes light,dark` adds the dark run: ~80 s more than CI's 20-minute budget leaves).
  themes: { type: "string", default: "light" },
  parts: { type: "string", default: "templates,flows,export" },
} });
const parts = new Set(options.parts.split(","));
const themes = { light: "Default Light Modern", dark: "Default Dark Modern" };
let currentPage;
let failures = 0;
const checks = createChecklist({
  onFailure: async () => {
    if (currentPage) console.log(`      screenshot: ${await screenshot(currentPage, `e2e-flows/failed-${++failures}`)}`);
  },
});
const shotsDir = join(artifactsDir, "e2e-flows");
const templatesDir = join(repoRoot, "media/templates");
/** Totals of the reference implementations (torchvision / the papers), not of this extension. */
const knownTotals = { "lenet5.cnn.json": "61,706", "alexnet.cnn.json": "61,100,840", "vgg16.cnn.json": "138,357,544", "resnet18.cnn.json": "11,689,512" };
const lenetFile = "lenet5.cnn.json";

/** Saves a screenshot after checking that the workbench still shows the theme asked for. */
async function shoot(page, theme, name) {
  await page.mouse.move(1450, 600); // away from buttons, so no hover tooltip covers the picture
  await settle(page);
  await screenshot(page, `e2e-flows/${theme}-${name}`);
  const classes = await page.locator(".monaco-workbench").getAttribute("class");
  const shown = /\bvs-dark\b/.test(classes) ? "dark" : /\bvs\b/.test(classes) ? "light" : classes;
  if (shown !== theme) throw new Error(`the workbench shows a ${shown} theme, not ${theme} (screenshot ${theme}-${name})`);
}

async function openTemplates(page, theme) {
  const files = readdirSync(templatesDir).filter((name) => name.endsWith(".cnn.json")).sort();
  for (const file of files) {
    const expected = knownTotals[file];
    await checks.run(`[${theme}] ${file}: graph drawn, ${expected ? `total ${expected}` : "table filled"}, no error banner`, async () => {
      await runCommand(page, "View: Close All Editors");
      const frame = await openDesigner(page, file);
      const table = await waitUntil(() => readTable(frame), (value) => value.ids?.length > 0 && (!expected || value.total === expected), { what: `the table of ${file}` });
      const nodes = await frame.locator(".react-flow__node").count();
      if (nodes < 2) throw new Error(`${nodes} graph node(s)`);
      if ((await frame.locator(".cnn-banner-error").count()) > 0) throw new Error(await frame.locator(".cnn-banner-error").innerText());
      await shoot(page, theme, `template-${file.replace(/\.cnn\.json$/, "")}`);
      return `${nodes} nodes drawn, ${table.ids.length} rows, total ${table.total}`;
    });
  }
}

/**
 * One gesture on LeNet-5: `act` does it; then the table's total, the saved text's changed lines
 * (`expectChange(removed, added)` throws when they are not the minimal edit) and `after`
 * (Problems, graph) are checked; then `undo` restores the file byte for byte.
 */
async function gesture(context, { name, act, total, expectChange, after, undo }) {
  const { page, frame, theme, path, original } = context;
  await checks.run(`[${theme}] ${name}: total ${total}, minimal text change`, async () => {
    await act();
    await waitUntil(() => readTable(frame), (table) => table.total === total, { what: `the total ${total}` });
    await saveAll(page);
    const { removed, added } = lineChange(original, readFileSync(path, "utf8"));
    expectChange(removed, added);
    const detail = after ? await after() : "";
    await shoot(page, theme, `flow-${name.split(":")[0].replace(/\W+/g, "-")}`);
    const lines = (added.length > 0 ? added : removed).map((line) => line.trim()).join(" ");
    return `-${removed.length}/+${added.length} line(s): ${lines}${detail ? `; ${detail}` : ""}`;
  });
  await checks.run(`[${theme}] undo (${undo === "designer" ? "Ctrl+Z in the designer" : "Ctrl+Z in the workbench"}) restores the file`, async () => {
    if (undo === "designer") {
      await frame.locator(".cnn-canvas").focus();
      await page.keyboard.press("Control+Z");
    } else {
      await workbenchKey(page, "Control+Z");
    }
    await waitUntil(() => readTable(frame), (table) => table.total === "61,706" && table.ids.length === 8, { what: "the LeNet-5 table after undo" });
    await saveAll(page);
    if (readFileSync(path, "utf8") !== original) throw new Error("the saved file differs from the original");
    // LeNet-5 is a chain: every drawn node but the first has its incoming edge drawn.
    const drawn = await waitUntil(() => drawnCounts(frame), (counts) => counts.nodes >= 2 && counts.edges >= counts.nodes - 1, { what: "the graph's edges drawn", timeoutMs: 5_000 });
    return `LeNet-5 again, file identical, ${drawn.nodes} nodes and ${drawn.edges} edges drawn`;
  });
}

async function editFlows(page, theme, workspace) {
  const path = join(workspace, lenetFile);
  const original = readFileSync(path, "utf8");
  let frame;
  const opened = await checks.run(`[${theme}] LeNet-5 in the designer with its text split beside it`, async () => {
    await runCommand(page, "View: Close All Editors");
    frame = await openDesigner(page, lenetFile);
    await runCommand(page, "CNN Designer: Open as Text");
    await page.locator(".editor-group-container .monaco-editor .view-lines", { hasText: '"layers"' }).first().waitFor({ timeout: 15_000 });
    await waitUntil(() => readTable(frame), (table) => table.total === "61,706", { what: "the LeNet-5 table" });
    // The canvas keeps its pan when the split narrows it (the graph may be out of view): fit it.
    await frame.locator(".react-flow__controls button[aria-label=\"Fit view\"]").click();
    await graphNode(frame, "c1").waitFor({ timeout: 10_000 });
    await shoot(page, theme, "flow-0-split");
    return `${await page.locator(".editor-group-container").count()} editor groups`;
  });
  if (!opened) return;
  const context = { page, frame, theme, path, original };
  const textShows = async (text) => {
    await page.locator(".editor-group-container .view-lines", { hasText: text }).first().waitFor({ timeout: 5_000 });
    return `the text editor shows ${text}`;
  };

  await checks.run(`[${theme}] keyboard: arrows move the selection, Enter focuses the inspector`, async () => {
    await selectLayer(frame, "c1", "node");
    await page.keyboard.press("ArrowDown");
    await frame.locator('table.cnn-table tr.selected[data-layer-id="s2"]').waitFor({ timeout: 5_000 });
    await page.keyboard.press("ArrowDown");
    await frame.locator('table.cnn-table tr.selected[data-layer-id="c3"]').waitFor({ timeout: 5_000 });
    await page.keyboard.press("ArrowUp");
    await frame.locator(".cnn-inspector-header h2", { hasText: /^s2$/ }).waitFor({ timeout: 5_000 });
    await page.keyboard.press("Enter");
    const focused = await frame.locator("body").evaluate((body) => {
      const active = body.ownerDocument.activeElement;
      return active?.closest(".cnn-inspector") ? `${active.tagName.toLowerCase()}#${active.id}` : `outside the inspector: ${active?.tagName}`;
    });
    if (!focused.includes("#cnn-field-")) throw new Error(`focus is ${focused}`);
    await shoot(page, theme, "flow-1-keyboard");
    return `c1 ↓ s2 ↓ c3 ↑ s2, Enter → ${focused}`;
  });

  // c1 is 6×28×28: a batch norm adds 2·6 parameters (weight and bias).
  await gesture(context, {
    name: "palette click: batchnorm2d after c1", total: "61,718", undo: "designer",
    act: async () => {
      await selectLayer(frame, "c1", "node");
      await (await paletteButton(frame, "batchnorm2d")).click();
    },
    expectChange: oneLineAdded(/"type": "batchnorm2d"/),
    after: () => textShows("batchnorm2d"),
  });
  // The keyboard only: Ctrl+K Shift+A in the designer, type the name, Enter; the graph then holds
  // the keyboard focus with the new layer selected (read before the gesture's Save All moves it).
  let addedFocus = "";
  await gesture(context, {
    name: "Add Layer… (Ctrl+K Shift+A): batchnorm2d after c1", total: "61,718", undo: "designer",
    act: async () => {
      await selectLayer(frame, "c1", "node");
      await page.keyboard.press("Control+K");
      await page.keyboard.press("Shift+A");
      const input = await focusedQuickInput(page);
      await input.fill("batchnorm2d");
      await page.locator(".quick-input-widget .quick-input-list .monaco-list-row", { hasText: "batchnorm2d" }).first().waitFor({ timeout: 10_000 });
      await page.keyboard.press("Enter");
      const selected = await waitUntil(
        () => frame.locator("table.cnn-table tr.selected[data-layer-id]").getAttribute("data-layer-id").catch(() => null),
        (id) => id !== null && id !== "c1",
        { what: "the new layer selected" },
      );
      addedFocus = await waitUntil(
        () => frame.locator("body").evaluate((body) => {
          const active = body.ownerDocument.activeElement;
          return active?.closest(".cnn-canvas") ? "graph" : `${active?.tagName}.${active?.className}`;
        }),
        (where) => where === "graph",
        { what: "the keyboard focus in the graph" },
      );
      addedFocus = `${selected} selected, focus in the ${addedFocus}`;
    },
    expectChange: oneLineAdded(/"type": "batchnorm2d"/),
    after: async () => {
      const { ids } = await readTable(frame);
      if (!addedFocus.startsWith(`${ids[ids.indexOf("c1") + 1]} `)) throw new Error(`${addedFocus}, but the layer after c1 is ${ids[ids.indexOf("c1") + 1]}`);
      return addedFocus;
    },
  });
  // c3 is 16×10×10: 2·16 = 32 parameters.
  await gesture(context, {
    name: "palette drag onto the edge c3 → s4: batchnorm2d", total: "61,738", undo: "workbench",
    act: () => dragPaletteOntoEdge(page, frame, "batchnorm2d", "c3->s4#0"),
    expectChange: oneLineAdded(/"type": "batchnorm2d"/),
    after: async () => {
      const { ids } = await readTable(frame);
      const created = ids[ids.indexOf("c3") + 1];
      if (original.includes(`"${created}"`) || ids[ids.indexOf("c3") + 2] !== "s4") throw new Error(`no new layer between c3 and s4: ${ids.join(", ")}`);
      return `${created} between c3 and s4`;
    },
  });
  // c3 reads c1 (6×28×28) → 16×24×24 → s4 16×12×12 → f5 2304·120 + 120 = 276,600 (was 48,120); s2 becomes a dead branch.
  await gesture(context, {
    name: "connect c1's output to c3's input (a branch at c1)", total: "290,186", undo: "workbench",
    act: () => connectHandles(page, frame, "c1", "c3"),
    expectChange: oneLineChanged("c3", /"inputs": \["c1"\]/),
    after: async () => {
      await frame.locator('.react-flow__edge[data-id="c1->c3#0"]').waitFor({ timeout: 5_000 });
      const problems = await problemsOfFile(page, lenetFile);
      return `edge c1→c3 drawn; Problems: ${problems.map((row) => `${row.severity}: ${row.text.slice(0, 70)}`).join(" | ") || "none"}`;
    },
  });
  // The same branch without a mouse: arrows to c3, Enter into the inspector, Tab to its inputs field, type c1, Enter.
  await gesture(context, {
    name: "keyboard only: c3's inputs field set to c1 (the same branch)", total: "290,186", undo: "workbench",
    act: async () => {
      await selectLayer(frame, "c1", "node");
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowDown");
      await frame.locator('table.cnn-table tr.selected[data-layer-id="c3"]').waitFor({ timeout: 5_000 });
      await page.keyboard.press("Enter");
      const activeId = () => frame.locator("body").evaluate((body) => body.ownerDocument.activeElement?.id ?? "");
      for (let step = 0; step < 12 && (await activeId()) !== "cnn-field-inputs"; step++) await page.keyboard.press("Tab");
      if ((await activeId()) !== "cnn-field-inputs") throw new Error(`Tab never reached the inputs field (focus: ${await activeId()})`);
      await page.keyboard.press("Control+A");
      await page.keyboard.type("c1");
      await page.keyboard.press("Enter");
    },
    expectChange: oneLineChanged("c3", /"inputs": \["c1"\]/),
    after: () => frame.locator('.react-flow__edge[data-id="c1->c3#0"]').waitFor({ timeout: 5_000 }).then(() => "edge c1→c3 drawn"),
  });
  // Without f6, out reads f5's 120 units: 120·10 + 10 = 1,210 (was 850 + f6's 10,164).
  await gesture(context, {
    name: "Delete key on f6", total: "51,902", undo: "designer",
    act: async () => {
      await selectLayer(frame, "f6", "node");
      await page.keyboard.press("Delete");
    },
    expectChange: (removed, added) => {
      if (added.length !== 0 || removed.length !== 1 || !removed[0].includes('"f6"')) throw new Error(`not f6's line removed: -${JSON.stringify(removed)} +${JSON.stringify(added)}`);
    },
  });
  // A copy of f6 (84 units) reading f6: 84·84 + 84 = 7,140.
  await gesture(context, {
    name: "Ctrl+D on f6", total: "68,846", undo: "workbench",
    act: async () => {
      await selectLayer(frame, "f6", "node");
      await page.keyboard.press("Control+D");
    },
    expectChange: oneLineAdded(/"type": "linear", "units": 84/),
  });
  await strideFlow(context);
}

/**
 * c3 stride 2 on 6×14×14 with kernel 5: ⌊(14 − 5)/2⌋ + 1 = 5, row and column 13 never read (a
 * warning); s4 → 16×2×2, f5 64·120 + 120 = 7,800. Stride 1 again clears the warning; two undos restore the file.
 */
async function strideFlow({ page, frame, theme, path, original }) {
  const warned = await checks.run(`[${theme}] inspector: c3 stride 2 → total 21,386, a warning in the node and in Problems`, async () => {
    await selectLayer(frame, "c3", "node");
    await setField(frame, "stride", "2");
    await waitUntil(() => readTable(frame), (table) => table.total === "21,386", { what: "the total 21,386" });
    await graphNode(frame, "c3").locator(".cnn-node-badge.codicon-warning").waitFor({ timeout: 10_000 });
    await saveAll(page);
    oneLineChanged("c3", /"stride": 2/)(...Object.values(lineChange(original, readFileSync(path, "utf8"))));
    await shoot(page, theme, "flow-7-stride-warning");
    const problems = await waitUntil(() => problemsOfFile(page, lenetFile), (rows) => Array.isArray(rows) && rows.some((row) => row.severity === "warning" && /c3/.test(row.text)), { what: "a warning on c3 in Problems" });
    return problems.filter((row) => row.severity === "warning").map((row) => row.text.slice(0, 90)).join(" | ");
  });
  if (!warned) return;
  await fixAndProblemListFlow({ page, frame, theme });
  await checks.run(`[${theme}] inspector: c3 stride 1 again → 61,706, the warning leaves Problems`, async () => {
    await setField(frame, "stride", "1");
    await waitUntil(() => readTable(frame), (table) => table.total === "61,706", { what: "the total 61,706" });
    await graphNode(frame, "c3").locator(".cnn-node-badge").waitFor({ state: "detached", timeout: 10_000 });
    const problems = await waitUntil(() => problemsOfFile(page, lenetFile), (rows) => Array.isArray(rows) && !rows.some((row) => row.severity === "warning"), { what: "no warning in Problems" });
    await shoot(page, theme, "flow-8-stride-fixed");
    return `${problems.length} problem row(s)`;
  });
  await checks.run(`[${theme}] two Ctrl+Z in the workbench restore the file`, async () => {
    await workbenchKey(page, "Control+Z");
    await waitUntil(() => readTable(frame), (table) => table.total === "21,386", { what: "stride 2 after one undo" });
    await workbenchKey(page, "Control+Z");
    await waitUntil(() => readTable(frame), (table) => table.total === "61,706", { what: "the original after two undos" });
    await saveAll(page);
    if (readFileSync(path, "utf8") !== original) throw new Error("the saved file differs from the original");
    await shoot(page, theme, "flow-9-undone");
    return "file identical";
  });
}

/**
 * With c3 at stride 2: its problem offers only fixes checked to add no error, each saying what
 * else changes (stride 1: c3 10×10, s4 5×5, f5 400 inputs, params 21,386 → 61,706, +40,320;
 * padding 1: c3 6×6, s4 16×3×3, f5 144·120 + 120 = 17,400 instead of 7,800, +9,600). With
 * nothing selected, the overview lists the problems by layer; a click selects c3 and focuses
 * its stride field.
 */
async function fixAndProblemListFlow({ page, frame, theme }) {
  await checks.run(`[${theme}] c3's fixes say what else changes`, async () => {
    const fixes = frame.locator(".cnn-inspector .cnn-fix");
    await fixes.first().waitFor({ timeout: 15_000 });
    const texts = (await fixes.allInnerTexts()).map((text) => text.replace(/\s+/g, " ").trim());
    const stride = texts.find((text) => text.startsWith("Set stride to 1"));
    const padding = texts.find((text) => text.startsWith("Set padding to 1"));
    if (!stride?.endsWith("params +40,320")) throw new Error(`the stride fix says: ${stride ?? texts.join(" | ")}`);
    if (!padding?.includes("s4 becomes 16×3×3 (was 16×2×2)") || !padding.endsWith("params +9,600")) {
      throw new Error(`the padding fix says: ${padding ?? texts.join(" | ")}`);
    }
    await fixes.last().scrollIntoViewIfNeeded();
    await shoot(page, theme, "flow-7b-checked-fixes");
    return texts.join(" | ");
  });
  await checks.run(`[${theme}] the overview's problem list leads to c3's stride field`, async () => {
    await graphNode(frame, "c3").click();
    await page.keyboard.press("Escape");
    const row = frame.locator(".cnn-all-problems .cnn-problem-go", { hasText: "c3:" }).first();
    await row.waitFor({ timeout: 10_000 });
    await shoot(page, theme, "flow-7c-problems-by-layer");
    await row.click();
    await frame.locator(".cnn-inspector-header h2", { hasText: "c3" }).waitFor({ timeout: 10_000 });
    await waitUntil(() => frame.locator(":focus").getAttribute("id").catch(() => null), (id) => id === "cnn-field-stride", { what: "the stride field focused" });
    return "c3 selected, #cnn-field-stride focused";
  });
}

/** One theme in its own server and browser (a second workbench load in the same page was flaky). */
async function runTheme(theme) {
  const workspace = mkdtempSync(join(tmpdir(), `cnn-flows-${theme}-`));
  cpSync(templatesDir, workspace, { recursive: true });
  let server;
  let browser;
  try {
    server = await startServer({ devMode: true });
    setTheme(server, themes[theme]);
    browser = await launchBrowser({ width: 1600, height: 900 });
    const page = browser.pages()[0] ?? (await browser.newPage());
    currentPage = page;
    await openWorkbench(browser, server, { folder: workspace, devPath: repoRoot, page });
    await runCommand(page, "View: Close Primary Side Bar");
    if (parts.has("templates")) await openTemplates(page, theme);
    if (parts.has("flows")) await editFlows(page, theme, workspace);
    if (parts.has("export")) await exportDiagrams({ page, theme, workspace, checks, shotsDir });
  } finally {
    currentPage = undefined;
    await closeBrowser(browser);
    await stopServer(server);
    rmSync(workspace, { recursive: true, force: true });
  }
}

async function main() {
  if (!existsSync(join(repoRoot, "dist/webview.js"))) throw new Error("dist/ is missing: build first (node esbuild.mjs)");
  if (spawnSync("bash", [join(repoRoot, "test/harness/install.sh")], { stdio: "inherit" }).status !== 0) throw new Error("harness install failed");
  rmSync(shotsDir, { recursive: true, force: true });
  mkdirSync(shotsDir, { recursive: true });
  const startedAt = Date.now();
  for (const theme of options.themes.split(",")) {
    if (!themes[theme]) throw new Error(`unknown theme ${theme} (light or dark)`);
    console.log(`${theme} theme (${themes[theme]})`);
    await runTheme(theme);
  }
  console.log(`(designer flows took ${((Date.now() - startedAt) / 1000).toFixed(1)} s; screenshots in ${shotsDir})`);
}

main().then(
  () => process.exit(checks.summary("designer-flows")),
  (error) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(checks.summary("designer-flows", 1));
  },
);
