// The README's animated GIF, recorded in a real VS Code (code-server, headless chromium, light theme,
// 1280×920) with the packaged .vsix installed: a copy of the tutorial template in a throwaway
// workspace, and a short story, one screenshot per step:
//   1. the designer on the network, conv2 selected;
//   2. its stride typed into the inspector (2 on a 14×14 input with kernel 5 leaves a row unread);
//   3. Enter: the warning badges (conv2, and pool2 below it), the message under the field;
//   4. the Problems panel lists the warnings; the inspector's problem with its fix buttons;
//   5. the preferred fix ("Set padding to 1") applied: no warning left (an info note remains);
//   6. the preview drawer: conv1's feature maps on a photo.
// Each step waits on what it shows (the badge, the problem text, the Problems rows, the maps drawn),
// never on time; how long a frame shows is the GIF's per-frame delay. The screenshots go to
// test-artifacts/readme-gif/NN-name.png, each next to NN-name.gif-frame.png (the frame as the GIF
// shows it: scaled to --gif-width, one global 256-colour palette from gifenc); look at them before
// committing media/readme/designer.gif. A manual tool, not a test tier:
//
//   npm run readme:gif      (packages the .vsix first; --dev loads dist/ as a development
//                            extension instead, which the title bar then shows)
//   node test/e2e/readme-gif.mjs [--dev] [--file tutorial.cnn.json] [--layer conv2] [--stride 2]
//     [--preview conv1] [--theme "Default Light Modern"] [--out media/readme/designer.gif] [--gif-width 960]
//
// Ends with `readme gif: N passed, N failed` (every step shown, the GIF exists and is < 2.5 MB).
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { decode, encode } from "fast-png";
import gifenc from "gifenc"; // CommonJS
import {
  artifactsDir, closeBrowser, launchBrowser, openWorkbench, repoRoot, runCommand, settle, startServer, stopServer,
} from "../harness/harness.mjs";
import { prepareExtension } from "./session.mjs";
import { createChecklist, graphNode, openDesigner, openDrawer, readTable, selectLayer, setTheme, waitForMaps, waitUntil } from "./designer.mjs";

const { values: options } = parseArgs({
  options: {
    file: { type: "string", default: "tutorial.cnn.json" },
    layer: { type: "string", default: "conv2" },
    stride: { type: "string", default: "2" },
    preview: { type: "string", default: "conv1" },
    theme: { type: "string", default: "Default Light Modern" },
    out: { type: "string", default: "media/readme/designer.gif" },
    "gif-width": { type: "string", default: "960" },
    dev: { type: "boolean", default: false },
  },
});
// 920 px high: the preview drawer (at most 55 % of the webview) then holds the headline, both rows of
// conv1's maps and the colour scale.
const viewport = { width: 1280, height: 920 };
const maxBytes = 2.5 * 1024 * 1024;
const framesDir = join(artifactsDir, "readme-gif");
const { GIFEncoder, applyPalette, quantize } = gifenc;
const checks = createChecklist({
  onFailure: async (name) => {
    if (currentPage) await currentPage.screenshot({ path: join(framesDir, `failed-${name.split(".")[0]}.png`) });
  },
});
let currentPage;
/** The recorded frames: { name, png (Buffer), delay (ms) }. */
const frames = [];

/** Moves the pointer to the status bar's empty middle, so no hover style or tooltip shows. */
async function parkPointer(page) {
  await page.mouse.move(viewport.width / 2, viewport.height - 4);
}

/** Records the page as the next frame (and writes it to test-artifacts/readme-gif/NN-name.png). */
async function frame(page, name, delay) {
  await settle(page);
  const png = await page.screenshot({ type: "png" });
  const path = join(framesDir, `${String(frames.length + 1).padStart(2, "0")}-${name}.png`);
  writeFileSync(path, png);
  frames.push({ name, png, delay });
  return path;
}

