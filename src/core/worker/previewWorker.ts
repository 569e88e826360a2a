// Worker-thread entry of the preview runner (bundled to dist/previewWorker.js): wires the
// pure handler to node:worker_threads. The only file here that needs the worker's port.
import { parentPort } from "node:worker_threads";
import type { HostToWorker } from "./protocol";
import { createPreviewHandler } from "./previewHandler";

if (parentPort === null) throw new Error("previewWorker must run inside a worker thread");
const port = parentPort;
const handler = createPreviewHandler((message, transfer) => port.postMessage(message, transfer));
port.on("message", (message: HostToWorker) => handler.handle(message));
