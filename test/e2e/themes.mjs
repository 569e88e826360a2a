// The designer in all four theme kinds, checked for readable text: light, dark, high contrast
// dark and high contrast light, switched in one code-server with "Preferences: Color Theme", as
// a user does. Per theme, on LeNet-5 with c3 at stride 2 (a warning, its fixes and
// the inspector's arithmetic on screen): c3 selected, then nothing selected (the overview and its
// problem list); every visible text of the webview must reach WCAG's 4.5:1 (3:1 large text)
// against what it is drawn on (contrast.mjs). Screenshots at 1600×1000 and 1000×700 in
// test-artifacts/e2e-themes/. Time budget: 90 s (one server start, four theme switches).
//
//   node esbuild.mjs && node test/e2e/themes.mjs
//
// Ends with `themes: N passed, N failed`; exits non-zero on a failure.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  artifactsDir, closeBrowser, focusedQuickInput, launchBrowser, openWorkbench, repoRoot, runCommand, screenshot, settle, startServer,
  stopServer, webviewFrame,
} from "../harness/harness.mjs";
import { lowContrastTexts } from "./contrast.mjs";
import { createChecklist, graphNode, openDesigner, openDrawer, selectLayer, setTheme, waitUntil } from "./designer.mjs";
import { drawnNodes, runFoldingChecks } from "./foldingSteps.mjs";

const themes = [
  // name: the setting's value; label: what the Color Theme picker shows.
  { name: "Default Light Modern", label: "Light Modern", workbench: "vs", webview: "vscode-light", slug: "light" },
  { name: "Default Dark Modern", label: "Dark Modern", workbench: "vs-dark", webview: "vscode-dark", slug: "dark" },
  { name: "Default High Contrast", label: "Dark High Contrast", workbench: "hc-black", webview: "vscode-high-contrast", slug: "hc-dark" },
  { name: "Default High Contrast Light", label: "Light High Contrast", workbench: "hc-light", webview: "vscode-high-contrast-light", slug: "hc-light" },
];
const fileName = "contrast-lenet.cnn.json";
const checks = createChecklist();

function describeFailures(failures) {
  return failures.slice(0, 6).map((failure) => `"${failure.text}" ${failure.where} ${failure.ratio}:1 (${failure.color} on ${failure.background})`).join("; ");
}

async function readable(frame, label) {
  const failures = await lowContrastTexts(frame);
  if (failures.length > 0) throw new Error(`${failures.length} text(s) below contrast in ${label}: ${describeFailures(failures)}`);
  return "every visible text ≥ 4.5:1 (3:1 large)";
}

