// End-to-end smoke: a person's first minute with the extension, in a real VS Code (code-server
// in extension-development mode, driven by headless chromium). Opens the templates folder,
// quick-opens a template, checks that the designer shows it (React Flow graph, shape table with the
// true parameter total, the preview drawer collapsed), that the extension activated and that the
// Problems panel has no error for it; saves screenshots into test-artifacts/e2e/.
//
//   node test/e2e/smoke.mjs [--workspace media/templates] [--file lenet5.cnn.json] [--total 61,706]
//
// Needs a build (node esbuild.mjs). Ends with `N passed, N failed`; exits non-zero on a failure.
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  artifactsDir, closeBrowser, launchBrowser, openWorkbench, quickOpen, readProblems, repoRoot,
  screenshot, settle, startServer, stopServer, waitForExtensionActivated, webviewFrame,
} from "../harness/harness.mjs";
import { createChecklist, readTable } from "./designer.mjs";

const extensionName = "cnn-designer";
const { values: options } = parseArgs({
  options: {
    workspace: { type: "string", default: join(repoRoot, "media/templates") },
    file: { type: "string", default: "lenet5.cnn.json" },
    total: { type: "string", default: "61,706" },
  },
});

const checks = createChecklist();
const check = (name, body) => checks.run(name, body);

/** Waits for the opened file's editor: our custom editor's webview, or else a text editor. */
async function waitForEditor(page, fileName) {
  const tab = page.locator(".tabs-container .tab.active", { hasText: fileName });
  await tab.waitFor({ timeout: 20_000 });
  const webview = page.locator("iframe.webview.ready");
  const textEditor = page.locator(".editor-instance .monaco-editor .view-lines", { hasText: '"layers"' });
  await webview.or(textEditor).first().waitFor({ timeout: 20_000 });
  return (await webview.count()) > 0 ? "custom editor (webview)" : "text editor";
}

/** The designer rendered: graph nodes, the shape table and its parameter total. */
async function describeDesigner(page, expectedTotal) {
  const frame = webviewFrame(page, 0);
  const nodes = frame.locator(".react-flow__node");
  await nodes.first().waitFor({ timeout: 30_000 });
  await frame.locator("table.cnn-table tbody tr[data-layer-id]").first().waitFor({ timeout: 20_000 });
  const { ids, total } = await readTable(frame);
  if (expectedTotal && total !== expectedTotal) throw new Error(`the table's total is ${total}, expected ${expectedTotal}`);
  return `${await nodes.count()} graph nodes, ${ids.length} table rows, ${total} parameters`;
}

/** The preview drawer sits below the designer, collapsed, inside the webview's viewport. */
async function describeDrawer(page) {
  const frame = webviewFrame(page, 0);
  const drawer = frame.locator("details#preview-drawer.preview-section");
  await drawer.waitFor({ timeout: 10_000 });
  const state = await drawer.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const designer = element.ownerDocument.getElementById("designer-root").getBoundingClientRect();
    return {
      open: element.open, top: box.top, bottom: box.bottom, height: box.height, viewport: element.ownerDocument.defaultView.innerHeight,
      designerBottom: designer.bottom,
    };
  });
  if (state.open) throw new Error("the preview drawer is open on first open");
  if (state.bottom > state.viewport + 1) throw new Error(`the drawer's bottom ${state.bottom} is below the webview (${state.viewport})`);
  if (state.viewport - state.bottom > 2) throw new Error(`the drawer does not sit at the bottom (${state.bottom} of ${state.viewport})`);
  if (state.designerBottom > state.top + 1) throw new Error("the designer overlaps the drawer");
  const summary = (await drawer.locator("summary").innerText()).trim();
  return `collapsed, ${Math.round(state.height)} px at the bottom: "${summary}"`;
}

async function runSmoke(page, server, workspace, fileName, expectedTotal) {
  let editorKind = "";
  const workbenchOpened = await check(`the workbench opens ${workspace} and lists ${fileName}`, async () => {
    await openWorkbench(page.context(), server, { folder: workspace, devPath: repoRoot, page });
    await page.locator(".explorer-folders-view .monaco-list-row", { hasText: fileName }).first().waitFor({ timeout: 20_000 });
  });
  if (!workbenchOpened) {
    console.log(`  screenshot: ${await screenshot(page, "e2e/workbench-failed")}`);
    return;
  }
  const opened = await check(`quick open ${fileName} shows it in an editor`, async () => {
    await quickOpen(page, fileName);
    editorKind = await waitForEditor(page, fileName);
    return editorKind;
  });
  if (opened && editorKind.startsWith("custom")) {
    await check(`the designer shows the graph and the shape table${expectedTotal ? ` (total ${expectedTotal})` : ""}`, () => describeDesigner(page, expectedTotal));
    await check("the preview drawer is collapsed at the bottom", () => describeDrawer(page));
  } else if (opened) {
    await check("the file opens in the designer (custom editor)", () => {
      throw new Error(`it opened in a ${editorKind}`);
    });
  }
  await settle(page);
  console.log(`  screenshot: ${await screenshot(page, `e2e/${fileName.replace(/\.cnn\.json$/, "")}-open`)}`);
  await check(`the extension ${extensionName} is activated`, () => waitForExtensionActivated(page, extensionName, 30_000));
  await check(`the Problems panel shows no error for ${fileName}`, async () => {
    const problems = await readProblems(page);
    const errors = problems.filter((problem) => problem.severity === "error");
    if (errors.length > 0) throw new Error(`${errors.length} error(s): ${errors.map((problem) => problem.text).join(" | ")}`);
    return `${problems.length} row(s)`;
  });
  console.log(`  screenshot: ${await screenshot(page, "e2e/problems")}`);
}

async function main() {
  const workspace = resolve(options.workspace);
  if (!existsSync(join(repoRoot, "dist/extension.js"))) throw new Error("dist/extension.js is missing: build first (node esbuild.mjs)");
  if (spawnSync("bash", [join(repoRoot, "test/harness/install.sh")], { stdio: "inherit" }).status !== 0) throw new Error("harness install failed");
  rmSync(join(artifactsDir, "e2e"), { recursive: true, force: true });
  const startedAt = Date.now();
  let server;
  let browser;
  try {
    server = await startServer({ devMode: true });
    browser = await launchBrowser();
    const page = browser.pages()[0] ?? (await browser.newPage());
    await runSmoke(page, server, workspace, options.file, options.file === "lenet5.cnn.json" ? options.total : undefined);
  } finally {
    await closeBrowser(browser);
    await stopServer(server);
  }
  console.log(`(e2e smoke took ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
}

main().then(
  () => process.exit(checks.summary("e2e")),
  (error) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(checks.summary("e2e", 1));
  },
);