/** The Problems panel's rows once it shows and they satisfy `accept([{ severity, text }])`. */
async function waitForProblemsPanel(page, accept, what) {
  await page.locator(".markers-panel").waitFor({ timeout: 15_000 });
  return waitUntil(
    () => page.locator(".markers-panel .monaco-list-row").evaluateAll((rows) => rows.map((row) => {
      const icon = row.querySelector(".marker-icon")?.className ?? "";
      const severity = /error/.test(icon) ? "error" : /warning/.test(icon) ? "warning" : /info/.test(icon) ? "info" : "file";
      return { severity, text: row.textContent.replace(/\s+/g, " ").trim() };
    })),
    (rows) => Array.isArray(rows) && accept(rows),
    { what },
  );
}

/** Drags the panel's top edge down to `height` pixels (as a user would), so the designer keeps its room. */
async function resizePanel(page, height) {
  const panel = page.locator(".part.panel.bottom");
  const box = await panel.boundingBox();
  if (!box || box.height <= height) return;
  // The sash between the editor and the panel: the horizontal sash nearest the panel's top edge.
  const sashes = await page.locator(".monaco-sash.horizontal:not(.disabled)").evaluateAll((elements) => elements.map((element) => {
    const rect = element.getBoundingClientRect();
    return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2, width: rect.width };
  }));
  const sash = sashes.filter((candidate) => candidate.width > 100).sort((a, b) => Math.abs(a.y - box.y) - Math.abs(b.y - box.y))[0];
  if (!sash || Math.abs(sash.y - box.y) > 8) throw new Error(`no sash at the panel's top (y ${box.y}): ${JSON.stringify(sashes)}`);
  await page.mouse.move(sash.x, sash.y);
  await page.mouse.down();
  await page.mouse.move(sash.x, sash.y + box.height - height, { steps: 6 });
  await page.mouse.up();
  await waitUntil(() => panel.boundingBox().then((now) => now?.height ?? 0), (now) => Math.abs(now - height) < 12, { what: `the panel ${height} px high`, timeoutMs: 5_000 });
}

/** A copy of the template in a throwaway folder: the repository's file is never touched. */
function createWorkspace() {
  const workspace = join(mkdtempSync(join(tmpdir(), "cnn-readme-gif-")), "my-network");
  mkdirSync(workspace);
  copyFileSync(join(repoRoot, "media/templates", options.file), join(workspace, options.file));
  return workspace;
}