async function switchTheme(page, frame, theme) {
  if (!(await page.locator(`.monaco-workbench.${theme.workbench}`).count())) {
    await runCommand(page, "Preferences: Color Theme");
    const input = await focusedQuickInput(page);
    await input.fill(theme.label);
    const exact = page.locator(".label-name", { hasText: new RegExp(`^${theme.label}$`) });
    await page.locator(".quick-input-widget .quick-input-list .monaco-list-row").filter({ has: exact }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press("Enter");
  }
  await page.locator(`.monaco-workbench.${theme.workbench}`).waitFor({ timeout: 20_000 });
  if (frame) await frame.locator(`body.${theme.webview}`).waitFor({ timeout: 20_000 });
}

async function runTheme(page, frame, theme) {
  await checks.run(`[${theme.slug}] c3 selected: inspector, warning, fixes and table readable`, async () => {
    await switchTheme(page, frame, theme);
    await selectLayer(frame, "c3", "node");
    await frame.locator(".cnn-inspector .cnn-fix").first().waitFor({ timeout: 15_000 });
    await page.mouse.move(1, 500);
    await settle(page);
    await screenshot(page, `e2e-themes/${theme.slug}-1600x1000-c3`);
    const result = await readable(frame, "the designer with c3 selected");
    await page.setViewportSize({ width: 1000, height: 700 });
    await settle(page);
    await screenshot(page, `e2e-themes/${theme.slug}-1000x700-c3`);
    const small = await readable(frame, "the designer at 1000×700");
    // The palette folds to category icons at this width; each menu names its types in full.
    await frame.locator(".cnn-palette.cnn-palette-collapsed").waitFor({ timeout: 10_000 });
    const cut = [];
    for (const group of ["Convolution", "Pooling & resampling"]) {
      await frame.locator(`.cnn-palette-icon[aria-label="${group}"]`).click();
      const menu = frame.locator(`.cnn-palette-menu[aria-label="${group}"]`);
      await menu.waitFor({ timeout: 10_000 });
      if (group === "Pooling & resampling") await screenshot(page, `e2e-themes/${theme.slug}-1000x700-palette-menu`);
      cut.push(...await menu.locator(".cnn-palette-item").evaluateAll((items) => items.filter((item) => {
        const overflows = item.scrollWidth > item.clientWidth;
        const outside = item.getBoundingClientRect().right > item.closest(".cnn-palette-menu").getBoundingClientRect().right + 1;
        return overflows || outside;
      }).map((item) => item.textContent)));
      await page.keyboard.press("Escape");
      await menu.waitFor({ state: "detached", timeout: 10_000 });
    }
    if (cut.length > 0) throw new Error(`palette items cut at 1000×700: ${cut.join(", ")}`);
    await page.setViewportSize({ width: 1600, height: 1000 });
    return `${result}; at 1000×700: ${small === result ? "the same" : small}`;
  });
  await checks.run(`[${theme.slug}] nothing selected: overview and problems by layer readable`, async () => {
    await graphNode(frame, "c3").click();
    await page.keyboard.press("Escape");
    await frame.locator(".cnn-all-problems").waitFor({ timeout: 10_000 });
    await settle(page);
    await screenshot(page, `e2e-themes/${theme.slug}-1600x1000-overview`);
    return readable(frame, "the overview");
  });
}

async function main() {
  if (spawnSync("bash", [join(repoRoot, "test/harness/install.sh")], { stdio: "inherit" }).status !== 0) throw new Error("harness install failed");
  rmSync(join(artifactsDir, "e2e-themes"), { recursive: true, force: true });
  const workspace = mkdtempSync(join(tmpdir(), "cnn-themes-"));
  const lenet = readFileSync(join(repoRoot, "media/templates/lenet5.cnn.json"), "utf8");
  writeFileSync(join(workspace, fileName), lenet.replace(`{ "id": "c3", "type": "conv2d", "filters": 16, "kernel": 5,`, `{ "id": "c3", "type": "conv2d", "filters": 16, "kernel": 5, "stride": 2,`));
  cpSync(join(repoRoot, "media/templates/resnet18.cnn.json"), join(workspace, "resnet18.cnn.json"));
  cpSync(join(repoRoot, "media/templates/unet-small.cnn.json"), join(workspace, "unet-small.cnn.json"));
  const startedAt = Date.now();
  let server;
  let browser;
  try {
    server = await startServer({ devMode: true });
    setTheme(server, themes[0].name);
    browser = await launchBrowser({ width: 1600, height: 1000 });
    const page = browser.pages()[0] ?? (await browser.newPage());
    await openWorkbench(browser, server, { folder: workspace, devPath: repoRoot, page });
    await runCommand(page, "View: Close Primary Side Bar");
    const frame = await openDesigner(page, fileName);
    await waitUntil(() => frame.locator("table.cnn-table tbody tr[data-layer-id]").count(), (count) => count === 8, { what: "8 table rows" });
    for (const theme of themes) await runTheme(page, frame, theme);
    await checks.run("the preview drawer resizes from its divider by keyboard, and folds away", async () => {
      await openDrawer(frame);
      const divider = frame.locator(".preview-resizer [role=separator]");
      await divider.waitFor({ timeout: 10_000 });
      const drawerHeight = () => frame.locator("details#preview-drawer").evaluate((element) => Math.round(element.getBoundingClientRect().height));
      const before = await drawerHeight();
      await divider.focus();
      for (let step = 0; step < 4; step++) await page.keyboard.press("ArrowUp");
      const after = await waitUntil(drawerHeight, (height) => Math.abs(height - (before + 64)) <= 1, { what: `the drawer 64 px taller than ${before}` });
      await settle(page);
      await screenshot(page, "e2e-themes/preview-drawer-resized");
      await frame.locator("details#preview-drawer > summary").click();
      await divider.waitFor({ state: "detached", timeout: 10_000 });
      return `${before} → ${after} px with four ArrowUp presses; closed, the divider goes`;
    });
    await runFoldingChecks(page, checks);
    await checks.run("ResNet-18: every drawn node shows its whole id (ids up to 24 characters)", async () => {
      const resnet = await openDesigner(page, "resnet18.cnn.json", 0);
      await selectLayer(resnet, "layer2.0.downsample.0", "row"); // scrolls the canvas to it, at 100 %
      await resnet.locator(".cnn-node-id", { hasText: "layer2.0.downsample.0" }).first().waitFor({ timeout: 10_000 });
      await settle(page);
      const ids = await resnet.locator(".cnn-node-id").evaluateAll((spans) =>
        spans.map((span) => ({ id: span.getAttribute("aria-label"), shown: span.textContent, cut: span.scrollWidth > span.clientWidth })));
      const lost = ids.filter((entry) => entry.cut || entry.shown !== entry.id);
      await screenshot(page, "e2e-themes/resnet18-ids");
      if (lost.length > 0) throw new Error(`ids cut: ${lost.map((entry) => `${entry.id} → ${entry.shown}`).join(", ")}`);
      return `${ids.length} nodes drawn, none cut (longest ${Math.max(...ids.map((entry) => entry.id.length))} characters)`;
    });
    await checks.run("half-width split (two designers side by side): palette as icons, every text readable in each theme", async () => {
      await runCommand(page, "View: Move Editor into Right Group");
      const frames = [webviewFrame(page, 0), webviewFrame(page, 1)];
      await waitUntil(() => page.locator("iframe.webview.ready").evaluateAll((items) => items.filter((item) => item.getBoundingClientRect().width > 0).length), (count) => count === 2, { what: "two designers shown" });
      // LeNet was hidden while the window changed size: it comes back centred in its half, not off to a side.
      const insideCount = async () => (await drawnNodes(frames[0])).filter((node) => node.inside).length;
      const inView = await waitUntil(insideCount, (count) => count >= 3, { what: "three LeNet nodes inside the left designer's canvas" });
      const results = [];
      for (const theme of themes) {
        await switchTheme(page, null, theme);
        for (const shown of frames) await shown.locator(`body.${theme.webview} .cnn-palette.cnn-palette-collapsed`).waitFor({ timeout: 20_000 });
        await page.mouse.move(1, 500);
        await settle(page);
        await screenshot(page, `e2e-themes/${theme.slug}-split-1600x1000`);
        for (const [index, shown] of frames.entries()) await readable(shown, `the ${index === 0 ? "left" : "right"} designer of the split`);
        results.push(theme.slug);
      }
      return `${inView} LeNet nodes in view; both halves readable with the palette as icons in ${results.join(", ")}`;
    });
  } finally {
    await closeBrowser(browser);
    await stopServer(server);
    rmSync(workspace, { recursive: true, force: true });
  }
  console.log(`(themes took ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
}

main().then(
  () => process.exit(checks.summary("themes")),
  (error) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(checks.summary("themes", 1));
  },
);
