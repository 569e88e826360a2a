// Runs the extension-host tests (dist/test/integration/index.js, built by `node esbuild.mjs`)
// inside a real VS Code: code-server in extension-development mode, driven by headless chromium.
//
//   node test/integration/runInCodeServer.mjs [--workspace DIR] [--timeout SECONDS]
//
// Streams the extension host's log lines, prints the failing tests' names and a last line
// `N passed, N failed`; exits 0 only when every test passed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { artifactsDir, closeBrowser, launchBrowser, repoRoot, runExtensionTests, screenshot, startServer, stopServer } from "../harness/harness.mjs";

const resultMarker = "cnn-designer-integration-result";
const { values: options } = parseArgs({
  options: {
    workspace: { type: "string", default: join(repoRoot, "test/integration/workspace") },
    tests: { type: "string", default: join(repoRoot, "dist/test/integration/index.js") },
    timeout: { type: "string", default: "240" },
  },
});

/** Workbench chatter that is expected offline and says nothing about our tests. */
const harmlessNoise = [
  /ENOTFOUND open-vsx\.org/, /authentication provider 'github'/, /^Resolv(ing|ed) connection token/,
  /^Creating a socket/, /\[reconnection-grace-time\]/, /^Updating additional builtin extensions cache/,
  /^\[(AgentHost|AccountPolicyGate|Service Worker)/, /^Creation of workbench contribution/,
];

function ensureHarness() {
  const install = spawnSync("bash", [join(repoRoot, "test/harness/install.sh")], { stdio: "inherit" });
  if (install.status !== 0) throw new Error("test/harness/install.sh failed");
}

/** The result line printed by index.ts run(), or null when the host never got that far. */
function findResult(lines) {
  for (const { line } of lines) {
    const at = line.indexOf(resultMarker);
    if (at >= 0) return JSON.parse(line.slice(at + resultMarker.length).trim());
  }
  return null;
}

function printSummary(result, exitCode) {
  const failures = result?.failures ?? [];
  if (failures.length > 0) {
    console.log("\nFailing extension-host tests:");
    for (const failure of failures) console.log(`  ✗ ${failure.title}: ${failure.message.split("\n")[0]}`);
  }
  if (!result) {
    const reason = exitCode === null ? "timed out" : `extension host exited with ${exitCode} before reporting`;
    console.log(`\nThe extension-host tests did not report a result (${reason}).`);
  }
  const passed = result?.passed ?? 0;
  const failed = result ? result.failed : 1;
  console.log(`integration: ${passed} passed, ${failed} failed`);
  return exitCode === 0 && failed === 0 && result !== null;
}

async function main() {
  const testsPath = resolve(options.tests);
  if (!existsSync(testsPath)) throw new Error(`${testsPath} is missing: build first (node esbuild.mjs)`);
  ensureHarness();
  const outDir = join(artifactsDir, "integration");
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  let server;
  let browser;
  const stopAll = async () => {
    await closeBrowser(browser);
    await stopServer(server);
  };
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.once(signal, () => stopAll().finally(() => process.exit(130)));
  }
  try {
    const startedAt = Date.now();
    server = await startServer({ devMode: true });
    browser = await launchBrowser();
    const { exitCode, lines, page } = await runExtensionTests(browser, server, {
      folder: resolve(options.workspace),
      devPath: repoRoot,
      testsPath,
      timeoutMs: Number(options.timeout) * 1000,
      logsDir: join(outDir, "logs"),
      onLine: (line) => {
        if (!line.includes(resultMarker) && !harmlessNoise.some((pattern) => pattern.test(line))) console.log(line);
      },
    });
    const ok = printSummary(findResult(lines), exitCode);
    if (!ok) console.log(`screenshot: ${await screenshot(page, "integration/failure")}`);
    console.log(`(extension-host tests took ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
    return ok;
  } finally {
    await stopAll();
  }
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error) => {
    console.error(error instanceof Error ? error.stack : error);
    console.log("integration: 0 passed, 1 failed");
    process.exit(1);
  },
);
