/**
 * The helper side of a two-worker run (pure: the worker file feeds it messages). On
 * helperRun it blocks in a loop on the control block: for each layer the primary publishes
 * it claims chunks from the back until none is left, then sleeps until the next layer, until
 * the primary ends the run; then it returns to its message loop.
 */
import type { Analysis } from "../../engine/types";
import { declareConstantWeights } from "../kernels/constantWeights";
import type { GivenWeights, LayerContext } from "../runner/convLayer";
import type { Tensor } from "../tensor";
import { cachedChunkBounds } from "./chunks";
import { executeLayerRange } from "./layerRange";
import { backendTensorSums } from "../runner/stats";
import { Cell, claimChunk, claimTag, Command, Status, writeMessage, writeSums, type HelperMessage } from "./protocol";

class Aborted {}

export interface Helper {
  handle(message: HelperMessage): void;
}

export function createHelper(): Helper {
  let control: Int32Array | null = null;
  let given: Readonly<Record<string, GivenWeights>> | undefined;
  return {
    handle(message) {
      if (message.type === "helperInit") {
        control = new Int32Array(message.control);
        return;
      }
      if (message.given !== "previous") {
        given = message.given;
        // Given weights never change during a run (the primary declared them too): pack them once.
        for (const weights of Object.values(given ?? {})) declareConstantWeights(weights.weights);
      }
      if (control !== null) serveRun(control, { analysis: message.analysis, arena: new Float32Array(message.arena), given });
    },
  };
}

interface RunData {
  analysis: Analysis;
  arena: Float32Array;
  given: Readonly<Record<string, GivenWeights>> | undefined;
}

function serveRun(control: Int32Array, run: RunData): void {
  let seen = Atomics.load(control, Cell.done);
  for (;;) {
    spinWhile(control, Cell.sequence, seen);
    Atomics.wait(control, Cell.sequence, seen);
    const sequence = Atomics.load(control, Cell.sequence);
    if (sequence === seen) continue;
    seen = sequence;
    // The tag first, then the command: the primary stores a command before its claim, so the
    // command read here is the one of `tag` whenever a claim of `tag` can still succeed.
    const tag = claimTag(Atomics.load(control, Cell.claim));
    const command = Atomics.load(control, Cell.command);
    if (command === Command.endRun) {
      // The endRun's own sequence: commands may have followed the one `sequence` announced.
      Atomics.store(control, Cell.done, Atomics.load(control, Cell.sequence));
      Atomics.notify(control, Cell.done);
      return;
    }
    if (command === Command.stats) serveStats(control, run, tag);
    else serveLayer(control, run, tag);
  }
}

/** The statistics of one arena array, if the primary has not started them itself. */
function serveStats(control: Int32Array, run: RunData, tag: number): void {
  const at = control[Cell.outputAt];
  const length = control[Cell.outputLength];
  if (claimChunk(control, tag, false) < 0) return;
  try {
    writeSums(control, backendTensorSums(run.arena.subarray(at, at + length)));
  } catch (error) {
    writeMessage(control, error instanceof Error ? error.message : String(error));
    Atomics.store(control, Cell.status, Status.failed);
  }
  Atomics.add(control, Cell.helperDone, 1);
  Atomics.notify(control, Cell.helperDone);
}

/** Claims and computes chunks of the current layer until none is left. */
function serveLayer(control: Int32Array, run: RunData, tag: number): void {
  // Read before claiming: a successful claim proves these belong to layer `tag`.
  const node = run.analysis.nodes[control[Cell.node]];
  const bounds = cachedChunkBounds(control[Cell.units], control[Cell.step], control[Cell.minChunkUnits]);
  const view = (at: number, length: number, shape: number[]): Tensor => ({ shape, data: run.arena.subarray(at, at + length) });
  const inputs = node?.inputShapes.map((shape, position) => view(
    control[Cell.inputs + 2 * position], control[Cell.inputs + 2 * position + 1], shape,
  ));
  const output = view(control[Cell.outputAt], control[Cell.outputLength], node?.outputShape ?? []);
  const context: LayerContext = {
    specSeed: run.analysis.seed,
    layerId: node?.id ?? "",
    given: run.given?.[node?.id ?? ""],
    checkCancelled: () => {
      Atomics.add(control, Cell.heartbeat, 1);
      if (Atomics.load(control, Cell.abort) !== 0) throw new Aborted();
    },
  };
  let continued = false;
  for (let chunk = claimChunk(control, tag, false); chunk >= 0; chunk = claimChunk(control, tag, false)) {
    Atomics.add(control, Cell.heartbeat, 1);
    try {
      executeLayerRange(node.layer!, inputs, output, bounds[chunk], bounds[chunk + 1], context, continued);
      continued = true;
    } catch (error) {
      if (!(error instanceof Aborted)) {
        writeMessage(control, error instanceof Error ? error.message : String(error));
        Atomics.store(control, Cell.status, Status.failed);
      }
    }
    Atomics.add(control, Cell.helperDone, 1);
    Atomics.notify(control, Cell.helperDone);
  }
}

/**
 * Between two layers of a run the next command usually follows within a millisecond: polling for
 * up to SPIN_MS avoids the futex wake-up (tens to hundreds of µs per layer on a VM) before sleeping.
 */
const SPIN_MS = 2;

function spinWhile(control: Int32Array, cell: number, value: number): void {
  const until = Date.now() + SPIN_MS;
  for (let round = 0; Atomics.load(control, cell) === value; round++) {
    if ((round & 1023) === 1023 && Date.now() > until) return;
  }
}