async function run(page, server, workspace, vsix) {
  const { layer, stride, preview } = options;
  await openWorkbench(page.context(), server, { folder: workspace, devPath: vsix ? undefined : repoRoot, page });
  await runCommand(page, "View: Close Primary Side Bar");
  let designer;
  let before;
  const warning = () => designer.locator(".cnn-inspector .cnn-problem.cnn-sev-warning", { hasText: "never read" });
  const badge = () => graphNode(designer, layer).locator(".cnn-node-badge.codicon-warning");

  const opened = await checks.run(`1. ${options.file} in the designer, ${layer} selected`, async () => {
    designer = await openDesigner(page, options.file);
    await selectLayer(designer, layer, "node");
    await designer.locator(".cnn-inspector .cnn-arithmetic").waitFor({ timeout: 10_000 });
    before = await readTable(designer);
    await parkPointer(page);
    return `${before.ids.length} layers, total ${before.total} → ${await frame(page, "designer", 2000)}`;
  });
  if (!opened) return;

  const typed = await checks.run(`2. ${layer}'s stride typed in the inspector: ${stride}`, async () => {
    const input = designer.locator(".cnn-inspector #cnn-field-stride");
    await input.click();
    await input.press("Control+A");
    await input.pressSequentially(stride);
    await waitUntil(() => input.inputValue(), (value) => value === stride, { what: `the field showing ${stride}` });
    await parkPointer(page);
    return await frame(page, "stride-typed", 1400);
  });
  if (!typed) return;

  const warned = await checks.run("3. Enter: the node's warning badge, the message under the field, the new shapes", async () => {
    const input = designer.locator(".cnn-inspector #cnn-field-stride");
    await input.press("Enter");
    await badge().waitFor({ timeout: 10_000 });
    await designer.locator(".cnn-inspector .cnn-field-problem.cnn-sev-warning").waitFor({ timeout: 10_000 });
    await warning().locator(".cnn-fixes button").first().waitFor({ state: "attached", timeout: 10_000 });
    const after = await waitUntil(() => readTable(designer), (table) => table.total && table.total !== before.total, { what: "a new parameter total" });
    await input.blur();
    await parkPointer(page);
    const shot = await frame(page, "warning", 3000);
    return `total ${before.total} → ${after.total}; "${(await warning().locator(".cnn-link").first().innerText()).trim()}" → ${shot}`;
  });
  if (!warned) return;

  let fix;
  const offered = await checks.run("4. the Problems panel lists it; the inspector offers the fix", async () => {
    await runCommand(page, "View: Focus Problems (Errors, Warnings, Infos)");
    const rows = await waitForProblemsPanel(page, (list) => list.some((row) => row.severity === "warning" && /never read/.test(row.text)), "the unread-input warning in Problems");
    await resizePanel(page, 120);
    const buttons = warning().locator(".cnn-fixes button");
    const titles = (await buttons.allInnerTexts()).map((title) => title.trim());
    const preferred = warning().locator(".cnn-fixes button.cnn-button:not(.secondary)");
    fix = (await preferred.count()) > 0 ? preferred.first() : buttons.first();
    await designer.locator(".cnn-inspector .cnn-problems").scrollIntoViewIfNeeded();
    await fix.hover(); // the fix about to be clicked, highlighted
    return `${rows.filter((row) => row.severity === "warning").length} warnings; fixes: ${titles.join(" | ")} → ${await frame(page, "fix-offered", 3000)}`;
  });
  if (!offered) return;

  const fixed = await checks.run("5. the fix applied: the warning badge and the warnings gone", async () => {
    const title = (await fix.innerText()).trim();
    await fix.click();
    await warning().waitFor({ state: "detached", timeout: 10_000 });
    await badge().waitFor({ state: "detached", timeout: 10_000 });
    const rows = await waitForProblemsPanel(page, (list) => !list.some((row) => row.severity === "warning" || row.severity === "error"), "no warning left in Problems");
    await designer.locator(".cnn-inspector .cnn-inspector-header").scrollIntoViewIfNeeded();
    await parkPointer(page);
    const left = rows.filter((row) => row.severity !== "file").map((row) => `${row.severity}: ${row.text.slice(0, 60)}…`);
    return `"${title}"; left: ${left.join(" | ") || "none"} → ${await frame(page, "fixed", 2600)}`;
  });
  if (!fixed) return;

  await checks.run(`6. the preview drawer: ${preview}'s feature maps`, async () => {
    await runCommand(page, "View: Hide Panel");
    await selectLayer(designer, preview, "row");
    await openDrawer(designer);
    await waitForMaps(designer, preview);
    // The drawer scrolls (only the drawer: scrollIntoView would scroll the page too). Its window is
    // centred on the part from the toolbar's bottom to the next section's top (the kernels), so the
    // headline, the maps and the colour scale show whole and nothing shows cut at the edges.
    const scrolled = await designer.locator(".cnn-preview-headline").evaluate((headline) => {
      const drawer = headline.closest("details#preview-drawer");
      const legend = drawer.querySelector(".cnn-preview-legend");
      const row = drawer.querySelector(".cnn-preview-row");
      const view = drawer.getBoundingClientRect();
      const above = drawer.querySelector(".cnn-preview-toolbar").getBoundingClientRect().bottom;
      const below = row.nextElementSibling ? row.nextElementSibling.getBoundingClientRect().top : row.getBoundingClientRect().bottom;
      drawer.scrollTop += (above + below - view.top - view.bottom) / 2;
      return {
        hidden: Math.max(
          0, Math.round(view.top - headline.getBoundingClientRect().top), Math.round(legend.getBoundingClientRect().bottom - view.bottom),
        ),
      };
    });
    if (scrolled.hidden > 0) throw new Error(`${scrolled.hidden} px of the headline or the colour scale are outside the drawer: make the viewport taller`);
    await parkPointer(page);
    const maps = await designer.locator(".cnn-preview-grid canvas").count();
    return `${maps} maps → ${await frame(page, "preview", 3600)}`;
  });
}

