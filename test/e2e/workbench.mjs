// Helpers of the scenario scripts (scenarios.mjs, large-files.mjs) that designer.mjs does not
// have: building and checking the .vsix, quick picks and VS Code's own save dialog, the whole
// shape table, and a "does the workbench still answer" probe.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { cleanNpmEnvironment } from "../../scripts/npmEnvironment.mjs";
import { focusWorkbench, repoRoot, runCommand } from "../harness/harness.mjs";
import { waitUntil } from "./designer.mjs";

/** `npm run package` (scripts/package.mjs): builds cnn-designer-<version>.vsix; returns its path. */
export function packageVsix() {
  const { name, version } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
  const result = spawnSync(process.execPath, [join(repoRoot, "scripts/package.mjs")], { cwd: repoRoot, encoding: "utf8", env: cleanNpmEnvironment() });
  if (result.status !== 0) throw new Error(`npm run package failed:\n${result.stdout}${result.stderr}`);
  const vsix = join(repoRoot, `${name}-${version}.vsix`);
  console.log(`  packaged ${result.stdout.split("\n").find((line) => line.startsWith(`${name}-${version}.vsix:`)) ?? vsix}`);
  return vsix;
}

/** A file of a .vsix (a zip; the extension's files are under `extension/`). */
function vsixEntry(vsix, path) {
  const result = spawnSync("unzip", ["-p", vsix, `extension/${path}`], { maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`unzip -p ${vsix} extension/${path} failed: ${result.stderr}`);
  return result.stdout;
}

/**
 * Checks that the workbench runs the extension installed from `vsix`: no development host
 * (title), exactly one cnn-designer folder in the server's extensions dir, and its package.json
 * and bundles equal to the ones inside the .vsix.
 */
export async function assertInstalledFromVsix(page, server, vsix) {
  const title = await page.title();
  if (/Extension Development Host/.test(title)) throw new Error(`the window is an extension development host: ${title}`);
  const folders = readdirSync(server.dirs.extensions).filter((name) => name.includes("cnn-designer"));
  if (folders.length !== 1) throw new Error(`expected one installed cnn-designer, found: ${folders.join(", ") || "none"}`);
  const installed = join(server.dirs.extensions, folders[0]);
  // The installer adds its own `__metadata` to package.json; everything else must be the .vsix's.
  const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
  delete manifest.__metadata;
  if (JSON.stringify(manifest) !== JSON.stringify(JSON.parse(vsixEntry(vsix, "package.json")))) throw new Error("package.json differs from the .vsix's");
  for (const file of ["dist/extension.js", "dist/webview.js"]) {
    if (!existsSync(join(installed, file))) throw new Error(`${file} is missing from ${installed}`);
    if (!readFileSync(join(installed, file)).equals(vsixEntry(vsix, file))) throw new Error(`${file} differs from the .vsix's`);
  }
  return `${folders[0]} in the extensions dir; package.json and bundles equal the .vsix's`;
}

/** Picks the row labelled exactly `label` in the open quick pick. */
export async function pickQuickItem(page, label) {
  const row = page.locator(".quick-input-widget .quick-input-list .monaco-list-row")
    .filter({ has: page.locator(".label-name", { hasText: label }) }).first();
  await row.waitFor({ timeout: 15_000 });
  await row.click();
}

/**
 * Accepts VS Code's own save dialog (the browser workbench's simple file dialog: a quick input
 * holding the proposed path). Returns the path it proposed. The dialog first shows the folder and
 * then completes the file name: it is accepted only once it holds the whole path (ending in
 * `expectedName`), or Enter would open the folder instead of saving.
 */
export async function acceptSaveDialog(page, expectedName) {
  const input = page.locator(".quick-input-widget .quick-input-box input");
  // The command palette's input is the same widget: wait until it holds a file's path.
  const isProposal = (value) => typeof value === "string" && value.startsWith("/") && (expectedName ? value.endsWith(`/${expectedName}`) : !value.endsWith("/"));
  const proposed = await waitUntil(() => input.inputValue({ timeout: 1000 }), isProposal, { what: `the save dialog's path${expectedName ? ` ending in /${expectedName}` : ""}` });
  await input.press("Enter");
  await input.waitFor({ state: "hidden", timeout: 15_000 });
  return proposed;
}

/** Every row of the shape table as its cells' text, and the footer totals. */
export async function readFullTable(frame) {
  const table = frame.locator("table.cnn-table");
  const rows = await table.locator("tbody tr[data-layer-id]").evaluateAll((elements) =>
    elements.map((row) => [...row.querySelectorAll("td")].map((cell) => cell.textContent.trim())));
  const footer = await table.locator("tfoot tr").first().evaluate((row) => [...row.querySelectorAll("td")].map((cell) => cell.textContent.trim()));
  return { rows, footer };
}

/**
 * Proves the workbench still answers: F1 opens the command palette (Escape closes it), and the
 * editor `fileName` becomes the active tab again after Ctrl+P. Returns the time it took.
 */
export async function assertWorkbenchResponds(page, fileName) {
  const startedAt = Date.now();
  await focusWorkbench(page);
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget .quick-input-box input");
  await input.waitFor({ timeout: 20_000 });
  await page.keyboard.press("Escape");
  await input.waitFor({ state: "hidden", timeout: 10_000 });
  if (fileName) {
    await runCommand(page, "View: Show All Editors By Appearance");
    const row = page.locator(".quick-input-widget .quick-input-list .monaco-list-row", { hasText: fileName }).first();
    await row.waitFor({ timeout: 20_000 });
    await row.click();
    await page.locator(".tabs-container .tab.active", { hasText: fileName }).waitFor({ timeout: 20_000 });
  }
  return Date.now() - startedAt;
}

