/* global window, document */ // (inside page.evaluate callbacks, which run in the browser)
// Builds the designer's dev page, serves it on 127.0.0.1, and drives Debian's chromium:
// screenshots in light / dark / high-contrast themes, an interaction walk-through (palette,
// keyboard, inspector, copy), CSP violation checks and layout timing of a 200-layer network.
//   node test/webview-dev/shoot.mjs              → test-artifacts/webview/*.png + report.json
//   node test/webview-dev/shoot.mjs --build-only → just the page, in test-artifacts/webview/dev
//   DEV_MINIFY=0 …                               → readable stack traces
import * as esbuild from "esbuild";
import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { copyFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { extname, join, resolve } from "node:path";

const repo = resolve(import.meta.dirname, "../..");
const artifacts = join(repo, "test-artifacts/webview");
const site = join(artifacts, "dev");
const nonce = "devpage0nonce";
/** The webview's CSP (S8) with 'self' for cspSource; no unsafe-inline, no unsafe-eval. */
const csp = `default-src 'none'; img-src 'self' data: blob:; style-src 'self'; font-src 'self'; script-src 'nonce-${nonce}'; connect-src 'self'; worker-src blob:`;

async function readTemplates() {
  const templates = {};
  for (const folder of ["media/templates", "test/webview-dev/specs"]) {
    for (const file of await readdir(join(repo, folder))) {
      if (file.endsWith(".cnn.json")) templates[file.replace(".cnn.json", "")] = await readFile(join(repo, folder, file), "utf8");
    }
  }
  return templates;
}

async function build() {
  await mkdir(site, { recursive: true });
  await esbuild.build({
    entryPoints: { designer: join(repo, "test/webview-dev/devEntry.mjs") },
    outdir: site,
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: process.env.DEV_MINIFY !== "0",
    loader: { ".ttf": "file" },
    define: { "process.env.NODE_ENV": '"production"', __DEV_TEMPLATES__: JSON.stringify(await readTemplates()) },
    logLevel: "warning",
  });
  await copyFile(join(repo, "node_modules/elkjs/lib/elk-worker.min.js"), join(site, "elk-worker.min.js"));
  const themes = await readFile(join(repo, "test/webview-dev/themes.css"), "utf8");
  await writeFile(join(site, "themes.css"), themes);
  await writeFile(join(site, "index.html"), `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="themes.css"><link rel="stylesheet" href="designer.css">
<title>CNN Designer dev page</title></head>
<body><div id="root"></div><script nonce="${nonce}" src="designer.js"></script></body></html>
`);
}

const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".ttf": "font/ttf" };

function serve() {
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    const file = join(site, path === "/" ? "index.html" : path);
    if (!file.startsWith(site)) return void response.writeHead(403).end();
    try {
      const body = await readFile(file);
      response.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((done) => server.listen(0, "127.0.0.1", () => done(server)));
}

const shots = [
  { name: "lenet5-light", query: "template=lenet5&theme=light&select=c3" },
  { name: "lenet5-dark", query: "template=lenet5&theme=dark&select=c3" },
  { name: "lenet5-dark-lr-hwc", query: "template=lenet5&theme=dark&direction=LR&order=HWC&select=s2" },
  { name: "broken-light", query: "template=broken&theme=light&select=c3" },
  { name: "broken-dark", query: "template=broken&theme=dark&select=s2" },
  { name: "broken-hc", query: "template=broken&theme=hc&select=merge" },
  { name: "unet-small-dark", query: "template=unet-small&theme=dark&select=skip2" },
  { name: "resnet18-light", query: "template=resnet18&theme=light&select=layer2.0.add" },
  { name: "generated-200-dark", query: "template=generated&layers=200&theme=dark" },
];

async function openPage(browser, base, query) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(`${base}/?${query}`);
  await page.waitForSelector(".react-flow__node", { timeout: 20000 }).catch(() => undefined);
  await page.waitForTimeout(600);
  return { page, errors };
}

async function check(results, name, condition, detail = "") {
  results.push({ name, ok: Boolean(condition), detail });
}