/** Area-averages an RGBA image down to `width` (the height keeps the aspect ratio). */
function scaleDown({ data, width, height, channels }, targetWidth) {
  const scale = width / targetWidth;
  const targetHeight = Math.round(height / scale);
  const out = new Uint8Array(targetWidth * targetHeight * 4);
  for (let y = 0; y < targetHeight; y++) {
    const y0 = y * scale;
    const y1 = Math.min(height, (y + 1) * scale);
    for (let x = 0; x < targetWidth; x++) {
      const x0 = x * scale;
      const x1 = Math.min(width, (x + 1) * scale);
      const sum = [0, 0, 0];
      let weight = 0;
      for (let sy = Math.floor(y0); sy < Math.ceil(y1); sy++) {
        const wy = Math.min(y1, sy + 1) - Math.max(y0, sy);
        for (let sx = Math.floor(x0); sx < Math.ceil(x1); sx++) {
          const w = wy * (Math.min(x1, sx + 1) - Math.max(x0, sx));
          const index = (sy * width + sx) * channels;
          sum[0] += data[index] * w;
          sum[1] += data[index + 1] * w;
          sum[2] += data[index + 2] * w;
          weight += w;
        }
      }
      const target = (y * targetWidth + x) * 4;
      out[target] = Math.round(sum[0] / weight);
      out[target + 1] = Math.round(sum[1] / weight);
      out[target + 2] = Math.round(sum[2] / weight);
      out[target + 3] = 255;
    }
  }
  return { data: out, width: targetWidth, height: targetHeight };
}

/** One global palette from all frames (the UI's colours stay the same from frame to frame), a looping GIF. */
function encodeGif(targetWidth) {
  const images = frames.map(({ png }) => scaleDown(decode(png), targetWidth));
  const all = new Uint8Array(images.reduce((sum, image) => sum + image.data.length, 0));
  let offset = 0;
  for (const image of images) {
    all.set(image.data, offset);
    offset += image.data.length;
  }
  const palette = quantize(all, 256);
  const gif = GIFEncoder();
  images.forEach((image, index) => {
    const indexed = applyPalette(image.data, palette);
    gif.writeFrame(indexed, image.width, image.height, {
      palette: index === 0 ? palette : undefined, delay: frames[index].delay, repeat: 0,
    });
    // The frame as the GIF shows it (scaled, 256 colours), to look at beside the screenshot.
    const shown = new Uint8Array(indexed.length * 3);
    indexed.forEach((colour, pixel) => shown.set(palette[colour], pixel * 3));
    writeFileSync(join(framesDir, `${String(index + 1).padStart(2, "0")}-${frames[index].name}.gif-frame.png`), encode({ width: image.width, height: image.height, data: shown, channels: 3 }));
  });
  gif.finish();
  return { bytes: gif.bytes(), width: images[0].width, height: images[0].height };
}

async function main() {
  const vsix = prepareExtension({ packaged: !options.dev }, "readme-gif-");
  rmSync(framesDir, { recursive: true, force: true });
  mkdirSync(framesDir, { recursive: true });
  const workspace = createWorkspace();
  let server;
  let browser;
  try {
    server = await startServer({ devMode: !vsix, extensions: vsix ? [vsix] : [] });
    setTheme(server, options.theme);
    browser = await launchBrowser(viewport);
    const page = browser.pages()[0] ?? (await browser.newPage());
    currentPage = page;
    await run(page, server, workspace, vsix);
  } finally {
    await closeBrowser(browser);
    await stopServer(server);
    rmSync(dirname(workspace), { recursive: true, force: true });
  }
  if (checks.results.some((result) => !result.ok)) return; // no GIF from an incomplete story
  const out = resolve(repoRoot, options.out);
  await checks.run(`encoded ${frames.length} frames into ${options.out} (< 2.5 MB)`, async () => {
    const { bytes, width, height } = encodeGif(Number(options["gif-width"]));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, bytes);
    const size = statSync(out).size;
    if (size >= maxBytes) throw new Error(`${size} bytes`);
    const seconds = frames.reduce((sum, { delay }) => sum + delay, 0) / 1000;
    return `${width}×${height}, ${Math.round(size / 1024)} KB, ${seconds.toFixed(1)} s per loop`;
  });
}

main().then(
  () => process.exit(checks.summary("readme gif")),
  (error) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(checks.summary("readme gif", 1));
  },
);
