// The designer (custom text editor) in a real VS Code: it opens, its intents become exact text
// edits that undo restores byte for byte, several panels stay in sync, a broken text pauses
// edits, and Problems carry the engine's ranges with working quick fixes.
import * as assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as vscode from "vscode";
import type { CnnDesignerTestApi } from "../../../src/extension/extension";
import type { HostToView } from "../../../src/protocol";
import { closeAllEditors, customEditorViewType, extensionId, waitFor } from "./support";

const lenet = `// A small test net.
{
  "version": 1,
  "input": [1, 32, 32],
  "layers": [
    { "id": "c1", "type": "conv2d", "filters": 6, "kernel": 5, "activation": "relu" },
    { "id": "s2", "type": "maxpool2d", "kernel": 2 }, // pooling
    { "id": "flat", "type": "flatten" },
    { "id": "out", "type": "linear", "units": 10 }
  ]
}
`;

const tooBig = `{
  "version": 1,
  "input": [1, 4, 4],
  "layers": [
    { "id": "big", "type": "conv2d", "filters": 4, "kernel": 7 },
    { "id": "flat", "type": "flatten" }
  ]
}
`;

const folder = mkdtempSync(join(tmpdir(), "cnn-editor-"));
let fileCount = 0;

/** A fresh file with this text (the fixtures stay untouched). */
function tempFile(text: string): vscode.Uri {
  const path = join(folder, `net${++fileCount}.cnn.json`);
  writeFileSync(path, text);
  return vscode.Uri.file(path);
}

async function api(): Promise<CnnDesignerTestApi> {
  const extension = vscode.extensions.getExtension<CnnDesignerTestApi>(extensionId);
  assert.ok(extension);
  return extension.activate();
}

function documentOf(uri: vscode.Uri): vscode.TextDocument {
  const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri.toString());
  assert.ok(document, `${uri.toString()} is not open`);
  return document;
}

/** Opens the designer and waits until its webview has said `ready` (the host answered `init`). */
async function openDesigner(uri: vscode.Uri, panelIndex = 0, column = vscode.ViewColumn.Active): Promise<CnnDesignerTestApi> {
  const host = await api();
  await vscode.commands.executeCommand("vscode.openWith", uri, customEditorViewType, column);
  await waitFor(`designer panel ${panelIndex} to be ready`, () =>
    host.panelCount(uri) > panelIndex && host.postedTo(uri, panelIndex).some((message) => message.type === "init") ? true : undefined, 20_000);
  return host;
}

function lastOf<T extends HostToView["type"]>(messages: HostToView[], type: T): Extract<HostToView, { type: T }> | undefined {
  return messages.filter((message): message is Extract<HostToView, { type: T }> => message.type === type).at(-1);
}

async function saveAndClose(): Promise<void> {
  await Promise.all(vscode.workspace.textDocuments.filter((document) => document.isDirty).map((document) => document.save()));
  await closeAllEditors();
}

