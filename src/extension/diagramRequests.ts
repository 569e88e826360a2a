/**
 * The host's pending diagram exports of one designer panel: each gets an exportId, is posted
 * to the view (again when the view reloads: a hidden webview loses its page), and settles on
 * the view's `diagramExport` answer, a refusal of that answer, a timeout or the panel closing.
 */
import type { DiagramFormat, DiagramHostToView, DiagramViewToHost } from "../protocol";

/** Long enough for ELK on ResNet-18 and a PNG of it on a slow machine. */
export const diagramTimeoutMillis = 30_000;

interface Pending {
  format: DiagramFormat;
  resolve(data: string): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

export class DiagramRequests {
  private nextExportId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly post: (message: DiagramHostToView) => void) {}

  /** Resolves with the SVG text or the PNG's base64; rejects with a message for the user. */
  request(format: DiagramFormat, postNow: boolean, timeoutMillis = diagramTimeoutMillis): Promise<string> {
    const exportId = this.nextExportId++;
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.settle(exportId, new Error(`The designer did not produce the diagram within ${Math.round(timeoutMillis / 1000)} s; show its tab and try again.`));
      }, timeoutMillis);
      this.pending.set(exportId, { format, resolve, reject, timer });
      if (postNow) this.post({ type: "exportDiagramRequest", exportId, format });
    });
  }

  /** The view (re)started: it has lost any request posted before, so post them again. */
  repost(): void {
    for (const [exportId, { format }] of this.pending) this.post({ type: "exportDiagramRequest", exportId, format });
  }

  /** The view's answer. Answers nobody waits for (late, duplicate) are ignored. */
  answer(message: DiagramViewToHost): void {
    const waiting = this.pending.get(message.exportId);
    if (!waiting) return;
    if (!message.ok) return this.settle(message.exportId, new Error(message.message));
    if (message.format !== waiting.format) return this.settle(message.exportId, new Error(`The designer answered with ${message.format}, not ${waiting.format}.`));
    this.settle(message.exportId, message.data);
  }

  /** An answer that failed validation (for instance over the size cap). */
  refuse(exportId: number, reason: string): void {
    this.settle(exportId, new Error(`The designer's diagram was refused: ${reason}.`));
  }

  has(exportId: number): boolean {
    return this.pending.has(exportId);
  }

  /** The panel closed. */
  cancelAll(): void {
    for (const exportId of [...this.pending.keys()]) this.settle(exportId, new Error("The designer closed before the diagram was exported."));
  }

  private settle(exportId: number, outcome: string | Error): void {
    const waiting = this.pending.get(exportId);
    if (!waiting) return;
    this.pending.delete(exportId);
    clearTimeout(waiting.timer);
    if (outcome instanceof Error) waiting.reject(outcome);
    else waiting.resolve(outcome);
  }
}
