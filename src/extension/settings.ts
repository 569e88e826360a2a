/** The cnnDesigner.* settings (contributes.configuration in package.json). */
import * as vscode from "vscode";
import type { ViewSettings } from "../protocol";

export const SECTION = "cnnDesigner";

export interface Settings extends ViewSettings {
  codeLensEnabled: boolean;
  /** cnnDesigner.preview.channelCap: feature maps shown per layer at most. */
  previewChannelCap: number;
  /** cnnDesigner.preview.seed: the preview seed of files without a top-level `seed` (the file's wins). */
  previewSeed: number;
  /** cnnDesigner.problems.readNotes: also the notes on reads that lose no image pixel. */
  readNotes: boolean;
}

export function readSettings(scope?: vscode.Uri): Settings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    codeLensEnabled: config.get<boolean>("codeLens.enabled", true),
    shapeOrder: config.get<string>("shapeOrder", "CHW") === "HWC" ? "HWC" : "CHW",
    layoutDirection: config.get<string>("layout.direction", "TB") === "LR" ? "LR" : "TB",
    previewChannelCap: wholeNumber(config.get<number>("preview.channelCap", 16), 16, 1),
    previewSeed: wholeNumber(config.get<number>("preview.seed", 0), 0, 0),
    readNotes: config.get<unknown>("problems.readNotes", false) === true,
  };
}

/** A setting that must be a whole number ≥ minimum; anything else gives the default. */
function wholeNumber(value: unknown, fallback: number, minimum: number): number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= minimum ? value : fallback;
}

/** The setting that changes what the analysis reports. */
export const READ_NOTES_SETTING = `${SECTION}.problems.readNotes`;

export function viewSettings(settings: Settings): ViewSettings {
  return { shapeOrder: settings.shapeOrder, layoutDirection: settings.layoutDirection, readNotes: settings.readNotes };
}
