// The extension activates when a *.cnn.json opens, registers its commands, and opens the file
// in its custom editor by default.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { closeAllEditors, customEditorViewType, extensionId, fixtureUri, waitFor } from "./support";

suite("activation", () => {
  suiteTeardown(closeAllEditors);

  test("the fixture workspace is open", async () => {
    const files = await vscode.workspace.findFiles("*.cnn.json");
    const names = files.map((uri) => uri.path.split("/").pop()).sort();
    assert.deepEqual(names, ["broken.cnn.json", "completion.cnn.json", "lenet5.cnn.json", "strided.cnn.json"]);
  });

  test("the extension is installed under its id", () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not known to the extension host`);
  });

  test("opening a *.cnn.json activates the extension", async () => {
    await vscode.commands.executeCommand("vscode.open", fixtureUri("lenet5.cnn.json"));
    const extension = vscode.extensions.getExtension(extensionId);
    await waitFor("the extension to be active", () => (extension?.isActive ? true : undefined));
  });

  test("opening a *.cnn.json shows the graph designer (custom editor)", async () => {
    await vscode.commands.executeCommand("vscode.open", fixtureUri("lenet5.cnn.json"));
    const input = await waitFor("the active tab to be the custom editor", () => {
      const tabInput = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return tabInput instanceof vscode.TabInputCustom ? tabInput : undefined;
    });
    assert.equal(input.viewType, customEditorViewType);
    assert.ok(input.uri.path.endsWith("/lenet5.cnn.json"));
  });

  test("its commands are registered", async () => {
    const commands = new Set(await vscode.commands.getCommands(true));
    for (const command of ["cnnDesigner.openDesigner", "cnnDesigner.openAsText", "cnnDesigner.check"]) {
      assert.ok(commands.has(command), `command ${command} is not registered`);
    }
  });
});
