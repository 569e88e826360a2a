/** Go to definition, find references, rename and the outline for layer ids. */
import * as vscode from "vscode";
import { applyIntent, occurrenceAt, occurrencesOf, NETWORK_INPUT, type IdOccurrence } from "../engine/edit";
import { formatShape } from "../engine";
import type { AnalysisStore } from "./documentAnalysis";
import type { Settings } from "./settings";
import { toWorkspaceEdit } from "./vscodeHost";

function rangeOf(document: vscode.TextDocument, node: { offset: number; length: number }): vscode.Range {
  return new vscode.Range(document.positionAt(node.offset), document.positionAt(node.offset + node.length));
}

/** The id without its quotes. */
function innerRange(document: vscode.TextDocument, occurrence: IdOccurrence): vscode.Range {
  const { offset, length } = occurrence.node;
  return new vscode.Range(document.positionAt(offset + 1), document.positionAt(offset + length - 1));
}

export class LayerNavigationProvider
  implements vscode.DefinitionProvider, vscode.ReferenceProvider, vscode.RenameProvider, vscode.DocumentSymbolProvider {
  constructor(private readonly store: AnalysisStore, private readonly settings: () => Settings) {}

  private occurrence(
    document: vscode.TextDocument, position: vscode.Position,
  ): { occurrence: IdOccurrence | undefined; all: (id: string) => IdOccurrence[] } {
    const { layers } = this.store.get(document.uri.toString(), document);
    return { occurrence: occurrenceAt(layers, document.offsetAt(position)), all: (id) => occurrencesOf(layers, id) };
  }

  provideDefinition(document: vscode.TextDocument, position: vscode.Position): vscode.Location | undefined {
    const { occurrence } = this.occurrence(document, position);
    if (!occurrence) return undefined;
    const { layers } = this.store.get(document.uri.toString(), document);
    const target = layers.byId.get(occurrence.id);
    if (!target) return undefined;
    return new vscode.Location(document.uri, rangeOf(document, target.idNode ?? target.node));
  }

  provideReferences(document: vscode.TextDocument, position: vscode.Position, context: vscode.ReferenceContext): vscode.Location[] {
    const { occurrence, all } = this.occurrence(document, position);
    if (!occurrence) return [];
    return all(occurrence.id)
      .filter((found) => context.includeDeclaration || found.kind === "reference")
      .map((found) => new vscode.Location(document.uri, rangeOf(document, found.node)));
  }

  prepareRename(document: vscode.TextDocument, position: vscode.Position): { range: vscode.Range; placeholder: string } {
    const { occurrence } = this.occurrence(document, position);
    if (!occurrence) throw new Error("Place the cursor on a layer id to rename it.");
    if (occurrence.id === NETWORK_INPUT) throw new Error(`"${NETWORK_INPUT}" names the network input and cannot be renamed.`);
    return { range: innerRange(document, occurrence), placeholder: occurrence.id };
  }

  provideRenameEdits(document: vscode.TextDocument, position: vscode.Position, newName: string): vscode.WorkspaceEdit {
    const { occurrence } = this.occurrence(document, position);
    if (!occurrence) throw new Error("Place the cursor on a layer id to rename it.");
    const result = applyIntent(document.getText(), { kind: "renameLayer", id: occurrence.id, newId: newName });
    if (!result.ok) throw new Error(result.error.message);
    return toWorkspaceEdit(document, result.edits);
  }

  provideDocumentSymbols(document: vscode.TextDocument): vscode.DocumentSymbol[] {
    const { layers, analysis } = this.store.get(document.uri.toString(), document);
    const order = this.settings().shapeOrder;
    return layers.layers.map((layer) => {
      const node = analysis.nodes.find((candidate) => candidate.id === layer.id);
      const shape = node?.outputShape ? ` → ${formatShape(node.outputShape, order)}` : "";
      const range = rangeOf(document, layer.node);
      const selection = layer.idNode ? rangeOf(document, layer.idNode) : new vscode.Range(range.start, range.start);
      return new vscode.DocumentSymbol(layer.id, `${layer.type ?? "?"}${shape}`, vscode.SymbolKind.Class, range, selection);
    });
  }
}
