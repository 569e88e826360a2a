// Worker-thread entry of the preview runner (bundled to dist/previewWorker.js): wires the
// pure handler to node:worker_threads. The only file here that needs the worker's port.
import { parentPort } from "node:worker_threads";
import { ready } from "../backend";
import type { HostToWorker } from "./protocol";
import { createPreviewHandler } from "./previewHandler";

if (parentPort === null) throw new Error("previewWorker must run inside a worker thread");
const port = parentPort;
const handler = createPreviewHandler((message, transfer) => port.postMessage(message, transfer));
// The WebAssembly kernels are instantiated once, before the first message is handled;
// messages chain on the same promise, so they keep their order.
const kernelsReady = ready();
port.on("message", (message: HostToWorker) => void kernelsReady.then(() => handler.handle(message)));