async function interactions(browser, base) {
  const results = [];
  const { page, errors } = await openPage(browser, base, "template=lenet5&theme=light");
  page.setDefaultTimeout(5000);
  try {
    await walkThrough(page, results);
  } catch (error) {
    await check(results, "walk-through finished", false, String(error).split("\n")[0]);
    await page.screenshot({ path: join(artifacts, "walk-through-failure.png") });
  }
  const violations = await page.evaluate(() => window.__dev.cspViolations);
  await check(results, "no CSP violations", violations.length === 0, JSON.stringify(violations));
  await check(results, "no page errors", errors.length === 0, errors.join(" | "));
  await page.close();
  return results;
}

async function walkThrough(page, results) {
  const text = () => page.evaluate(() => window.__dev.host.text);
  const selected = () => page.evaluate(() => [...document.querySelectorAll(".cnn-node.selected .cnn-node-id")].map((node) => node.textContent));
  await page.click('.react-flow__node[data-id="c1"]');
  await check(results, "click selects c1", (await selected()).join() === "c1");
  await page.getByRole("button", { name: "batchnorm2d", exact: true }).click();
  await page.waitForSelector('.react-flow__node[data-id="bn1"]', { timeout: 5000 }).catch(() => undefined);
  await page.waitForTimeout(300);
  await check(results, "palette inserts bn1 after c1", /"c1"[^\n]*\n\s*\{ "id": "bn1", "type": "batchnorm2d" \}/.test(await text()), (await text()).split("\n").slice(6, 9).join(" | "));
  await check(results, "new layer is selected", (await selected()).join() === "bn1", (await selected()).join());
  await page.keyboard.press("Delete");
  await page.waitForTimeout(500);
  await check(results, "Delete removes bn1", !(await text()).includes("bn1"));
  await page.click('.react-flow__node[data-id="c1"]');
  await page.keyboard.press("ArrowDown");
  await check(results, "ArrowDown walks to s2", (await selected()).join() === "s2", (await selected()).join());
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  const focused = await page.evaluate(() => document.activeElement?.id);
  await check(results, "Enter focuses the inspector's first field", focused === "cnn-field-id", focused);
  await page.fill("#cnn-field-kernel", "3");
  await page.keyboard.press("Enter");
  await page.waitForTimeout(400);
  await check(results, "kernel edit commits on Enter", /"id": "c3", "type": "conv2d", "filters": 16, "kernel": 3/.test(await text()));
  const shape = await page.evaluate(() => document.querySelector('.react-flow__node[data-id="c3"] .cnn-node-shape')?.textContent);
  await check(results, "shape follows the edit (14−3+1 = 12)", shape === "16×12×12", shape);
  await page.fill("#cnn-field-filters", "0");
  const invalid = await page.evaluate(() => document.querySelector(".cnn-field-error")?.textContent);
  await check(results, "validation while typing", invalid === "at least 1", invalid);
  await page.keyboard.press("Escape");
  await page.focus(".cnn-canvas");
  await page.keyboard.press("Control+d");
  await page.waitForTimeout(400);
  await check(results, "Ctrl+D duplicates c3", /"id": "conv1", "type": "conv2d", "filters": 16, "kernel": 3/.test(await text()));
  await page.click('.cnn-button:has-text("Markdown")');
  const copied = await page.evaluate(() => window.__dev.host.copied.at(-1) ?? "");
  await check(results, "copy as Markdown", copied.includes("| Layer | Operation | Output shape |"), copied.split("\n")[0]);
  await page.click('.cnn-table tbody tr:has-text("f5")');
  await page.waitForTimeout(200);
  await check(results, "table row click selects f5", (await selected()).join() === "f5", (await selected()).join());
  await page.screenshot({ path: join(artifacts, "lenet5-after-edits-light.png") });
  await dragChecks(page, results, text);
}

