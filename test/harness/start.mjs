// Starts code-server for a person or a script (the Node equivalent of a start.sh):
//
//   node test/harness/start.mjs [--workspace DIR] [--dev] [--extension VSIX_OR_DIR]... [--detach]
//                               [--state DIR] [--port N] [-- code-server args]
//   node test/harness/start.mjs stop --state DIR
//
// Prints URL= (with --dev, the workbench URL carrying the extension-development payload),
// PID=, STATE=, START_MS=. In the foreground it runs until Ctrl+C / SIGTERM and then ends exactly
// its process group; with --detach it leaves the server running and `stop --state DIR` ends it.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { releaseServer, repoRoot, startServer, stopServer, stopServerInStateDir } from "./server.mjs";
import { workbenchUrl } from "./harness.mjs";

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    workspace: { type: "string" },
    dev: { type: "boolean", default: false },
    "dev-path": { type: "string", default: repoRoot },
    extension: { type: "string", multiple: true, default: [] },
    detach: { type: "boolean", default: false },
    state: { type: "string" },
    port: { type: "string", default: "0" },
  },
});

async function stopCommand() {
  if (!options.state) throw new Error("stop needs --state DIR (printed as STATE= by start)");
  await stopServerInStateDir(resolve(options.state));
  console.log(`stopped ${options.state}`);
}

async function startCommand(extraArgs) {
  const folder = options.workspace ? resolve(options.workspace) : undefined;
  const server = await startServer({
    devMode: options.dev,
    extensions: options.extension,
    stateDir: options.state ? resolve(options.state) : undefined,
    port: Number(options.port),
    extraArgs,
  });
  const devPath = options.dev ? resolve(options["dev-path"]) : undefined;
  console.log(`URL=${workbenchUrl(server.url, { folder, devPath })}`);
  console.log(`PID=${server.pid}`);
  console.log(`STATE=${server.dirs.root}`);
  console.log(`START_MS=${server.startMs}`);
  if (options.detach) {
    releaseServer(server);
    server.child.unref();
    return;
  }
  console.log("Running; press Ctrl+C to stop.");
  await new Promise((resolveStop) => {
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.once(signal, resolveStop);
    server.child.once("exit", resolveStop);
  });
  await stopServer(server);
  console.log("stopped");
}

const [command, ...extraArgs] = positionals;
const action = command === "stop" ? stopCommand() : startCommand(command === undefined ? [] : [command, ...extraArgs]);
action.then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
