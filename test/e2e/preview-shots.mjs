// Feature-map previews in a real VS Code (code-server in extension-development mode, headless
// chromium): opens copies of edge-detection.cnn.json and resnet18.cnn.json in a throwaway
// workspace (with one photo of its own), selects a layer in the designer (its graph node or its
// shape-table row), opens the preview drawer, toggles the flip, writes it to the file, and saves
// screenshots into test-artifacts/preview/ (the workbench, and the preview panel alone).
//
//   node esbuild.mjs && node test/e2e/preview-shots.mjs
//
// Ends with `N passed, N failed`; exits non-zero on a failure. Stops the server it starts.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  artifactsDir, closeBrowser, focusWorkbench, launchBrowser, openWorkbench, quickOpen, repoRoot, runCommand, screenshot, settle,
  startServer, stopServer, webviewFrame,
} from "../harness/harness.mjs";

const outDir = join(artifactsDir, "preview");
const results = [];

async function check(name, body) {
  const startedAt = Date.now();
  try {
    const detail = await body();
    results.push({ name, ok: true });
    console.log(`  ✔ ${name}${detail ? `: ${detail}` : ""} (${Date.now() - startedAt} ms)`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`  ✗ ${name} (${Date.now() - startedAt} ms)\n      ${String(error instanceof Error ? error.message : error).split("\n")[0]}`);
  }
}

/** Both pictures: the workbench with the preview scrolled into view, and the panel alone. */
async function shoot(page, frame, name) {
  await settle(page);
  console.log(`  screenshot: ${await screenshot(page, `preview/${name}`)}`);
  const path = join(outDir, `${name}-panel.png`);
  await frame.locator(".cnn-preview").screenshot({ path });
  console.log(`  screenshot: ${path}`);
}

/** Opens a template in the designer and returns its webview frame once graph and table show. */
async function openTemplate(page, fileName, index) {
  await quickOpen(page, fileName);
  await page.locator(".tabs-container .tab.active", { hasText: fileName }).waitFor({ timeout: 20_000 });
  const frame = webviewFrame(page, index);
  await frame.locator(".react-flow__node").first().waitFor({ timeout: 30_000 });
  await frame.locator("table.cnn-table tbody tr[data-layer-id]").first().waitFor({ timeout: 30_000 });
  return frame;
}

/** Selects a layer by its shape-table row (via: "row") or its graph node (via: "node"). */
async function selectLayer(frame, layerId, via = "row") {
  const target = via === "node"
    ? frame.locator(`.react-flow__node[data-id="${layerId}"]`)
    : frame.locator(`table.cnn-table tr[data-layer-id="${layerId}"]`);
  await target.click();
  await frame.locator("table.cnn-table tr.selected", { has: frame.locator(`td.cnn-table-id:text-is("${layerId}")`) }).waitFor({ timeout: 10_000 });
  await frame.locator(".cnn-inspector-header h2", { hasText: layerId }).waitFor({ timeout: 10_000 });
}

/** Opens the preview drawer (details#preview-drawer) unless it is open. */
async function openDrawer(frame) {
  const drawer = frame.locator("details#preview-drawer");
  if (!(await drawer.evaluate((element) => element.open))) await drawer.locator("summary").click();
}

/** Selects a layer, opens the preview drawer, waits for the maps. */
async function previewLayer(frame, layerId, via = "row") {
  await selectLayer(frame, layerId, via);
  await openDrawer(frame);
  await waitForMaps(frame, layerId);
}

async function waitForMaps(frame, layerId) {
  await frame.locator(".cnn-preview-headline", { hasText: layerId }).waitFor({ timeout: 60_000 });
  await frame.locator(".cnn-preview-progress").waitFor({ state: "detached", timeout: 60_000 });
  await frame.locator(".cnn-preview-grid canvas").first().waitFor({ timeout: 10_000 });
  await frame.locator(".cnn-preview").scrollIntoViewIfNeeded();
}

async function captions(frame) {
  return (await frame.locator(".cnn-preview-caption").allInnerTexts()).slice(0, 3).join(" | ");
}

async function toggleFlip(frame) {
  await frame.locator(".cnn-preview-flip input[type=checkbox]").click();
  await frame.locator(".cnn-preview-compare").waitFor({ timeout: 60_000 });
  await frame.locator(".cnn-preview-progress").waitFor({ state: "detached", timeout: 60_000 });
}

/** A throwaway workspace: the two templates and a photo in a subfolder. */
function createWorkspace() {
  const workspace = mkdtempSync(join(tmpdir(), "cnn-preview-shots-"));
  for (const name of ["edge-detection", "resnet18"]) copyFileSync(join(repoRoot, "media/templates", `${name}.cnn.json`), join(workspace, `${name}.cnn.json`));
  mkdirSync(join(workspace, "photos"));
  copyFileSync(join(repoRoot, "media/samples/coffee.jpg"), join(workspace, "photos/my-coffee.jpg"));
  return workspace;
}

