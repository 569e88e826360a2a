/**
 * The primary side of a two-worker run. The primary worker runs the network as usual; a
 * layer that splits (layerRange.ts) is cut into chunks of units, the primary claims them from
 * the front and the helper, woken for the layer, from the back, so a busy or descheduled
 * worker simply takes fewer. The primary then waits only for chunks the helper claimed.
 * Layer outputs live in a SharedArena both workers see. A helper that stops answering (no
 * heartbeat for `timeoutMs`) fails the run and the team is not used again.
 */
import type { Analysis } from "../../engine/types";
import type { GivenWeights } from "../runner/convLayer";
import type { Tensor } from "../tensor";
import { SharedArena, sharedArrayBufferConstructor } from "./arena";
import { cachedChunkBounds } from "./chunks";
import { minChunkUnits, type SplitShape } from "./layerRange";
import type { TensorSums } from "../backend";
import { backendTensorSums } from "../runner/stats";
import { Cell, claimBack, claimChunk, Command, CONTROL_BYTES, MAX_CHUNKS, MAX_SHARED_INPUTS, packClaim, readMessage, readSums, Status, type HelperMessage } from "./protocol";

export interface WorkerTeamOptions {
  /** How long the helper may go without a heartbeat (default 20 s). */
  timeoutMs?: number;
  /**
   * Layers with fewer output floats (default 16 K) and fewer multiply-accumulates (default
   * 2 M) run on the primary alone: the hand-off costs tens of microseconds.
   */
  minSharedFloats?: number;
  minSharedMacs?: number;
}

/** A run of the team: its arena, and the split of one layer at a time. */
export interface TeamRun {
  readonly arena: SharedArena;
  /**
   * Computes every unit of the layer: `local(start, end, continued)` for the primary's chunks
   * (continued: a previous chunk of this layer ran here), the helper the rest. Throws what
   * `local` or the helper threw.
   */
  split(
    nodeIndex: number, inputs: readonly Tensor[], output: Tensor, shape: SplitShape,
    local: (start: number, end: number, continued: boolean) => void,
  ): void;
  /**
   * Starts the statistics of `values` (an arena array): the helper computes them if it is
   * awake first, else `finish` does. Null when not worth it (the caller computes them).
   */
  startStats(values: Float32Array): { finish(): TensorSums } | null;
  /** Whether a layer of `floats` output floats and `macs` multiply-accumulates is worth splitting. */
  worthSharing(floats: number, macs: number): boolean;
  /** Sends the helper back to its message loop (always call once). */
  end(): void;
}

export class WorkerTeam {
  readonly control: Int32Array;
  private broken = false;
  private arena: SharedArena | null = null;
  private readonly timeoutMs: number;
  readonly minSharedFloats: number;
  readonly minSharedMacs: number;
  private tag = 0;
  private lastGiven: Readonly<Record<string, GivenWeights>> | undefined;
  /** Sequence of the last endRun, acknowledged before the next run starts. */
  private pendingEnd = 0;

  /** `post` delivers a message to the helper worker. */
  constructor(private readonly post: (message: HelperMessage) => void, options: WorkerTeamOptions = {}) {
    const Shared = sharedArrayBufferConstructor();
    if (Shared === undefined) throw new Error("SharedArrayBuffer is not available");
    this.control = new Int32Array(new Shared(CONTROL_BYTES));
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.minSharedFloats = options.minSharedFloats ?? 16 * 1024;
    this.minSharedMacs = options.minSharedMacs ?? 2 * 1024 * 1024;
    post({ type: "helperInit", control: this.control.buffer });
  }

  /** False once the helper stopped answering or was lost. */
  get usable(): boolean {
    return !this.broken;
  }

  /** The helper worker is gone (its thread exited): runs go on one worker. */
  markLost(): void {
    this.broken = true;
  }

  /** Starts a run whose outputs need at most `arenaFloats` floats at once; null when the team is unusable. */
  beginRun(analysis: Analysis, arenaFloats: number, given?: Readonly<Record<string, GivenWeights>>): TeamRun | null {
    const Shared = sharedArrayBufferConstructor();
    if (this.broken || Shared === undefined) return null;
    if (this.pendingEnd !== 0) {
      // The helper must leave the previous run's loop before it reads the next run's message.
      try {
        this.await(Cell.done, this.pendingEnd);
      } catch {
        return null;
      }
      this.pendingEnd = 0;
    }
    if (this.arena === null || this.arena.floats.length < arenaFloats) this.arena = new SharedArena(new Shared(4 * arenaFloats));
    else this.arena = new SharedArena(this.arena.buffer);
    this.post({ type: "helperRun", analysis, arena: this.arena.buffer, given: given !== undefined && given === this.lastGiven ? "previous" : given });
    this.lastGiven = given;
    return new Run(this, this.arena);
  }

