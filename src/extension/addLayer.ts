/**
 * cnnDesigner.addLayer ("Add Layer…", Ctrl+K Shift+A in the designer): a quick pick of the layer
 * types, grouped as the palette is, then the active designer inserts the chosen type after its
 * selection and moves the keyboard focus to the new node. The types come from the registry.
 *
 *   addLayer(layerType?: string) — with a known type no quick pick is shown (tests, keybindings).
 */
import * as vscode from "vscode";
import { describeValue } from "../engine/context";
import { PALETTE_GROUPS } from "../engine/layers/layerType";
import { LAYER_TYPE_LIST } from "../engine/layers/registry";

type TypeItem = vscode.QuickPickItem & { layerType?: string };

function typeItems(): TypeItem[] {
  return PALETTE_GROUPS.flatMap((group) => [
    { label: group, kind: vscode.QuickPickItemKind.Separator },
    ...LAYER_TYPE_LIST.filter((layerType) => layerType.paletteGroup === group)
      .map((layerType) => ({ label: layerType.type, detail: layerType.summary, layerType: layerType.type })),
  ]);
}

/** Asks for a type (unless `given` names one) and sends it to the active designer. */
export async function addLayer(sendToActiveDesigner: (layerType: string) => boolean, given?: unknown): Promise<string | undefined> {
  const known = LAYER_TYPE_LIST.some((layerType) => layerType.type === given);
  if (given !== undefined && !known) throw new Error(`Unknown layer type ${describeValue(given)}.`);
  const layerType = known
    ? (given as string)
    : (await vscode.window.showQuickPick(typeItems(), { title: "Add a layer after the selection", matchOnDetail: true }))?.layerType;
  if (!layerType) return undefined;
  if (!sendToActiveDesigner(layerType)) {
    throw new Error("Add Layer works in the designer: open a *.cnn.json in CNN Designer and select the layer to add after.");
  }
  return layerType;
}
