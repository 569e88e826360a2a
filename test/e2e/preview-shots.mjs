// Feature-map previews in a real VS Code (code-server in extension-development mode, headless
// chromium): opens edge-detection.cnn.json and resnet18.cnn.json from media/templates, selects
// a layer, opens the preview, toggles the flip, and saves screenshots into
// test-artifacts/preview/ (the workbench, and the preview panel alone).
//
//   node esbuild.mjs && node test/e2e/preview-shots.mjs
//
// Ends with `N passed, N failed`; exits non-zero on a failure. Stops the server it starts.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import {
  artifactsDir, closeBrowser, launchBrowser, openWorkbench, quickOpen, repoRoot, runCommand, screenshot, startServer, stopServer, webviewFrame,
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
  await sleep(400); // let the canvases paint
  console.log(`  screenshot: ${await screenshot(page, `preview/${name}`)}`);
  const path = join(outDir, `${name}-panel.png`);
  await frame.locator(".cnn-preview").screenshot({ path });
  console.log(`  screenshot: ${path}`);
}

/** Opens a template in the designer and returns its webview frame. */
async function openTemplate(page, fileName, index) {
  await quickOpen(page, fileName);
  await page.locator(".tabs-container .tab.active", { hasText: fileName }).waitFor({ timeout: 20_000 });
  const frame = webviewFrame(page, index);
  await frame.locator("table.layers").waitFor({ timeout: 30_000 });
  return frame;
}

/** Selects a layer in the table, opens the preview section, waits for the maps. */
async function previewLayer(frame, layerId) {
  await frame.locator(`tr[data-layer-id="${layerId}"]`).click();
  const section = frame.locator("details.preview-section");
  if (!(await section.evaluate((element) => element.open))) await section.locator("summary").click();
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

async function run(page, server) {
  const workspace = join(repoRoot, "media/templates");
  await openWorkbench(page.context(), server, { folder: workspace, devPath: repoRoot, page });

  const edges = await openTemplate(page, "edge-detection.cnn.json", 0);
  await check("edge detection: Sobel maps on the camera photo", async () => {
    await previewLayer(edges, "sobel");
    await shoot(page, edges, "edge-sobel");
    return captions(edges);
  });
  await check("edge detection: flip sobel to true convolution", async () => {
    await toggleFlip(edges);
    await edges.locator(".cnn-preview-note", { hasText: "signs invert" }).waitFor({ timeout: 5_000 });
    await shoot(page, edges, "edge-sobel-flipped");
    return (await edges.locator(".cnn-preview-compare").innerText()).replace(/\s+/g, " ");
  });

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
  await check("ResNet-18: conv1's 7×7 kernels and all 64 channels", async () => {
    await resnet.locator("label", { hasText: "Show all channels" }).locator("input").check();
    await previewLayer(resnet, "conv1");
    await resnet.locator(".cnn-preview-grid canvas").nth(63).waitFor({ timeout: 30_000 });
    await shoot(page, resnet, "resnet-conv1-all");
    return `${await resnet.locator(".cnn-preview-grid canvas").count()} maps`;
  });
}

async function main() {
  if (!existsSync(join(repoRoot, "dist/webview.js"))) throw new Error("dist/ is missing: build first (node esbuild.mjs)");
  if (spawnSync("bash", [join(repoRoot, "test/harness/install.sh")], { stdio: "inherit" }).status !== 0) throw new Error("harness install failed");
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  let server;
  let browser;
  try {
    server = await startServer({ devMode: true });
    browser = await launchBrowser({ width: 1500, height: 1000 });
    const page = browser.pages()[0] ?? (await browser.newPage());
    await run(page, server);
  } finally {
    await closeBrowser(browser);
    await stopServer(server);
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
