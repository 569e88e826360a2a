// Playwright helpers that drive the code-server workbench in Debian's chromium.
// Facts and pitfalls: docs/testing.md.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { URLSearchParams } from "node:url";
import { format } from "node:util";
import { dirname, join } from "node:path";
import { chromium } from "playwright-core";
import { repoRoot } from "./server.mjs";

export { startServer, stopServer, repoRoot, harnessDir } from "./server.mjs";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const artifactsDir = join(repoRoot, "test-artifacts");
const chromiumFlags = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** A fresh chromium profile each time; close with closeBrowser. */
export async function launchBrowser({ width = 1400, height = 900 } = {}) {
  const profileDir = mkdtempSync(join(tmpdir(), "cnnd-chromium-"));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumFlags,
    viewport: { width, height },
  });
  context.profileDir = profileDir;
  return context;
}

export async function closeBrowser(context) {
  if (!context) return;
  await context.close().catch(() => {});
  rmSync(context.profileDir, { recursive: true, force: true });
}

/** The workbench URL; devPath/testsPath go into the payload (needs a server started in devMode). */
export function workbenchUrl(serverUrl, { folder, devPath, testsPath } = {}) {
  const authority = new URL(serverUrl).host;
  const payload = [];
  if (devPath) payload.push(["extensionDevelopmentPath", `vscode-remote://${authority}${devPath}`]);
  if (testsPath) payload.push(["extensionTestsPath", `vscode-remote://${authority}${testsPath}`]);
  const query = new URLSearchParams();
  if (folder) query.set("folder", folder);
  if (payload.length > 0) query.set("payload", JSON.stringify(payload));
  return `${serverUrl}/?${query.toString()}`;
}

/** Opens the workbench on a folder and waits until the explorer lists its files. */
export async function openWorkbench(context, server, { folder, devPath, page } = {}) {
  const targetPage = page ?? context.pages()[0] ?? (await context.newPage());
  await targetPage.goto(workbenchUrl(server.url, { folder, devPath }));
  await targetPage.locator(".monaco-workbench").waitFor({ timeout: 60_000 });
  await targetPage.locator(".explorer-folders-view .monaco-list-row").first().waitFor({ timeout: 60_000 });
  return targetPage;
}

/**
 * Waits until the extension host has activated an extension (`name` is its package.json name).
 * Signal: VS Code's own "Developer: Show Running Extensions" editor, which lists only extensions
 * whose activation has started, each with "Activation: N ms". It needs nothing from the
 * extension itself. The list is virtualised, so the page is made tall while it is read; the
 * editor is closed again afterwards. Returns the activation text.
 */
export async function waitForExtensionActivated(page, name, timeoutMs = 30_000) {
  const row = page.locator(`[aria-label="Runtime Extensions"] .monaco-list-row[aria-label="${name}"] .activation-time`)
    .filter({ hasText: /Activation: \d/ }); // not "Activating..."
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: viewport.width, height: 3000 });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      await runCommand(page, "Developer: Show Running Extensions");
      try {
        await row.waitFor({ timeout: Math.min(3000, Math.max(1, deadline - Date.now())) });
        return (await row.innerText()).trim();
      } catch (error) {
        if (Date.now() >= deadline) {
          throw new Error(`${name} was not activated within ${timeoutMs} ms (${error.message.split("\n")[0]})`, { cause: error });
        }
      }
    }
  } finally {
    await runCommand(page, "View: Close Editor").catch(() => {});
    await editorFocused(page);
    await page.setViewportSize(viewport);
  }
}

/**
 * Resolves once the keyboard focus is in the active editor: its text, or the webview of a custom
 * editor. After an editor closes, VS Code focuses the one that becomes active a moment later (a
 * webview's focus is deferred until its frame is shown); a command palette opened before that
 * would be closed by it. An empty editor area focuses nothing: then it resolves at once.
 */
