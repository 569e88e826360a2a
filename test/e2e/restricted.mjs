// Restricted Mode in a real VS Code: workspace trust on, the folder not trusted. What
// package.json's `capabilities.untrustedWorkspaces` ("limited") promises: the designer analyses and
// draws, Problems work, and commands that write files (the exports) refuse with a message that
// says how to trust the folder, writing nothing.
//
//   node esbuild.mjs && node test/e2e/restricted.mjs
//
// Ends with `restricted: N passed, N failed`. Time budget: 2 min.
import { copyFileSync, existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot, runCommand, screenshot } from "../harness/harness.mjs";
import { createChecklist, openDesigner, readTable, waitUntil } from "./designer.mjs";
import { exitWithSummary, inWorkbench } from "./session.mjs";

const checks = createChecklist();
const lenetFile = "lenet5.cnn.json";

async function run(page, workspace) {
  await checks.run("the folder opens in Restricted Mode", async () => {
    const indicator = page.locator(".statusbar-item", { hasText: "Restricted Mode" }).first();
    await indicator.waitFor({ timeout: 30_000 });
    return (await indicator.innerText()).trim();
  });

  await checks.run("the designer draws LeNet-5 and its shape table (61,706 parameters)", async () => {
    const frame = await openDesigner(page, lenetFile);
    const table = await waitUntil(() => readTable(frame), (value) => value.total === "61,706" && value.ids.length === 8, { what: "the LeNet-5 table" });
    await screenshot(page, "e2e/restricted-designer");
    return `${table.ids.length} rows, total ${table.total}`;
  });

  await checks.run("Export as PyTorch refuses with how to trust the folder, and writes nothing", async () => {
    const before = readdirSync(workspace).sort().join(",");
    await runCommand(page, "CNN Designer: Export as PyTorch…");
    await runCommand(page, "Notifications: Show Notifications");
    const message = page.locator(".notifications-center .notification-list-item", { hasText: "trusted workspace" }).first();
    await message.waitFor({ timeout: 15_000 });
    const text = (await message.innerText()).replace(/\s+/g, " ").trim();
    if (!/Manage Workspace Trust/.test(text)) throw new Error(`the message does not say how to trust the folder: ${text}`);
    await screenshot(page, "e2e/restricted-export-refused");
    const after = readdirSync(workspace).sort().join(",");
    if (after !== before || existsSync(join(workspace, "lenet5.py"))) throw new Error(`files changed: ${before} → ${after}`);
    return text.slice(0, 120);
  });
}

async function main() {
  if (!existsSync(join(repoRoot, "dist/extension.js"))) throw new Error("dist/ is missing: build first (node esbuild.mjs)");
  const workspace = mkdtempSync(join(tmpdir(), "cnn-restricted-"));
  copyFileSync(join(repoRoot, "media/templates", lenetFile), join(workspace, lenetFile));
  await inWorkbench({ workspace, what: "restricted", workspaceTrust: true }, (page) => run(page, workspace));
}

exitWithSummary(main(), checks, "restricted");
