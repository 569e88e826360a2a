// The JSON Schema (schemas/cnn.schema.json, contributed through jsonValidation) gives completion
// in the plain text editor.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { closeAllEditors, fixtureUri, waitFor } from "./support";

async function openAsPlainText(fileName: string): Promise<vscode.TextDocument> {
  const uri = fixtureUri(fileName);
  await vscode.commands.executeCommand("vscode.openWith", uri, "default");
  const editor = await waitFor("the text editor", () => {
    const active = vscode.window.activeTextEditor;
    return active?.document.uri.toString() === uri.toString() ? active : undefined;
  });
  return editor.document;
}

/** The line/character of the first line matching `pattern` after the line containing `after`. */
function positionOf(document: vscode.TextDocument, after: string, pattern: RegExp, character: (line: string) => number): vscode.Position {
  const lines = document.getText().split("\n");
  const start = lines.findIndex((line) => line.includes(after));
  const index = lines.findIndex((line, lineIndex) => lineIndex > start && pattern.test(line));
  assert.ok(start >= 0 && index > start, `fixture ${document.fileName} lost its marker lines`);
  return new vscode.Position(index, character(lines[index]));
}

/** Completion labels at a position; retried because the JSON server loads the schema lazily. */
async function completionLabels(document: vscode.TextDocument, position: vscode.Position, expected: string[]): Promise<string[]> {
  let labels: string[] = [];
  await waitFor(`completion items ${expected.join(", ")}`, async () => {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>("vscode.executeCompletionItemProvider", document.uri, position);
    labels = list.items.map((item) => (typeof item.label === "string" ? item.label : item.label.label).replace(/^"|"$/g, ""));
    return expected.every((label) => labels.includes(label)) ? true : undefined;
  }, 15_000).catch((error: unknown) => {
    throw new Error(`${error instanceof Error ? error.message : String(error)}; got: ${labels.join(", ") || "none"}`);
  });
  return labels;
}

suite("JSON schema", () => {
  suiteTeardown(closeAllEditors);

  test("a *.cnn.json opens in the jsonc language", async () => {
    const document = await openAsPlainText("completion.cnn.json");
    assert.equal(document.languageId, "jsonc");
  });

  test("completion inside a conv2d layer offers its properties", async () => {
    const document = await openAsPlainText("completion.cnn.json");
    const blankLine = positionOf(document, '"id": "c2"', /^\s*$/, (line) => line.length);
    const labels = await completionLabels(document, blankLine, ["kernel", "stride", "padding"]);
    assert.ok(!labels.includes("id"), "an existing property is offered again");
  });

  test("completion of a layer's type offers the layer types", async () => {
    const document = await openAsPlainText("completion.cnn.json");
    const typeValue = positionOf(document, '"id": "c2"', /"type": "conv2d"/, (line) => line.indexOf('"conv2d"') + 1);
    await completionLabels(document, typeValue, ["conv2d", "maxpool2d", "linear", "flatten"]);
  });
});
