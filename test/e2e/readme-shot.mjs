// The README screenshot: the designer on a template in a real VS Code (dark theme, side bar
// closed, one layer selected), saved as media/readme/designer.png.
//
//   node esbuild.mjs && node test/e2e/readme-shot.mjs [--file resnet18.cnn.json] [--select layer1.0.conv1]
//     [--theme "Default Dark Modern"] [--out media/readme/designer.png]
//
// Ends with `readme shot: N passed, N failed` (the picture exists and is < 400 KB).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { closeBrowser, launchBrowser, openWorkbench, repoRoot, runCommand, settle, startServer, stopServer } from "../harness/harness.mjs";
import { createChecklist, openDesigner, selectLayer } from "./designer.mjs";

const { values: options } = parseArgs({
  options: {
    file: { type: "string", default: "resnet18.cnn.json" },
    select: { type: "string", default: "layer1.0.conv1" },
    theme: { type: "string", default: "Default Dark Modern" },
    out: { type: "string", default: "media/readme/designer.png" },
  },
});
const checks = createChecklist();
const maxBytes = 400 * 1024;

/** Adds the colour theme to the throwaway user settings the harness wrote (read when the page loads). */
function setTheme(server, theme) {
  const path = join(server.dirs.userData, "User", "settings.json");
  const settings = JSON.parse(readFileSync(path, "utf8"));
  writeFileSync(path, JSON.stringify({ ...settings, "workbench.colorTheme": theme }, null, 2));
}

async function run(page, server, out) {
  await openWorkbench(page.context(), server, { folder: join(repoRoot, "media/templates"), devPath: repoRoot, page });
  await runCommand(page, "View: Close Primary Side Bar");
  await checks.run(`${options.file} in the designer, ${options.select} selected`, async () => {
    const frame = await openDesigner(page, options.file);
    await selectLayer(frame, options.select);
    await frame.locator(".cnn-inspector .cnn-arithmetic").waitFor({ timeout: 10_000 });
    await settle(page);
    return `${await frame.locator(".react-flow__node").count()} nodes rendered`;
  });
  await checks.run(`saved ${out} (< 400 KB)`, async () => {
    mkdirSync(dirname(out), { recursive: true });
    await page.screenshot({ path: out });
    const bytes = statSync(out).size;
    if (bytes >= maxBytes) throw new Error(`${bytes} bytes`);
    return `${Math.round(bytes / 1024)} KB`;
  });
}

async function main() {
  if (!existsSync(join(repoRoot, "dist/webview.js"))) throw new Error("dist/ is missing: build first (node esbuild.mjs)");
  if (spawnSync("bash", [join(repoRoot, "test/harness/install.sh")], { stdio: "inherit" }).status !== 0) throw new Error("harness install failed");
  let server;
  let browser;
  try {
    server = await startServer({ devMode: true });
    setTheme(server, options.theme);
    browser = await launchBrowser({ width: 1400, height: 820 });
    const page = browser.pages()[0] ?? (await browser.newPage());
    await run(page, server, resolve(repoRoot, options.out));
  } finally {
    await closeBrowser(browser);
    await stopServer(server);
  }
}

main().then(
  () => process.exit(checks.summary("readme shot")),
  (error) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(checks.summary("readme shot", 1));
  },
);
