/**
 * The seam between the preview panel and whoever mounts it (the table view today, the graph
 * designer later): a port that posts preview messages, delivers the host's, and sends edit
 * intents with their reply.
 */
import type { Analysis } from "../../src/engine/types";
import type { EditIntent, HostToView, PreviewHostToView, PreviewViewToHost, ViewSettings } from "../../src/protocol";

export type PreviewIntentReply = { ok: true } | { ok: false; message: string };

export interface PreviewPort {
  /** Posts a preview message to the host. */
  post(message: PreviewViewToHost): void;
  /** Listens to the host's preview messages; returns the unsubscribe function. */
  subscribe(listener: (message: PreviewHostToView) => void): () => void;
  /** protocol `editIntent` (the "write flipKernel to the file" button); resolves with the reply. */
  sendIntent(intent: EditIntent): Promise<PreviewIntentReply>;
}

export interface PreviewPanelProps {
  port: PreviewPort;
  /** The designer's analysis (null: none yet) and its document version. */
  analysis: Analysis | null;
  docVersion: number;
  /** The layer whose maps to show (null: none selected). */
  selectedLayerId: string | null;
  settings: ViewSettings;
  /** False while the panel is collapsed or hidden: nothing runs (default true). */
  active?: boolean;
}

const PREVIEW_HOST_TYPES: readonly string[] = ["previewImages", "previewProgress", "previewResult", "previewCancelled", "previewError"] satisfies PreviewHostToView["type"][];

export function isPreviewHostMessage(message: HostToView): message is PreviewHostToView {
  return PREVIEW_HOST_TYPES.includes(message.type);
}

/** A port over a host connection: the caller forwards the host's preview messages to `deliver`. */
export function createPreviewChannel(
  post: (message: PreviewViewToHost) => void,
  sendIntent: (intent: EditIntent) => Promise<PreviewIntentReply>,
): { port: PreviewPort; deliver(message: PreviewHostToView): void } {
  const listeners = new Set<(message: PreviewHostToView) => void>();
  return {
    port: {
      post,
      sendIntent,
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    deliver(message) {
      for (const listener of listeners) listener(message);
    },
  };
}
