/** The cnnDesigner.* settings (contributes.configuration in package.json). */
import * as vscode from "vscode";
import type { ViewSettings } from "../protocol";

export const SECTION = "cnnDesigner";

export interface Settings extends ViewSettings {
  codeLensEnabled: boolean;
}

export function readSettings(scope?: vscode.Uri): Settings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    codeLensEnabled: config.get<boolean>("codeLens.enabled", true),
    shapeOrder: config.get<string>("shapeOrder", "CHW") === "HWC" ? "HWC" : "CHW",
    layoutDirection: config.get<string>("layout.direction", "TB") === "LR" ? "LR" : "TB",
  };
}

export function viewSettings(settings: Settings): ViewSettings {
  return { shapeOrder: settings.shapeOrder, layoutDirection: settings.layoutDirection };
}
