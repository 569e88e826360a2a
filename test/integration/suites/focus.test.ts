// A designer that loads beside the user's work never takes the keyboard focus: a quick pick that
// is open while a designer opens in the background (preserveFocus), becomes ready and draws its
// graph stays open. (An editor the user opens is focused by VS Code once it has opened, as every
// editor is; that is VS Code's choice, not the designer's.)
import * as assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as vscode from "vscode";
import type { CnnDesignerTestApi } from "../../../src/extension/extension";
import { closeAllEditors, customEditorViewType, extensionId, fixtureUri, waitFor } from "./support";

suite("focus", () => {
  let folder = "";
  let host: CnnDesignerTestApi;

  suiteSetup(async () => {
    folder = mkdtempSync(join(tmpdir(), "cnn-focus-"));
    const extension = vscode.extensions.getExtension<CnnDesignerTestApi>(extensionId);
    assert.ok(extension);
    host = await extension.activate();
    await closeAllEditors();
  });
  suiteTeardown(async () => {
    await closeAllEditors();
    rmSync(folder, { recursive: true, force: true });
  });

  test("a quick pick stays open while a designer opens beside it, becomes ready and draws", async () => {
    const uri = fixtureUri("lenet5.cnn.json");
    await vscode.window.showTextDocument(uri);
    const picker = vscode.window.createQuickPick();
    picker.title = "A user's picker";
    picker.items = [{ label: "first" }, { label: "second" }];
    let hiddenAt: string | undefined;
    let stage = "before the designer opened";
    picker.onDidHide(() => {
      hiddenAt ??= stage;
    });
    picker.show();
    try {
      stage = "while the designer opened";
      await vscode.commands.executeCommand("vscode.openWith", uri, customEditorViewType, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
      stage = "while the designer's webview started";
      await waitFor("the designer to be ready", () =>
        host.panelCount(uri) > 0 && host.postedTo(uri, 0).some((message) => message.type === "init") ? true : undefined, 20_000);
      // The diagram is drawn from the laid-out graph: once it arrives, the designer has drawn.
      stage = "while the designer laid out and drew its graph";
      const target = vscode.Uri.file(join(folder, "lenet5-focus.svg"));
      const written = await vscode.commands.executeCommand<vscode.Uri | undefined>("cnnDesigner.exportDiagram", uri, "svg", target);
      assert.equal(written?.toString(), target.toString(), "the designer drew the graph");
      stage = "after the designer drew";
      assert.equal(hiddenAt, undefined, `the quick pick was closed ${hiddenAt}`);
    } finally {
      picker.dispose();
    }
  });
});
