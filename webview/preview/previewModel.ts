/**
 * The panel's state as a reducer over the host's preview messages (pure). Messages of runs
 * older than the newest request are ignored; the last result stays on screen while a newer
 * run works.
 */
import type { PreviewErrorCode, PreviewHostToView, PreviewImageOption, PreviewInputImage, PreviewResultData, PreviewRunRequest } from "../../src/protocol";
import { formatRange } from "./numberText";

export interface ImageChoices {
  options: PreviewImageOption[];
  workspaceTrusted: boolean;
  channelCap: number;
  note?: string;
}

export type RunPhase = "idle" | "running" | "done" | "failed" | "cancelled";

export interface PreviewModel {
  images: ImageChoices | null;
  /** Set by Browse…: the image to select. */
  pickedId: string | null;
  /** The newest run the view asked for (0: none). */
  runId: number;
  phase: RunPhase;
  progress: { completed: number; total: number; layerId: string } | null;
  result: PreviewResultData | null;
  error: { code: PreviewErrorCode; message: string } | null;
  notice: string | null;
  /** Image bytes received so far, by image id. */
  inputs: Record<string, PreviewInputImage>;
  /** [minimum, maximum] of each shown map per rangeKey, to compare the flip states. */
  ranges: Record<string, [number, number][]>;
}

export type PreviewAction =
  | { kind: "host"; message: PreviewHostToView }
  | { kind: "started"; request: PreviewRunRequest }
  | { kind: "stopped" };

export const INITIAL_MODEL: PreviewModel = {
  images: null, pickedId: null, runId: 0, phase: "idle", progress: null, result: null, error: null, notice: null, inputs: {}, ranges: {},
};

/** Results that differ only in the flip share a key but for its last part. */
export function rangeKey(layerId: string, imageId: string, docVersion: number, flipKernel: boolean): string {
  return JSON.stringify([layerId, imageId, docVersion, flipKernel]);
}

function withResult(model: PreviewModel, result: PreviewResultData): PreviewModel {
  const inputs = result.input ? { ...model.inputs, [result.imageId]: result.input } : model.inputs;
  const maps = result.selected?.featureMaps?.maps;
  const flip = result.selected?.flipKernel;
  const ranges = maps && flip !== undefined
    ? {
      ...model.ranges,
      [rangeKey(result.layerId, result.imageId, result.docVersion, flip)]: maps.map((map): [number, number] => [map.minimum, map.maximum]),
    }
    : model.ranges;
  return { ...model, phase: "done", progress: null, result, error: null, notice: null, inputs, ranges };
}

function onHostMessage(model: PreviewModel, message: PreviewHostToView): PreviewModel {
  switch (message.type) {
    case "previewImages": {
      const images = {
        options: message.images, workspaceTrusted: message.workspaceTrusted, channelCap: message.channelCap, note: message.note,
      };
      return { ...model, pickedId: message.pickedId ?? model.pickedId, images };
    }
    case "previewError":
      if (message.runId === null) return { ...model, notice: message.message };
      if (message.runId !== model.runId) return model;
      return { ...model, phase: "failed", progress: null, result: null, error: { code: message.code, message: message.message }, notice: null };
    case "previewProgress":
      if (message.runId !== model.runId) return model;
      return { ...model, phase: "running", progress: { completed: message.completed, total: message.total, layerId: message.layerId } };
    case "previewCancelled":
      if (message.runId !== model.runId) return model;
      if (message.reason === "spec-changed") return { ...model, phase: "running", progress: null, notice: "The file changed: running again…" };
      if (message.reason === "stopped") return { ...model, phase: "idle", progress: null };
      return { ...model, phase: "cancelled", progress: null, notice: "Cancelled: another preview took the worker. Choose the layer again to rerun." };
    case "previewResult":
      return message.runId === model.runId ? withResult(model, message.result) : model;
  }
}

export function reducePreview(model: PreviewModel, action: PreviewAction): PreviewModel {
  switch (action.kind) {
    case "host":
      return onHostMessage(model, action.message);
    case "started":
      return { ...model, runId: action.request.runId, phase: "running", progress: null, error: null, notice: null };
    case "stopped":
      return { ...model, phase: "idle", progress: null };
  }
}

/** The image shown first: a bundled photo (astronaut for colour inputs, camera for grey ones) or the first offered. */
export function defaultImageId(options: readonly { id: string }[], inputChannels: number | undefined): string | null {
  const preferred = inputChannels === 1 ? "sample:camera.png" : "sample:astronaut.jpg";
  return options.find((option) => option.id === preferred)?.id ?? options[0]?.id ?? null;
}

/** "#0: −3.9 … 4 → −4 … 3.9" for the maps of the other flip state of the same run. */
export function compareRanges(model: PreviewModel): string[] {
  const result = model.result;
  const selected = result?.selected;
  if (!result || !selected?.featureMaps || selected.flipKernel === undefined) return [];
  const before = model.ranges[rangeKey(result.layerId, result.imageId, result.docVersion, !selected.flipKernel)];
  if (!before) return [];
  return selected.featureMaps.maps.slice(0, 4).map((map, index) => {
    const [minimum, maximum] = before[index] ?? [Number.NaN, Number.NaN];
    return `#${selected.featureMaps!.firstChannel + index}: ${formatRange(minimum, maximum)} → ${formatRange(map.minimum, map.maximum)}`;
  });
}