/** Palette drag onto the edge s2 → c3, and a handle-to-handle connection c1 → s4. */
async function dragChecks(page, results, text) {
  await page.getByRole("button", { name: "Fit View" }).click();
  await page.waitForTimeout(400);
  const box = async (id) => page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox();
  const canvas = await page.locator(".cnn-canvas").boundingBox();
  const s2 = await box("s2");
  const c3 = await box("c3");
  const between = { x: s2.x + s2.width / 2 - canvas.x, y: (s2.y + s2.height + c3.y) / 2 - canvas.y };
  await page.dragAndDrop('.cnn-palette-item >> text="dropout"', ".cnn-canvas", { targetPosition: between });
  await page.waitForTimeout(400);
  await check(results, "palette drop on the edge s2→c3 inserts there", /"id": "s2"[^\n]*\n\s*\{ "id": "drop1", "type": "dropout" \},\n\s*\{ "id": "c3"/.test(await text()));
  await page.dragAndDrop('.react-flow__node[data-id="c1"] .react-flow__handle.source', '.react-flow__node[data-id="s4"] .react-flow__handle.target');
  await page.waitForTimeout(400);
  await page.evaluate(() => window.__dev.setSettings({ layoutDirection: "LR" }));
  await page.waitForTimeout(1200);
  const selected = await box("drop1");
  const next = await box("c3");
  const inView = selected.x >= canvas.x && selected.x + selected.width <= canvas.x + canvas.width &&
    selected.y >= canvas.y && selected.y + selected.height <= canvas.y + canvas.height;
  await check(results, "switching to left-right re-lays out around the selection", inView && next.x > selected.x + selected.width && Math.abs(next.y - selected.y) < 1, JSON.stringify({ selected, next }));
  await page.screenshot({ path: join(artifacts, "lenet5-switched-lr-light.png") });
  await check(results, "dragging c1's output onto s4's input connects them", /"id": "s4"[^\n]*"inputs": \["c1"\]/.test(await text()), (await text()).split("\n").find((line) => line.includes('"s4"')));
}

/** A quick-fix button on the broken template gives c3 (and what follows) a shape again. */
async function quickFix(browser, base) {
  const results = [];
  const { page, errors } = await openPage(browser, base, "template=broken&theme=dark&select=c3");
  page.setDefaultTimeout(5000);
  try {
    await page.getByRole("button", { name: "Set padding to 1" }).click();
    await page.waitForTimeout(400);
    const shape = await page.evaluate(() => document.querySelector('.react-flow__node[data-id="c3"] .cnn-node-shape')?.textContent);
    await check(results, "quick fix gives c3 a shape", shape === "16×1×1", shape);
    const merged = await page.evaluate(() => document.querySelector('.react-flow__node[data-id="merge"] .cnn-node-noshape')?.textContent);
    await check(results, "downstream explains why it still has no shape", typeof merged === "string" && merged.startsWith("no shape: merge: add needs inputs of the same shape"), merged);
    await page.screenshot({ path: join(artifacts, "broken-after-fix-dark.png") });
  } catch (error) {
    await check(results, "quick fix finished", false, String(error).split("\n")[0]);
  }
  await check(results, "no page errors (quick fix)", errors.length === 0, errors.join(" | "));
  await page.close();
  return results;
}

async function measure(browser, base) {
  const { page } = await openPage(browser, base, "template=none");
  const timing = await page.evaluate(() => window.__dev.measureLayout(200, 4));
  const violations = await page.evaluate(() => window.__dev.cspViolations);
  await page.close();
  return { ...timing, cspViolations: violations.length };
}

await build();
if (process.argv.includes("--build-only")) process.exit(0);
const server = await serve();
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const report = { csp, shots: [], interactions: [], layout: null };
try {
  for (const shot of shots) {
    const { page, errors } = await openPage(browser, base, shot.query);
    await page.screenshot({ path: join(artifacts, `${shot.name}.png`) });
    const violations = await page.evaluate(() => window.__dev.cspViolations);
    report.shots.push({ name: shot.name, errors, cspViolations: violations });
    await page.close();
  }
  report.interactions = [...(await interactions(browser, base)), ...(await quickFix(browser, base))];
  report.layout = await measure(browser, base);
} finally {
  await browser.close();
  server.close();
}
await writeFile(join(artifacts, "report.json"), JSON.stringify(report, null, 2) + "\n");
for (const shot of report.shots) console.log(`shot ${shot.name}: ${shot.errors.length} errors, ${shot.cspViolations.length} CSP violations`, shot.errors.slice(0, 2).join(" | "));
for (const result of report.interactions) console.log(`${result.ok ? "ok  " : "FAIL"} ${result.name}${result.detail ? `  (${result.detail})` : ""}`);
console.log("layout", JSON.stringify(report.layout));
const allPassed = report.interactions.every((result) => result.ok) &&
  report.shots.every((shot) => shot.errors.length === 0 && shot.cspViolations.length === 0);
process.exitCode = allPassed ? 0 : 1;
