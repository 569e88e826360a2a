// The acceptance scenario (issue 9) through the UI of a real VS Code (code-server, headless
// chromium): open LeNet-5 → the table shows 61,706 parameters → select c1, add a conv2d from the
// palette, set its stride to 3 (and padding 0) in the inspector → the node's warning badge and the Problems
// panel's unread-input warning → the inspector's quick fix → Ctrl+Z in the workbench restores
// the file byte for byte (saved and read back from disk) → Open as Text, type invalid JSON →
// the parse-error banner, editing paused, nothing written → fix it → the graph returns →
// preview the Sobel layer of edge-detection.cnn.json on a bundled photo → export LeNet-5 as
// PyTorch and as normalised JSON through the commands and the save dialog → the exported JSON,
// reopened in the designer, shows the same shape table (exportSteps.mjs).
//
//   node test/e2e/scenarios.mjs --packaged     # npm run package, then install exactly that .vsix
//   node test/e2e/scenarios.mjs --vsix FILE    # install FILE (a .vsix) into the throwaway VS Code
//   node esbuild.mjs && node test/e2e/scenarios.mjs   # dist/ as a development extension (F5-like)
//
// With a .vsix the server runs no development host: the extension is installed with code-server's
// --install-extension, and the first check proves the installed files are the .vsix's.
// Works on copies of the templates in a throwaway folder. Screenshots: test-artifacts/e2e/
// scenario-*.png. Ends with `scenarios: N passed, N failed`; exits non-zero on a failure.
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { focusWorkbench, readProblems, repoRoot, runCommand, screenshot, settle } from "../harness/harness.mjs";
import { runExportSteps } from "./exportSteps.mjs";
import { exitWithSummary, inWorkbench, prepareExtension } from "./session.mjs";
import { assertInstalledFromVsix } from "./workbench.mjs";
import {
  createChecklist, graphNode, mapCaptions, openDesigner, openDrawer, paletteButton, paletteDisabled, readTable, selectLayer, waitForMaps,
  waitUntil,
} from "./designer.mjs";

const { values: options } = parseArgs({ options: { vsix: { type: "string" }, packaged: { type: "boolean", default: false } } });
/** The page under test, for the screenshot taken when a check fails. */
let pageUnderTest;
let failures = 0;
const checks = createChecklist({ onFailure: () => pageUnderTest && screenshot(pageUnderTest, `e2e/scenario-failed-${++failures}`) });
const lenetTotal = "61,706";
const lenetFile = "lenet5.cnn.json";
const edgesFile = "edge-detection.cnn.json";

async function shoot(page, name) {
  await settle(page);
  console.log(`  screenshot: ${await screenshot(page, `e2e/scenario-${name}`)}`);
}

function createWorkspace() {
  const workspace = mkdtempSync(join(tmpdir(), "cnn-scenarios-"));
  for (const name of [lenetFile, edgesFile]) copyFileSync(join(repoRoot, "media/templates", name), join(workspace, name));
  return workspace;
}

/** Runs a workbench keybinding with the keyboard focus outside the webview. */
async function workbenchKey(page, key) {
  await focusWorkbench(page);
  await page.keyboard.press(key);
}

/** Ctrl+S, then waits until the active tab is no longer dirty. */
async function save(page) {
  await workbenchKey(page, "Control+S");
  await page.locator(".tabs-container .tab.active.dirty").waitFor({ state: "detached", timeout: 10_000 });
}

/** Types a value into an inspector field and commits it with Enter. */
async function setField(frame, name, text) {
  const input = frame.locator(`.cnn-inspector #cnn-field-${name}`);
  await input.fill(text);
  await input.press("Enter");
  await waitUntil(() => input.inputValue(), (value) => value === text, { what: `${name} = ${text}`, timeoutMs: 5_000 });
}

const isLenet = (table) => table.total === lenetTotal && table.ids.length === 8;

