/** Hover, CodeLens and `inputs` completion for *.cnn.json text editors. */
import * as vscode from "vscode";
import { NETWORK_INPUT, occurrenceAt, layerAt, type LayerEntry } from "../engine/edit";
import type { AnalysisStore, DocumentAnalysis } from "./documentAnalysis";
import { hoverMarkdown, lensTitle } from "./layerText";
import type { Settings } from "./settings";

function nodeIndexOf(result: DocumentAnalysis, layer: LayerEntry): number {
  return result.analysis.nodes.findIndex((node) => node.id === layer.id);
}

function nodeRange(document: vscode.TextDocument, node: { offset: number; length: number }): vscode.Range {
  return new vscode.Range(document.positionAt(node.offset), document.positionAt(node.offset + node.length));
}

export class LayerHoverProvider implements vscode.HoverProvider {
  constructor(private readonly store: AnalysisStore, private readonly settings: () => Settings) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const result = this.store.get(document.uri.toString(), document);
    const offset = document.offsetAt(position);
    const occurrence = occurrenceAt(result.layers, offset);
    const layer = occurrence ? result.layers.byId.get(occurrence.id) : layerAt(result.layers, offset);
    if (!layer) return undefined;
    const index = nodeIndexOf(result, layer);
    if (index < 0) return undefined;
    const markdown = new vscode.MarkdownString(hoverMarkdown(result.analysis, index, this.settings().shapeOrder));
    return new vscode.Hover(markdown, nodeRange(document, occurrence ? occurrence.node : layer.node));
  }
}

export class LayerCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly store: AnalysisStore, private readonly settings: () => Settings) {}

  /** Settings changed: ask VS Code to fetch the lenses again. */
  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const settings = this.settings();
    if (!settings.codeLensEnabled) return [];
    const result = this.store.get(document.uri.toString(), document);
    return result.layers.layers.flatMap((layer) => {
      const index = nodeIndexOf(result, layer);
      if (index < 0) return [];
      const start = document.positionAt(layer.node.offset);
      return [new vscode.CodeLens(new vscode.Range(start, start), { title: lensTitle(result.analysis.nodes[index], settings.shapeOrder), command: "" })];
    });
  }
}

export class InputsCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly store: AnalysisStore) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const result = this.store.get(document.uri.toString(), document);
    const offset = document.offsetAt(position);
    const layer = layerAt(result.layers, offset);
    const inputs = layer?.inputsNode;
    if (!layer || !inputs || offset <= inputs.offset || offset >= inputs.offset + inputs.length) return [];
    const inside = layer.inputReferences.find(
      (reference) => offset > reference.node.offset && offset < reference.node.offset + reference.node.length,
    );
    const listed = new Set(layer.inputReferences.filter((reference) => reference !== inside).map((reference) => reference.id));
    const candidates = [
      NETWORK_INPUT, ...result.layers.layers.slice(0, layer.index).filter((earlier) => earlier.explicitId).map((earlier) => earlier.id),
    ];
    const range = inside
      ? new vscode.Range(document.positionAt(inside.node.offset + 1), document.positionAt(inside.node.offset + inside.node.length - 1))
      : undefined;
    return candidates.filter((id) => !listed.has(id)).map((id, order) => {
      const item = new vscode.CompletionItem(
        id, id === NETWORK_INPUT ? vscode.CompletionItemKind.Constant : vscode.CompletionItemKind.Reference,
      );
      item.insertText = inside ? id : JSON.stringify(id);
      if (range) item.range = range;
      item.sortText = String(candidates.length - order).padStart(4, "0");
      const earlier = result.layers.byId.get(id);
      item.detail = earlier ? `layer ${earlier.index} · ${earlier.type ?? "?"}` : "the network input";
      return item;
    });
  }
}
