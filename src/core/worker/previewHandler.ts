/**
 * The worker's message handler, free of Node APIs so tests can drive it with a fake port.
 * Errors come back as data (previewFailed), never as an uncaught exception.
 */
import { AllocationGuard, MemoryBudgetExceeded, withAllocationGuard } from "../budget/allocationGuard";
import { estimateRun } from "../budget/estimate";
import { prepareImage } from "../image/prepare";
import { arenaFloatsFor } from "../parallel/sharedRun";
import { runNetwork } from "../runner/runNetwork";
import type { RunResult } from "../runner/runTypes";
import type { Tensor } from "../tensor";
import type { WorkerTeam } from "../parallel/team";
import type { HostToWorker, PreviewError, PreviewJob, WorkerToHost } from "./protocol";

export type PostToHost = (message: WorkerToHost, transfer: ArrayBuffer[]) => void;

export interface PreviewHandler {
  handle(message: HostToWorker): void;
}

export interface PreviewHandlerOptions {
  /** The helper worker to share big networks with (started on first use), or null for one worker. */
  team?: () => WorkerTeam | null;
}

/**
 * Networks of at least this many multiply-accumulates run on two workers when a team is
 * available. Measured (bench "previews by network size", a loaded 2-vCPU machine): 4 M MACs
 * ×0.57 (a fixed ~1 ms of hand-offs), 60 M ×0.94, 135 M and more ×1.2; below ~100 M a preview
 * takes about 10 ms on one worker anyway. `npm run bench -- core --only "2 workers"` re-measures.
 */
export const TEAM_MIN_MACS = 100_000_000;

export function createPreviewHandler(post: PostToHost, handlerOptions: PreviewHandlerOptions = {}): PreviewHandler {
  let cancelFlag: Int32Array | null = null;
  return {
    handle(message) {
      switch (message.type) {
        case "init":
          cancelFlag = new Int32Array(message.cancelFlag);
          return;
        case "runPreview": {
          const { requestId } = message;
          const isCancelled = (): boolean => cancelFlag !== null && Atomics.load(cancelFlag, 0) !== requestId;
          const team = message.analysis.totals?.macs >= TEAM_MIN_MACS && teamFitsBudget(message)
            ? handlerOptions.team?.() ?? undefined
            : undefined;
          runJob(requestId, message, isCancelled, post, team);
          return;
        }
        default: {
          const unknown: never = message;
          throw new Error(`previewWorker: unknown message ${JSON.stringify(unknown)}`);
        }
      }
    },
  };
}

function runJob(requestId: number, job: PreviewJob, isCancelled: () => boolean, post: PostToHost, team: WorkerTeam | undefined): void {
  try {
    const image = inputTensor(job);
    if ("code" in image) {
      post({ type: "previewFailed", requestId, error: image }, []);
      return;
    }
    const result = runNetwork(job.analysis, image, {
      ...job.options,
      team,
      isCancelled,
      onProgress: (progress) => post({ type: "previewProgress", requestId, ...progress }, []),
    });
    post({ type: "previewDone", requestId, result }, transferables(result));
  } catch (error) {
    const message = error instanceof Error ? `${error.message}\n${error.stack ?? ""}` : String(error);
    post({ type: "previewFailed", requestId, error: { code: "internal", message } }, []);
  }
}

function inputTensor(job: PreviewJob): Tensor | PreviewError {
  if (job.image.kind === "tensor") return job.image.tensor;
  const input = job.analysis.input;
  // Without a valid input shape the runner reports the problem itself.
  if (input === null) return { shape: [0], data: new Float32Array(0) };
  const { bytes } = job.image;
  const limit = job.options?.memoryLimitBytes;
  try {
    const prepare = (): ReturnType<typeof prepareImage> => prepareImage(bytes, input, job.normalization);
    const prepared = limit === undefined ? prepare() : withAllocationGuard(new AllocationGuard(limit), prepare);
    return prepared.ok ? prepared.value : prepared.error;
  } catch (error) {
    if (error instanceof MemoryBudgetExceeded) return { code: "over-budget", message: `Preparing the input image: ${error.message}.` };
    throw error;
  }
}

/**
 * A two-worker run also holds the shared arena (about the live outputs again) and the helper's
 * own scratch and WebAssembly memory, outside this thread's allocation guard: with a memory
 * limit, the team is used only when twice the one-worker estimate plus the arena fits it.
 */
function teamFitsBudget(job: PreviewJob): boolean {
  const limit = job.options?.memoryLimitBytes;
  if (limit === undefined) return true;
  const input = job.analysis.input ?? [];
  const inputFloats = input.reduce((product, size) => product * size, 1);
  const arenaBytes = 4 * arenaFloatsFor(job.analysis.nodes, inputFloats);
  return 2 * estimateRun(job.analysis, job.options).peak.bytes + arenaBytes <= limit;
}

/** Every distinct buffer of the result, to move instead of copy. */
export function transferables(result: RunResult): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const add = (view: ArrayBufferView | undefined): void => {
    if (view && view.buffer instanceof ArrayBuffer) buffers.add(view.buffer);
  };
  for (const layer of result.layers) {
    layer.featureMaps?.maps.forEach((map) => add(map.pixels));
    add(layer.vector?.values);
    add(layer.kernels?.data);
    add(layer.tensor?.data);
  }
  return [...buffers];
}
