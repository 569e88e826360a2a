/** The webview's side of the protocol: posting, request ids and replies, persisted view state. */
import type { CheckedFixView, EditIntent, HostToView, ReplyError, ViewToHost } from "../src/protocol";

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export type Reply = { ok: true; createdId?: string; fixes?: CheckedFixView[] } | { ok: false; error: ReplyError };

/** What survives the webview being hidden and shown again (never model data: the document is the truth). */
export interface PersistedState {
  selectedLayerId: string | null;
  /** The graph designer's view state (zoom, pan, selection, panel sizes), opaque here. */
  designer?: unknown;
  /** The preview drawer's height chosen with its divider (pixels), unchecked here. */
  previewHeight?: unknown;
}

type Request =
  | { type: "editIntent"; intent: EditIntent }
  | { type: "requestFix"; docVersion: number; diagnosticIndex: number; fixIndex: number }
  | { type: "checkFixes"; docVersion: number; diagnosticIndex: number };

export class HostConnection {
  private readonly api = acquireVsCodeApi();
  private nextRequestId = 1;
  private readonly pending = new Map<number, (reply: Reply) => void>();

  constructor(private readonly onMessage: (message: HostToView) => void) {
    window.addEventListener("message", (event: MessageEvent<unknown>) => this.receive(event.data));
  }

  /** Fire-and-forget messages. */
  post(message: Exclude<ViewToHost, { requestId: number }>): void {
    this.api.postMessage(message);
  }

  /** An edit intent or fix request; resolves with the host's reply. */
  request(request: Request): Promise<Reply> {
    const requestId = this.nextRequestId++;
    return new Promise((resolve) => {
      this.pending.set(requestId, resolve);
      this.api.postMessage({ ...request, requestId } satisfies ViewToHost);
    });
  }

  loadState(): PersistedState {
    const state = this.api.getState() as Partial<PersistedState> | undefined;
    return {
      selectedLayerId: typeof state?.selectedLayerId === "string" ? state.selectedLayerId : null,
      designer: typeof state?.designer === "object" && state.designer !== null ? state.designer : undefined,
      previewHeight: state?.previewHeight,
    };
  }

  saveState(state: PersistedState): void {
    this.api.setState(state);
  }

  private receive(data: unknown): void {
    if (typeof data !== "object" || data === null || typeof (data as { type?: unknown }).type !== "string") return;
    const message = data as HostToView;
    if (message.type === "reply") {
      const resolve = this.pending.get(message.requestId);
      this.pending.delete(message.requestId);
      resolve?.(message.ok ? { ok: true, createdId: message.createdId, fixes: message.fixes } : { ok: false, error: message.error });
      return;
    }
    this.onMessage(message);
  }
}
