// The frame of the scenario scripts (scenarios.mjs, large-files.mjs): which extension to load
// (the .vsix from `--packaged` / `--vsix FILE`, else dist/ as a development extension), the
// harness install, a code-server + Chromium session on a workspace, clean-up, and the exit code
// from the checklist's closing line.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { closeBrowser, launchBrowser, openWorkbench, repoRoot, startServer, stopServer } from "../harness/harness.mjs";
import { packageVsix } from "./workbench.mjs";

/** The .vsix to install (built now with `packaged`), or undefined for dist/; checks the harness and the build. */
export function prepareExtension({ packaged, vsix: vsixOption }, shotPrefix) {
  const vsix = packaged ? packageVsix() : vsixOption ? resolve(vsixOption) : undefined;
  if (vsix && !existsSync(vsix)) throw new Error(`${vsix} does not exist (npm run package writes it)`);
  console.log(vsix ? `  extension: installed from ${vsix}` : "  extension: dist/ as a development extension (not a .vsix)");
  if (!vsix && !existsSync(join(repoRoot, "dist/webview.js"))) throw new Error("dist/ is missing: build first (node esbuild.mjs)");
  if (spawnSync("bash", [join(repoRoot, "test/harness/install.sh")], { stdio: "inherit" }).status !== 0) throw new Error("harness install failed");
  const shotsDir = join(repoRoot, "test-artifacts/e2e");
  if (existsSync(shotsDir)) {
    for (const name of readdirSync(shotsDir).filter((file) => file.startsWith(shotPrefix))) rmSync(join(shotsDir, name));
  }
  return vsix;
}

/** Runs `body(page, server)` in a workbench opened on `workspace`; always stops the server and removes the workspace. */
export async function inWorkbench({ vsix, workspace, what, workspaceTrust = false }, body) {
  const startedAt = Date.now();
  let server;
  let browser;
  try {
    server = await startServer({ devMode: !vsix, extensions: vsix ? [vsix] : [], workspaceTrust });
    browser = await launchBrowser({ width: 1400, height: 900 });
    const page = browser.pages()[0] ?? (await browser.newPage());
    await openWorkbench(browser, server, { folder: workspace, devPath: vsix ? undefined : repoRoot, page });
    await body(page, server);
  } finally {
    await closeBrowser(browser);
    await stopServer(server);
    rmSync(workspace, { recursive: true, force: true });
  }
  console.log(`(${what} took ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
}

/** Exits with the checklist's summary (printing `name: N passed, N failed`); an uncaught error counts as a failure. */
export function exitWithSummary(promise, checks, name) {
  promise.then(
    () => process.exit(checks.summary(name)),
    (error) => {
      console.error(error instanceof Error ? error.stack : error);
      process.exit(checks.summary(name, 1));
    },
  );
}
