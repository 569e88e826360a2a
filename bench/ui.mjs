// Benchmark section `ui`: the designer in the real VS Code (code-server + Chromium through
// Playwright, dist/ as a development extension), one server for both parts:
//   latency (uiLatency.mjs)  input event → the frame that shows the result, median and p90
//   frames (uiFrames.mjs)    frame intervals while panning and zooming large designs
// `--only latency` or `--only frames` runs one part. Needs `npm run build` first.
// Time budget: 7 minutes.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../test/harness/harness.mjs";
import { inWorkbench } from "../test/e2e/session.mjs";
import { frameDesigns, measureFrames } from "./uiFrames.mjs";
import { measureLatency, writeLatencyDesigns } from "./uiLatency.mjs";

export async function benchUi({ only } = {}) {
  if (!existsSync(join(repoRoot, "dist/webview.js"))) throw new Error("dist/ is missing: build first (npm run build)");
  if (spawnSync("bash", [join(repoRoot, "test/harness/install.sh")], { stdio: "inherit" }).status !== 0) throw new Error("harness install failed");
  const workspace = mkdtempSync(join(tmpdir(), "cnn-bench-ui-"));
  for (const design of frameDesigns) design.write(workspace);
  writeLatencyDesigns(workspace);
  await inWorkbench({ workspace, what: "ui bench" }, async (page, server) => {
    if (!only || "latency".includes(only)) await measureLatency(page, server);
    if (!only || "frames".includes(only)) await measureFrames(page);
  });
}