suite("designer (custom editor)", () => {
  teardown(saveAndClose);

  test("a *.cnn.json opens in the designer, whose webview runs under the CSP and gets the analysis", async () => {
    const uri = tempFile(lenet);
    const host = await openDesigner(uri);
    const init = lastOf(host.postedTo(uri, 0), "init");
    assert.ok(init?.analysis);
    assert.deepEqual(init.analysis.nodes.map((node) => node.outputShape), [[6, 28, 28], [6, 14, 14], [1176], [10]]);
    assert.equal(init.parseError, null);
    assert.equal(init.fileName, uri.path.split("/").pop());
  });

  test("an intent becomes exactly the expected text, and undo restores the file byte for byte", async () => {
    const uri = tempFile(lenet);
    const host = await openDesigner(uri);
    await host.sendFromView(uri, 0, { type: "editIntent", requestId: 1, intent: { kind: "insertLayer", afterId: "c1", layer: { type: "batchnorm2d" } } });
    const document = documentOf(uri);
    const expected = lenet.replace(`"relu" },\n`, `"relu" },\n    { "id": "bn1", "type": "batchnorm2d" },\n`);
    assert.equal(document.getText(), expected);
    assert.deepEqual(lastOf(host.postedTo(uri, 0), "reply"), { type: "reply", requestId: 1, ok: true, createdId: "bn1" });
    assert.equal(document.isDirty, true);
    await vscode.window.showTextDocument(document, vscode.ViewColumn.Beside);
    await vscode.commands.executeCommand("undo");
    await waitFor("undo to restore the text", () => (document.getText() === lenet ? true : undefined));
    await vscode.commands.executeCommand("redo");
    await waitFor("redo to apply it again", () => (document.getText() === expected ? true : undefined));
  });

  test("one designer per document: opening it again beside shows the open one; it follows edits and typing", async () => {
    const uri = tempFile(lenet);
    const host = await openDesigner(uri, 0);
    const column = vscode.window.tabGroups.activeTabGroup.viewColumn;
    await vscode.commands.executeCommand("vscode.openWith", uri, customEditorViewType, vscode.ViewColumn.Beside);
    await waitFor("the second designer to close and the first to be active", () => {
      const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs);
      const designers = tabs.filter((tab) => tab.input instanceof vscode.TabInputCustom && tab.input.uri.toString() === uri.toString());
      const active = vscode.window.tabGroups.activeTabGroup;
      return designers.length === 1 && active.viewColumn === column && active.activeTab === designers[0] ? true : undefined;
    });
    assert.equal(host.panelCount(uri), 1);
    await host.sendFromView(uri, 0, { type: "editIntent", requestId: 5, intent: { kind: "setField", id: "c1", key: "filters", value: 8 } });
    const document = documentOf(uri);
    assert.equal(document.getText(), lenet.replace(`"filters": 6`, `"filters": 8`));

    const typing = new vscode.WorkspaceEdit();
    const at = document.getText().indexOf(`"kernel": 5`) + `"kernel": `.length;
    typing.replace(uri, new vscode.Range(document.positionAt(at), document.positionAt(at + 1)), "3");
    assert.ok(await vscode.workspace.applyEdit(typing));
    const update = await waitFor("the designer to see the typed change", () => {
      const message = lastOf(host.postedTo(uri, 0), "analysis");
      return message?.docVersion === document.version ? message : undefined;
    });
    assert.deepEqual(update.analysis?.nodes[0].outputShape, [8, 30, 30]);
  });

  test("showInText selects a problem's field in the open text editor without taking the focus", async () => {
    const uri = tempFile(lenet);
    const host = await openDesigner(uri);
    const document = documentOf(uri);
    const text = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
    await host.sendFromView(uri, 0, { type: "showInText", path: ["layers", 1, "kernel"] });
    await waitFor("the kernel of s2 selected in the text", () => (document.getText(text.selection) === "2" ? true : undefined));
    assert.equal(document.lineAt(text.selection.start.line).text.includes(`"id": "s2"`), true);
    const active = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(active instanceof vscode.TabInputCustom, "the designer kept the focus");
  });

  test("Add Layer… sends a known type to the active designer, and only then", async () => {
    const uri = tempFile(lenet);
    const host = await openDesigner(uri);
    const sent = await vscode.commands.executeCommand("cnnDesigner.addLayer", "batchnorm2d");
    assert.equal(sent, "batchnorm2d");
    assert.deepEqual(lastOf(host.postedTo(uri, 0), "addLayer"), { type: "addLayer", layerType: "batchnorm2d" });
    assert.equal(await vscode.commands.executeCommand("cnnDesigner.addLayer", "conv9d"), undefined, "an unknown type is refused");
    assert.equal(host.postedTo(uri, 0).filter((message) => message.type === "addLayer").length, 1);
    await closeAllEditors();
    assert.equal(await vscode.commands.executeCommand("cnnDesigner.addLayer", "relu"), undefined, "no active designer: refused");
  });

  test("while the text is not JSON the designer keeps the last good state, shows where, and refuses edits", async () => {
    const uri = tempFile(lenet);
    const host = await openDesigner(uri);
    const document = documentOf(uri);
    const breakIt = new vscode.WorkspaceEdit();
    const brace = lenet.indexOf(`"units": 10 }`) + `"units": 10 `.length;
    breakIt.delete(uri, new vscode.Range(document.positionAt(brace), document.positionAt(brace + 1)));
    assert.ok(await vscode.workspace.applyEdit(breakIt));
    const update = await waitFor("the parse error banner info", () => {
      const message = lastOf(host.postedTo(uri, 0), "analysis");
      return message?.parseError ? message : undefined;
    });
    assert.deepEqual(update.parseError && [update.parseError.line, update.parseError.column], [10, 3]);
    assert.equal(update.analysis?.nodes.length, 4);
    const broken = document.getText();
    await host.sendFromView(uri, 0, { type: "editIntent", requestId: 9, intent: { kind: "removeLayer", id: "flat" } });
    const reply = lastOf(host.postedTo(uri, 0), "reply");
    assert.equal(reply?.ok, false);
    assert.equal(reply?.ok === false ? reply.error.code : undefined, "parse-error");
    assert.equal(document.getText(), broken);
  });

  test("malformed messages from the view are refused and change nothing", async () => {
    const uri = tempFile(lenet);
    const host = await openDesigner(uri);
    await host.sendFromView(uri, 0, { type: "editIntent", requestId: 3, intent: { kind: "removeLayer", id: 42 } });
    const reply = lastOf(host.postedTo(uri, 0), "reply");
    assert.equal(reply?.ok === false ? reply.error.code : undefined, "invalid-message");
    assert.equal(documentOf(uri).getText(), lenet);
  });

  test("Problems: the engine's diagnostic at its exact range, with code and source", async () => {
    const uri = tempFile(tooBig);
    await vscode.window.showTextDocument(uri);
    const diagnostic = await waitFor("the kernel diagnostic", () =>
      vscode.languages.getDiagnostics(uri).find((candidate) => candidate.source === "cnn" && candidate.code === "kernel-exceeds-input"));
    const seven = tooBig.indexOf(`"kernel": 7`) + `"kernel": `.length;
    const document = documentOf(uri);
    assert.deepEqual(diagnostic.range, new vscode.Range(document.positionAt(seven), document.positionAt(seven + 1)));
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
  });

  test("each quick fix edits the text minimally, the preferred one first-class; applying it clears the problem", async () => {
    const uri = tempFile(tooBig);
    await vscode.window.showTextDocument(uri);
    const diagnostic = await waitFor("the kernel diagnostic", () =>
      vscode.languages.getDiagnostics(uri).find((candidate) => candidate.code === "kernel-exceeds-input"));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const ours = actions.filter((action) => action.title.startsWith("Set "));
    const seen = actions.map((action) => `${action.title} [${(action.diagnostics ?? []).map((candidate) => String(candidate.code)).join(",")}]`);
    assert.ok(ours.length >= 2, `expected the engine's fixes, got: ${seen.join("; ")}`);
    // Each title says what else the fix changes (engine/fixCheck.ts).
    const expectedTexts = new Map([
      ["Set padding to 2 — flat gets 16; params +200", tooBig.replace(`"kernel": 7 }`, `"kernel": 7, "padding": 2 }`)],
      ["Set kernel to 4 — flat gets 4; params +68", tooBig.replace(`"kernel": 7 }`, `"kernel": 4 }`)],
    ]);
    const document = documentOf(uri);
    for (const [title, expected] of expectedTexts) {
      const action = ours.find((candidate) => candidate.title === title);
      assert.ok(action?.edit, `no quick fix "${title}" in ${seen.join("; ")}`);
      assert.equal(action.isPreferred === true, title.startsWith("Set padding to 2"));
      assert.ok(await vscode.workspace.applyEdit(action.edit));
      assert.equal(document.getText(), expected);
      await vscode.commands.executeCommand("undo");
      await waitFor("undo", () => (document.getText() === tooBig ? true : undefined));
    }
    const preferred = ours.find((action) => action.isPreferred);
    assert.ok(preferred?.edit && (await vscode.workspace.applyEdit(preferred.edit)));
    await waitFor("the problem to go away", () =>
      vscode.languages.getDiagnostics(uri).some((candidate) => candidate.code === "kernel-exceeds-input") ? undefined : true);
  });

  test("the designer asks for the checked fixes, then applies one by its index in that answer", async () => {
    const uri = tempFile(tooBig);
    const host = await openDesigner(uri);
    const init = lastOf(host.postedTo(uri, 0), "init");
    assert.ok(init?.analysis);
    const diagnosticIndex = init.analysis.diagnostics.findIndex((candidate) => candidate.code === "kernel-exceeds-input");
    await host.sendFromView(uri, 0, { type: "checkFixes", requestId: 1, docVersion: init.docVersion, diagnosticIndex });
    const answer = lastOf(host.postedTo(uri, 0), "reply");
    assert.ok(answer?.ok && answer.fixes, `no fixes in ${JSON.stringify(answer)}`);
    const fixIndex = answer.fixes.findIndex((fix) => fix.title === "Set kernel to 4");
    assert.equal(answer.fixes[fixIndex]?.consequences, "flat gets 4; params +68");
    await host.sendFromView(uri, 0, { type: "requestFix", requestId: 2, docVersion: init.docVersion, diagnosticIndex, fixIndex });
    assert.equal(documentOf(uri).getText(), tooBig.replace(`"kernel": 7 }`, `"kernel": 4 }`));
  });

  test("cnnDesigner.openAsText and openDesigner switch between the two views of the file", async () => {
    const uri = tempFile(lenet);
    await openDesigner(uri);
    await vscode.commands.executeCommand("cnnDesigner.openAsText", uri);
    await waitFor("a text editor on the file", () => (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString() ? true : undefined));
    await vscode.commands.executeCommand("cnnDesigner.openDesigner", uri);
    const host = await api();
    await waitFor("the designer to be the active tab again", () => {
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
      return tab?.input instanceof vscode.TabInputCustom && tab.input.uri.toString() === uri.toString() ? true : undefined;
    });
    assert.equal(host.panelCount(uri), 1, "the open designer is shown, no second one");
  });
});