async function run(page, workspace, server, vsix) {
  if (vsix && !(await checks.run("the extension runs from the installed .vsix", () => assertInstalledFromVsix(page, server, vsix)))) return;
  const lenetPath = join(workspace, lenetFile);
  const original = readFileSync(lenetPath);
  let frame;
  let added = "";

  const opened = await checks.run("open LeNet-5: graph and table show 61,706 parameters", async () => {
    frame = await openDesigner(page, lenetFile);
    const table = await waitUntil(() => readTable(frame), isLenet, { what: "the LeNet-5 table" });
    await graphNode(frame, "c1").waitFor({ timeout: 10_000 });
    await shoot(page, "1-lenet5");
    return `${table.ids.length} rows, total ${table.total}`;
  });
  if (!opened) return;

  const inserted = await checks.run("select c1, add a conv2d from the palette", async () => {
    await selectLayer(frame, "c1", "node");
    await (await paletteButton(frame, "conv2d")).click();
    const table = await waitUntil(() => readTable(frame), (value) => value.ids?.length === 9, { what: "a ninth table row" });
    added = table.ids[table.ids.indexOf("c1") + 1];
    if (!added || added === "s2") throw new Error(`no new layer after c1: ${table.ids.join(", ")}`);
    await frame.locator(".cnn-inspector-header h2", { hasText: added }).waitFor({ timeout: 10_000 });
    await shoot(page, "2-added");
    return `${added} after c1, total ${table.total}`;
  });
  if (!inserted) return;

  await checks.run(`set ${added}'s stride 3, padding 0 in the inspector: the node shows a warning badge`, async () => {
    // A new conv2d has kernel 3 and padding 1; on c1's 28×28 output, stride 3 alone reads
    // every pixel ((28 + 2 − 3) / 3 is whole), so padding 0 leaves the last row and column unread.
    await setField(frame, "stride", "3");
    await setField(frame, "padding", "0");
    await graphNode(frame, added).locator(".cnn-node-badge.codicon-warning").waitFor({ timeout: 10_000 });
    const problem = frame.locator(".cnn-inspector .cnn-problem.cnn-sev-warning", { hasText: "never read" });
    await problem.waitFor({ timeout: 10_000 });
    await shoot(page, "3-stride-warning");
    return (await problem.locator(".cnn-link").first().innerText()).trim();
  });

  await checks.run("the Problems panel lists the unread-input warning", async () => {
    const problems = await waitUntil(() => readProblems(page), (rows) => Array.isArray(rows) && rows.some((row) => row.severity === "warning" && /never read/.test(row.text)), { what: "an unread-input warning in Problems" });
    await shoot(page, "4-problems");
    const warning = problems.find((row) => row.severity === "warning" && /never read/.test(row.text));
    await runCommand(page, "View: Hide Panel");
    return `${problems.length} row(s); ${warning.text}`;
  });

  await checks.run("the inspector's quick fix removes the warning", async () => {
    await selectLayer(frame, added);
    const fix = frame.locator(".cnn-inspector .cnn-problem.cnn-sev-warning", { hasText: "never read" }).locator(".cnn-fixes button").first();
    const title = (await fix.innerText()).trim();
    await fix.click();
    await frame.locator(".cnn-inspector .cnn-problem", { hasText: "never read" }).waitFor({ state: "detached", timeout: 10_000 });
    await graphNode(frame, added).locator(".cnn-node-badge.codicon-warning").waitFor({ state: "detached", timeout: 10_000 });
    await shoot(page, "5-fixed");
    return title;
  });

  await checks.run("Ctrl+Z in the workbench restores the file byte for byte", async () => {
    await save(page);
    if (readFileSync(lenetPath).equals(original)) throw new Error("the edits did not reach the file on save");
    // Each undo is a new document version, which the designer shows as data-doc-version.
    const version = () => frame.locator(".cnn-designer").getAttribute("data-doc-version");
    let presses = 0;
    for (; presses < 6 && !isLenet(await readTable(frame)); presses++) {
      const before = await version();
      await workbenchKey(page, "Control+Z");
      await waitUntil(version, (value) => typeof value === "string" && value !== before, { what: `a new document version after undo ${presses + 1}`, timeoutMs: 10_000 });
    }
    await waitUntil(() => readTable(frame), isLenet, { what: "the original table after undo", timeoutMs: 5_000 });
    await save(page);
    const restored = readFileSync(lenetPath);
    await shoot(page, "6-undone");
    if (!restored.equals(original)) throw new Error(`after ${presses} undo(s) the saved file differs (${restored.length} vs ${original.length} bytes)`);
    return `${presses} × Ctrl+Z, ${restored.length} bytes identical`;
  });

  const textEditor = page.locator(".editor-group-container .monaco-editor", { has: page.locator(".view-lines") }).first();
  const brokenText = " oops";
  await checks.run("Open as Text, type invalid JSON: the banner shows and editing pauses", async () => {
    await runCommand(page, "CNN Designer: Open as Text");
    await page.locator(".editor-group-container .monaco-editor .view-lines", { hasText: '"layers"' }).first().waitFor({ timeout: 15_000 });
    await textEditor.locator(".view-lines").click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(brokenText);
    await frame.locator(".cnn-banner-error", { hasText: "not valid JSON" }).waitFor({ timeout: 10_000 });
    if (!(await paletteDisabled(frame))) throw new Error("the palette stays enabled with a parse error");
    await shoot(page, "7-parse-error");
    return (await frame.locator(".cnn-banner-error").innerText()).trim();
  });

  await checks.run("while the text is broken the designer writes nothing", async () => {
    await selectLayer(frame, "c1");
    await frame.locator(".cnn-canvas").press("Delete");
    await frame.locator(".cnn-inspector #cnn-field-kernel").waitFor({ timeout: 5_000 });
    if (!(await frame.locator(".cnn-inspector #cnn-field-kernel").evaluate((input) => input.readOnly))) throw new Error("the inspector stays editable");
    // The view refuses edits itself while the text is broken; a write would also show when the
    // file is compared with the original after the fix below.
    await settle(page);
    const table = await readTable(frame);
    if (!table.ids.includes("c1")) throw new Error("Delete removed c1 while the text was broken");
    return "Delete on c1 ignored, inspector read-only";
  });

  await checks.run("fix the text: the graph returns and the file is unchanged", async () => {
    await textEditor.locator(".view-lines").click();
    await page.keyboard.press("Control+End");
    for (let index = 0; index < brokenText.length; index++) await page.keyboard.press("Backspace");
    await frame.locator(".cnn-banner-error").waitFor({ state: "detached", timeout: 10_000 });
    if (await paletteDisabled(frame)) throw new Error("the palette stays disabled");
    const table = await waitUntil(() => readTable(frame), isLenet, { what: "the LeNet-5 table" });
    await graphNode(frame, "c1").waitFor({ timeout: 10_000 });
    await save(page);
    await shoot(page, "8-text-fixed");
    if (!readFileSync(lenetPath).equals(original)) throw new Error("the saved file differs from the original");
    return `${table.ids.length} rows, total ${table.total}, file identical`;
  });

  await runCommand(page, "View: Close All Editors");
  await checks.run("preview the Sobel layer of edge-detection on a bundled photo", async () => {
    const edges = await openDesigner(page, edgesFile);
    await selectLayer(edges, "sobel", "node");
    await openDrawer(edges);
    await waitForMaps(edges, "sobel");
    const input = (await edges.locator(".cnn-preview-input figcaption").innerText()).trim();
    if (!/camera\.png/.test(input)) throw new Error(`the input is not the bundled camera.png: ${input}`);
    const maps = await edges.locator(".cnn-preview-grid canvas").count();
    if (maps !== 2) throw new Error(`${maps} maps, expected Sobel's 2`);
    await shoot(page, "9-sobel-preview");
    return `${input.split(":")[0]}; ${await mapCaptions(edges)}`;
  });

  await runCommand(page, "View: Close All Editors");
  await runExportSteps(page, checks, workspace, { shoot, isLenet, lenetTotal });
}

async function main() {
  const vsix = prepareExtension(options, "scenario-");
  const workspace = createWorkspace();
  await inWorkbench({ vsix, workspace, what: "scenarios" }, (page, server) => {
    pageUnderTest = page;
    return run(page, workspace, server, vsix);
  });
}

exitWithSummary(main(), checks, "scenarios");
