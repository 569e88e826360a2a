// Worker-thread entry of the preview runner (bundled to dist/previewWorker.js): wires the
// pure handler to node:worker_threads. The only file here that needs the worker's port.
// Started by PreviewClient it is the primary worker; on machines with two or more cores it
// starts a second copy of itself as its helper (workerData.role "helper") the first time a
// network is big enough to share (parallel/team.ts).
import { availableParallelism } from "node:os";
import { parentPort, Worker, workerData } from "node:worker_threads";
import { ready } from "../backend";
import { createHelper } from "../parallel/helper";
import type { HelperMessage } from "../parallel/protocol";
import { WorkerTeam } from "../parallel/team";
import type { HostToWorker } from "./protocol";
import { createPreviewHandler } from "./previewHandler";

if (parentPort === null) throw new Error("previewWorker must run inside a worker thread");
const port = parentPort;
// The WebAssembly kernels are instantiated once, before the first message is handled;
// messages chain on the same promise, so they keep their order.
const kernelsReady = ready();

if ((workerData as { role?: string } | null)?.role === "helper") {
  const helper = createHelper();
  port.on("message", (message: HelperMessage) => void kernelsReady.then(() => helper.handle(message)));
} else {
  let team: WorkerTeam | null | undefined;
  const startTeam = (): WorkerTeam | null => {
    if (team !== undefined) return team;
    team = null;
    if (availableParallelism() < 2) return team;
    const helperWorker = new Worker(__filename, { workerData: { role: "helper" } });
    const started = new WorkerTeam((message) => helperWorker.postMessage(message));
    helperWorker.on("error", () => started.markLost());
    helperWorker.on("exit", () => started.markLost());
    helperWorker.unref();
    team = started;
    return team;
  };
  const handler = createPreviewHandler((message, transfer) => port.postMessage(message, transfer), {
    team: () => (team?.usable === false ? null : startTeam()),
  });
  port.on("message", (message: HostToWorker) => void kernelsReady.then(() => handler.handle(message)));
}