async function run(page, server, workspace) {
  await openWorkbench(page.context(), server, { folder: workspace, devPath: repoRoot, page });

  const edges = await openTemplate(page, "edge-detection.cnn.json", 0);
  await check("edge detection: Sobel maps on the camera photo", async () => {
    await previewLayer(edges, "sobel", "node");
    await shoot(page, edges, "edge-sobel");
    return captions(edges);
  });
  await check("edge detection: flip sobel to true convolution", async () => {
    await toggleFlip(edges);
    await edges.locator(".cnn-preview-note", { hasText: "signs invert" }).waitFor({ timeout: 5_000 });
    await shoot(page, edges, "edge-sobel-flipped");
    return (await edges.locator(".cnn-preview-compare").innerText()).replace(/\s+/g, " ");
  });

  await check("edge detection: write flipKernel: true to the file", async () => {
    await edges.locator("button", { hasText: "Write flipKernel: true to the file" }).click();
    await edges.locator(".cnn-preview-flip", { hasText: "as in the file: flipKernel: true" }).waitFor({ timeout: 10_000 });
    await edges.locator("button", { hasText: "Write flipKernel" }).waitFor({ state: "detached", timeout: 5_000 });
    await waitForMaps(edges, "sobel");
    await shoot(page, edges, "edge-sobel-written");
    return "the toggle now matches the file";
  });
  await check("edge detection: a workspace image on the Laplacian", async () => {
    await edges.locator(".cnn-preview-toolbar select").first().selectOption({ label: "my-coffee.jpg" });
    await previewLayer(edges, "laplacian");
    await edges.locator(".cnn-preview-input figcaption", { hasText: "my-coffee.jpg" }).waitFor({ timeout: 10_000 });
    await shoot(page, edges, "edge-laplacian-workspace-image");
    return captions(edges);
  });

  await focusWorkbench(page);
  await page.keyboard.press("Control+S"); // the throwaway copy, so closing asks nothing
  await page.locator(".tabs-container .tab.active.dirty").waitFor({ state: "detached", timeout: 10_000 });
  await runCommand(page, "View: Close All Editors");
  const resnet = await openTemplate(page, "resnet18.cnn.json", 0);
  await check("ResNet-18: layer1.0.conv1 maps on the astronaut photo", async () => {
    await previewLayer(resnet, "layer1.0.conv1");
    await shoot(page, resnet, "resnet-layer1.0.conv1");
    return captions(resnet);
  });
  await check("ResNet-18: flip layer1.0.conv1", async () => {
    await toggleFlip(resnet);
    await shoot(page, resnet, "resnet-layer1.0.conv1-flipped");
    return (await resnet.locator(".cnn-preview-compare").innerText()).replace(/\s+/g, " ");
  });
  await check("ResNet-18: progress while layer4.1.conv2 runs", async () => {
    await selectLayer(resnet, "layer4.1.conv2");
    const progress = resnet.locator(".cnn-preview-progress", { hasText: /layer \d+\/\d+/ });
    await progress.waitFor({ timeout: 20_000 });
    const text = await progress.innerText();
    await resnet.locator(".cnn-preview-status").scrollIntoViewIfNeeded();
    console.log(`  screenshot: ${await screenshot(page, "preview/resnet-progress")}`);
    await waitForMaps(resnet, "layer4.1.conv2");
    return text.trim();
  });
  await check("ResNet-18: conv1's 7×7 kernels and all 64 channels", async () => {
    await resnet.locator("label", { hasText: "Show all channels" }).locator("input").check();
    await previewLayer(resnet, "conv1");
    await resnet.locator(".cnn-preview-grid canvas").nth(63).waitFor({ timeout: 30_000 });
    await shoot(page, resnet, "resnet-conv1-all");
    return `${await resnet.locator(".cnn-preview-grid canvas").count()} maps`;
  });
  await check("a dark theme: the panel follows the theme's colours", async () => {
    await runCommand(page, "Preferences: Toggle between Light/Dark Themes");
    await page.locator(".monaco-workbench.vs-dark").waitFor({ timeout: 15_000 });
    await resnet.locator("label", { hasText: "Show all channels" }).locator("input").uncheck();
    await previewLayer(resnet, "layer1.0.relu");
    await shoot(page, resnet, "resnet-layer1.0.relu-dark");
    return captions(resnet);
  });
}

async function main() {
  if (!existsSync(join(repoRoot, "dist/webview.js"))) throw new Error("dist/ is missing: build first (node esbuild.mjs)");
  if (spawnSync("bash", [join(repoRoot, "test/harness/install.sh")], { stdio: "inherit" }).status !== 0) throw new Error("harness install failed");
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const workspace = createWorkspace();
  let server;
  let browser;
  try {
    server = await startServer({ devMode: true });
    browser = await launchBrowser({ width: 1500, height: 1250 });
    const page = browser.pages()[0] ?? (await browser.newPage());
    await run(page, server, workspace);
  } finally {
    await closeBrowser(browser);
    await stopServer(server);
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().then(
  () => {
    const failed = results.filter((result) => !result.ok).length;
    console.log(`preview shots: ${results.length - failed} passed, ${failed} failed`);
    process.exit(failed === 0 && results.length > 0 ? 0 : 1);
  },
  (error) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
