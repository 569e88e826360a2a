/**
 * The unread-pixel check at the level of the network: pixels one layer skips are not lost when
 * another layer reads every pixel of the same input (ResNet's 1×1 stride-2 projection beside
 * its 3×3 stride-2 convolution). Such a warning becomes the note `unread-input-covered`, which
 * names the reader and offers no fix (a stride-1 "fix" would break the merge that follows).
 * Linear in the number of layers and their inputs.
 */
import type { PendingDiagnostic } from "./context";

/** What the analysis learnt about how one layer reads its inputs. */
export interface LayerReads {
  id: string;
  /** Indices of the producing layers (-1: the network input). */
  producers: number[];
  /** True when the layer has a shape and reads every image pixel of each input. */
  readsEveryPixel: boolean;
}

export const COVERED_CODE = "unread-input-covered";

/** Rewrites, in place, the `unread-input` warnings whose pixels another layer reads. */
export function applyNetworkReads(sink: PendingDiagnostic[], layers: readonly LayerReads[]): void {
  const fullReaders = new Map<number, number>(); // producer index → the first layer that reads all of it
  layers.forEach((layer, index) => {
    if (!layer.readsEveryPixel) return;
    for (const producer of layer.producers) if (!fullReaders.has(producer)) fullReaders.set(producer, index);
  });
  for (const diagnostic of sink) {
    if (diagnostic.code !== "unread-input" || !diagnostic.readElsewhere || diagnostic.layerIndex === undefined) continue;
    const producers = layers[diagnostic.layerIndex]?.producers ?? [];
    if (producers.length !== 1) continue;
    const readerIndex = fullReaders.get(producers[0]);
    if (readerIndex === undefined) continue;
    const readerId = layers[readerIndex].id;
    diagnostic.severity = "info";
    diagnostic.code = COVERED_CODE;
    diagnostic.message = diagnostic.readElsewhere(readerId);
    diagnostic.related = [{ path: ["layers", readerIndex], message: `${readerId}: reads every pixel of the same input` }];
    delete diagnostic.fixes;
  }
}