  /** Publishes a layer whose parameters are written: returns its claim tag. */
  startLayer(chunks: number, command: number = Command.layerRange): number {
    const control = this.control;
    this.tag = (this.tag + 1) & 0xfff;
    Atomics.store(control, Cell.helperDone, 0);
    Atomics.store(control, Cell.abort, 0);
    Atomics.store(control, Cell.status, Status.ok);
    // Before the claim: a helper that reads this tag then reads this command, not the previous one.
    Atomics.store(control, Cell.command, command);
    Atomics.store(control, Cell.claim, packClaim(this.tag, 0, chunks));
    this.issue(command);
    return this.tag;
  }

  /** Ends the run: the helper returns to its message loop (acknowledged before the next run). */
  endRun(): void {
    this.pendingEnd = this.issue(Command.endRun);
  }

  private issue(command: number): number {
    const control = this.control;
    Atomics.store(control, Cell.command, command);
    const sequence = Atomics.load(control, Cell.sequence) + 1;
    Atomics.store(control, Cell.sequence, sequence);
    Atomics.notify(control, Cell.sequence);
    return sequence;
  }

  /** Blocks until cell `cell` holds `value`; throws when the helper stops answering. */
  await(cell: number, value: number): void {
    const control = this.control;
    let beat = Atomics.load(control, Cell.heartbeat);
    let lastChange = Date.now();
    // Poll for up to a millisecond first: the helper's last chunk usually ends within it, and a
    // futex wake-up costs tens to hundreds of µs per layer on a VM.
    const spinUntil = lastChange + 1;
    for (let spin = 0; Atomics.load(control, cell) !== value; spin++) {
      if ((spin & 1023) === 1023 && Date.now() > spinUntil) break;
    }
    for (let current = Atomics.load(control, cell); current !== value; current = Atomics.load(control, cell)) {
      Atomics.wait(control, cell, current, 100);
      const now = Date.now();
      const latest = Atomics.load(control, Cell.heartbeat);
      if (latest !== beat) {
        beat = latest;
        lastChange = now;
      } else if (now - lastChange > this.timeoutMs && Atomics.load(control, cell) !== value) {
        this.broken = true;
        throw new Error("The second preview worker stopped answering; previews use one worker from now on.");
      }
    }
  }
}

class Run implements TeamRun {
  private ended = false;

  constructor(private readonly team: WorkerTeam, readonly arena: SharedArena) {}

  startStats(values: Float32Array): { finish(): TensorSums } | null {
    if (!this.arena.holds(values) || values.length < this.team.minSharedFloats) return null;
    const { team } = this;
    const control = team.control;
    control[Cell.outputAt] = values.byteOffset / 4;
    control[Cell.outputLength] = values.length;
    const tag = team.startLayer(1, Command.stats);
    return {
      finish: () => {
        if (claimChunk(control, tag, true) === 0) return backendTensorSums(values);
        team.await(Cell.helperDone, 1);
        if (Atomics.load(control, Cell.status) === Status.failed) throw new Error(`second worker: ${readMessage(control)}`);
        return readSums(control);
      },
    };
  }

  worthSharing(floats: number, macs: number): boolean {
    return floats >= this.team.minSharedFloats || macs >= this.team.minSharedMacs;
  }

  split(
    nodeIndex: number, inputs: readonly Tensor[], output: Tensor, shape: SplitShape,
    local: (start: number, end: number, continued: boolean) => void,
  ): void {
    const { team } = this;
    const control = team.control;
    if (inputs.length > MAX_SHARED_INPUTS) throw new Error(`a shared layer takes at most ${MAX_SHARED_INPUTS} inputs`);
    const smallest = minChunkUnits(shape);
    const bounds = cachedChunkBounds(shape.units, shape.step, smallest);
    const chunks = bounds.length - 1;
    if (chunks > MAX_CHUNKS) throw new Error(`a shared layer has at most ${MAX_CHUNKS} chunks, not ${chunks}`);
    control[Cell.node] = nodeIndex;
    control[Cell.units] = shape.units;
    control[Cell.step] = shape.step;
    control[Cell.minChunkUnits] = smallest;
    control[Cell.outputAt] = output.data.byteOffset / 4;
    control[Cell.outputLength] = output.data.length;
    inputs.forEach((input, position) => {
      control[Cell.inputs + 2 * position] = input.data.byteOffset / 4;
      control[Cell.inputs + 2 * position + 1] = input.data.length;
    });
    const tag = team.startLayer(chunks);
    let failure: unknown = null;
    try {
      for (
        let chunk = claimChunk(control, tag, true), continued = false;
        chunk >= 0;
        chunk = claimChunk(control, tag, true), continued = true
      ) {
        local(bounds[chunk], bounds[chunk + 1], continued);
      }
    } catch (error) {
      failure = error;
      Atomics.store(control, Cell.abort, 1);
      while (claimChunk(control, tag, true) >= 0);
    }
    // Every chunk is claimed now; the helper took those from the final back onwards.
    team.await(Cell.helperDone, chunks - claimBack(Atomics.load(control, Cell.claim)));
    if (failure !== null) throw failure;
    if (Atomics.load(control, Cell.status) === Status.failed) throw new Error(`second worker: ${readMessage(control)}`);
  }

  end(): void {
    if (this.ended || !this.team.usable) return;
    this.ended = true;
    this.team.endRun();
  }
}
