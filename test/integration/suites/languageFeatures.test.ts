// Language features in the text editor of a *.cnn.json: hover, CodeLens, `inputs` completion,
// go to definition, references, rename (and its refusals) and the outline.
import * as assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as vscode from "vscode";
import { closeAllEditors, waitFor } from "./support";

const text = `{
  "version": 1,
  "input": [1, 32, 32],
  "layers": [
    { "id": "c1", "type": "conv2d", "filters": 6, "kernel": 5 },
    { "id": "s2", "type": "maxpool2d", "kernel": 2 },
    { "id": "c3", "type": "conv2d", "filters": 6, "kernel": 3, "padding": 1 },
    { "id": "sum", "type": "add", "inputs": ["c3", "s2"] },
    { "id": "tail", "type": "relu", "inputs": [""] }
  ]
}
`;

const folder = mkdtempSync(join(tmpdir(), "cnn-language-"));
let fileCount = 0;

async function openText(): Promise<vscode.TextDocument> {
  const path = join(folder, `net${++fileCount}.cnn.json`);
  writeFileSync(path, text);
  const editor = await vscode.window.showTextDocument(vscode.Uri.file(path));
  return editor.document;
}

/** The position just inside the n-th occurrence (0-based) of `needle`. */
function positionOf(document: vscode.TextDocument, needle: string, occurrence = 0, inside = 1): vscode.Position {
  let offset = -1;
  for (let count = 0; count <= occurrence; count++) offset = text.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, `${needle} not found`);
  return document.positionAt(offset + inside);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === "string" ? content : content.value))).join("\n");
}

suite("language features", () => {
  teardown(async () => {
    await Promise.all(vscode.workspace.textDocuments.filter((document) => document.isDirty).map((document) => document.save()));
    await closeAllEditors();
  });

  test("hover on a layer shows input → output shape, parameters, MACs and the output-size formula", async () => {
    const document = await openText();
    const hovers = await waitFor("a hover", async () => {
      const found = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", document.uri, positionOf(document, `"filters": 6, "kernel": 5`));
      return hoverText(found).includes("6×28×28") ? found : undefined;
    });
    const shown = hoverText(hovers);
    assert.match(shown, /1×32×32 → \*\*6×28×28\*\*/);
    assert.match(shown, /Parameters \| 156 \|/);
    assert.match(shown, /MACs \| 117,600 /);
    assert.match(shown, /Height: ⌊\(32 \+ 2·0 − 1·\(5−1\) − 1\)\/1⌋ \+ 1 = 28/, "the output-size arithmetic with the layer's numbers");
  });

  test("a CodeLens per layer: output shape and parameters (? where the engine cannot infer it)", async () => {
    const document = await openText();
    const lenses = await waitFor("the lenses", async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>("vscode.executeCodeLensProvider", document.uri);
      const titles = found.map((lens) => lens.command?.title ?? "").filter((title) => title.startsWith("→"));
      return titles.length === 5 ? titles : undefined;
    });
    assert.deepEqual(lenses, ["→ 6×28×28 · 156 params", "→ 6×14×14 · 0 params", "→ 6×14×14 · 330 params", "→ 6×14×14 · 0 params", "→ ? · 0 params"]);
  });

  test("completion inside inputs offers earlier layers and input, not later ones", async () => {
    const document = await openText();
    const list = await vscode.commands.executeCommand<vscode.CompletionList>("vscode.executeCompletionItemProvider", document.uri, positionOf(document, `[""]`, 0, 2));
    const labels = new Set(list.items.map((item) => (typeof item.label === "string" ? item.label : item.label.label)));
    for (const expected of ["input", "c1", "s2", "c3", "sum"]) assert.ok(labels.has(expected), `missing ${expected}`);
    assert.ok(!labels.has("tail"), "a layer cannot read itself");
  });

  test("go to definition and find references on an id", async () => {
    const document = await openText();
    const reference = positionOf(document, `"c3", "s2"`);
    const definitions = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>("vscode.executeDefinitionProvider", document.uri, reference);
    const ranges = definitions.map((found) => ("targetRange" in found ? found.targetRange : found.range));
    const definitionAt = text.indexOf(`"c3"`);
    const definitionRange = new vscode.Range(document.positionAt(definitionAt), document.positionAt(definitionAt + 4));
    assert.ok(ranges.some((range) => range.isEqual(definitionRange)));
    const references = await vscode.commands.executeCommand<vscode.Location[]>("vscode.executeReferenceProvider", document.uri, reference);
    assert.deepEqual(references.map((location) => document.offsetAt(location.range.start)).sort((a, b) => a - b), [definitionAt, text.indexOf(`"c3", "s2"`)]);
  });

  test("rename updates the id and every reference, and refuses a duplicate", async () => {
    const document = await openText();
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>("vscode.executeDocumentRenameProvider", document.uri, positionOf(document, `"s2", "type"`), "pool");
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(document.getText(), text.replace(`"id": "s2"`, `"id": "pool"`).replace(`["c3", "s2"]`, `["c3", "pool"]`));
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand("vscode.executeDocumentRenameProvider", document.uri, positionOf(document, `"c1"`), "c3")),
      /already called "c3"/,
    );
  });

  test("the outline lists the layers with their types", async () => {
    const document = await openText();
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>("vscode.executeDocumentSymbolProvider", document.uri);
    const layers = symbols.filter((symbol) => symbol.kind === vscode.SymbolKind.Class);
    assert.deepEqual(layers.map((symbol) => [symbol.name, symbol.detail]), [
      ["c1", "conv2d → 6×28×28"], ["s2", "maxpool2d → 6×14×14"], ["c3", "conv2d → 6×14×14"], ["sum", "add → 6×14×14"], ["tail", "relu"],
    ]);
  });
});