export async function editorFocused(page) {
  await page.waitForFunction(() => {
    const doc = globalThis.document;
    const active = doc.activeElement;
    if (!doc.querySelector(".editor-group-container.active .tabs-container .tab")) return true;
    return active?.tagName === "IFRAME" || Boolean(active?.closest?.(".editor-group-container.active .editor-container"));
  }, undefined, { timeout: 30_000, polling: 50 });
}

/**
 * Takes keyboard focus back from an iframe (a webview) so workbench keybindings apply. The focus
 * goes to the active editor tab (or the workbench itself), never to <body>: VS Code's webview
 * re-focuses itself when it finds <body> focused (its deferred focus after an editor opens), and
 * that would close the quick input the next key opens.
 */
export async function focusWorkbench(page) {
  await page.evaluate(() => {
    const doc = globalThis.document;
    const active = doc.activeElement;
    const tab = doc.querySelector(".tabs-container .tab.active");
    if (active?.tagName === "IFRAME" || (active === doc.body && tab)) {
      if (tab) tab.focus();
      else active.blur();
    }
  });
}

/**
 * Resolves once the page (and every ready webview's frame) has painted twice after its fonts
 * loaded: the state a screenshot should show, with no fixed delay.
 */
export async function settle(page) {
  const painted = () => globalThis.document.fonts.ready.then(() => new Promise((resolve) => {
    globalThis.requestAnimationFrame(() => globalThis.requestAnimationFrame(resolve));
  }));
  await page.evaluate(painted);
  for (const frame of page.frames()) {
    if (frame !== page.mainFrame()) await frame.evaluate(painted).catch(() => {}); // a frame may be going away
  }
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The quick input's text box, once it is shown and holds the keyboard focus. */
export async function focusedQuickInput(page, timeoutMs = 30_000) {
  const input = page.locator(".quick-input-widget .quick-input-box input");
  await input.waitFor({ timeout: timeoutMs });
  await page.waitForFunction(() => globalThis.document.activeElement?.matches?.(".quick-input-widget .quick-input-box input"), undefined, { timeout: timeoutMs });
  return input;
}

/** Whether the quick input is on screen (VS Code hides it when the focus leaves it). */
function quickInputShown(page) {
  return page.locator(".quick-input-widget .quick-input-box input").isVisible();
}

/**
 * Opens the quick input with `key`, types `text` and clicks the row whose label is exactly
 * `label`. A webview that takes its deferred focus (an editor that became visible a moment ago)
 * closes the quick input; then it is opened again, at most four times. Each wait is on state.
 */
async function pickFromQuickInput(page, key, text, label) {
  const exactLabel = page.locator(".label-name", { hasText: new RegExp(`^${escapeRegExp(label)}$`) });
  const row = page.locator(".quick-input-widget .quick-input-list .monaco-list-row").filter({ has: exactLabel }).first();
  for (let attempt = 1; ; attempt++) {
    try {
      await focusWorkbench(page);
      await page.keyboard.press(key);
      const input = await focusedQuickInput(page, 10_000);
      await input.fill(text);
      // File search can be slow on a loaded machine; a closed quick input ends the wait early.
      const closed = page.locator(".quick-input-widget .quick-input-box input").waitFor({ state: "hidden", timeout: 60_000 })
        .then(() => { throw new Error(`the quick input closed before "${label}" showed`); });
      closed.catch(() => {}); // read by the race below; later outcomes are of no interest
      await Promise.race([row.waitFor({ timeout: 60_000 }), closed]);
      await row.click();
      return;
    } catch (error) {
      if (attempt >= 4 || (await quickInputShown(page))) throw error;
      await editorFocused(page); // the focus went to an editor: wait for it to settle, then reopen
    }
  }
}

/** Ctrl+P, type the file name, pick it. */
export async function quickOpen(page, fileName) {
  await pickFromQuickInput(page, "Control+P", fileName, fileName);
}

/** F1, type the command's label, pick exactly that command. */
export async function runCommand(page, label) {
  await pickFromQuickInput(page, "F1", `>${label}`, label);
}

/** The extension's HTML of webview i: outer iframe.webview.ready → its child #active-frame. */
export function webviewFrame(page, index = 0) {
  return page.locator("iframe.webview.ready").nth(index).contentFrame().locator("#active-frame").contentFrame();
}

/** Opens the Problems panel and returns its rows: { severity, text }. */
export async function readProblems(page) {
  await runCommand(page, "View: Focus Problems (Errors, Warnings, Infos)");
  const panel = page.locator(".markers-panel");
  await panel.waitFor({ timeout: 15_000 });
  // The tree renders in batches: read once "No problems" shows or the row count is the same on two
  // polls in a row.
  await page.waitForFunction(() => {
    const doc = globalThis.document;
    const rows = doc.querySelectorAll(".markers-panel .monaco-list-row").length;
    if (rows === 0) return /No problems/.test(doc.querySelector(".markers-panel")?.textContent ?? "");
    const stable = globalThis.cnnTestProblemRows === rows;
    globalThis.cnnTestProblemRows = rows;
    return stable;
  }, undefined, { timeout: 15_000, polling: 100 });
  const rows = panel.locator(".monaco-list-row");
  const problems = [];
  for (let index = 0; index < (await rows.count()); index++) {
    const row = rows.nth(index);
    const text = (await row.innerText()).replace(/\s+/g, " ").trim();
    const iconClass = await row.evaluate((element) => element.querySelector(".marker-icon")?.className ?? "");
    const severity = /error/.test(iconClass) ? "error" : /warning/.test(iconClass) ? "warning" : /info/.test(iconClass) ? "info" : "file";
    problems.push({ severity, text });
  }
  return problems;
}

/** Saves a full-page PNG to test-artifacts/<name>.png and returns its path. */
export async function screenshot(page, name) {
  const path = join(artifactsDir, `${name}.png`);
  mkdirSync(dirname(path), { recursive: true });
  await page.screenshot({ path });
  return path;
}

/** The host sends console arguments (a printf-style format first); render them as Node would. */
function formatAutomationArgs(args) {
  const list = Array.isArray(args) ? args : [args];
  return format(...list);
}

/**
 * Runs the extension's mocha tests inside the extension host, through the browser: the page
 * exposes codeAutomationLog / codeAutomationExit, then loads the workbench with the payload
 * keys extensionDevelopmentPath + extensionTestsPath (the server must be in devMode).
 * Resolves with { exitCode, lines } (exitCode 0 when run() resolved); onLine sees each log line.
 */
export async function runExtensionTests(
  context, server, { folder, devPath = repoRoot, testsPath, onLine = () => {}, timeoutMs = 180_000, logsDir },
) {
  if (!server.devMode) throw new Error("runExtensionTests needs a server started with devMode: true");
  const page = await context.newPage();
  const lines = [];
  let resolveExit;
  const exited = new Promise((resolvePromise) => {
    resolveExit = resolvePromise;
  });
  await page.exposeFunction("codeAutomationLog", (type, args) => {
    const line = formatAutomationArgs(args);
    lines.push({ type, line });
    onLine(line, type);
  });
  await page.exposeFunction("codeAutomationExit", (code, logs) => {
    if (logsDir && Array.isArray(logs)) saveHostLogs(logsDir, logs);
    resolveExit(Number(code));
  });
  await page.goto(workbenchUrl(server.url, { folder, devPath, testsPath }));
  let timer;
  const timedOut = new Promise((resolveTimeout) => {
    timer = setTimeout(() => resolveTimeout("timeout"), timeoutMs);
  });
  const outcome = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  return { exitCode: outcome === "timeout" ? null : outcome, lines, page };
}

function saveHostLogs(logsDir, logs) {
  for (const { relativePath, contents } of logs) {
    if (typeof relativePath !== "string" || relativePath.includes("..")) continue;
    const path = join(logsDir, relativePath);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, typeof contents === "string" ? contents : String(contents));
  }
}
