// The export and new-design commands, run with their targets as arguments (no dialogs): the
// files they write, re-read. Expected numbers are LeNet-5's (61,706 parameters, as PyTorch
// counts them; workspace/README.md). Output goes to a temporary folder, not the workspace.
import * as assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as vscode from "vscode";
import { closeAllEditors, customEditorViewType, extensionId, fixtureUri, waitFor } from "./support";

interface CheckSummary {
  errors: number;
  warnings: number;
  params: number;
}

suite("export commands", () => {
  let folder = "";
  const output = (name: string): vscode.Uri => vscode.Uri.file(join(folder, name));
  const run = <T>(command: string, ...args: unknown[]) => vscode.commands.executeCommand<T | undefined>(command, ...args);

  suiteSetup(() => {
    folder = mkdtempSync(join(tmpdir(), "cnn-exports-"));
  });
  suiteTeardown(async () => {
    await closeAllEditors();
    rmSync(folder, { recursive: true, force: true });
  });

  test("its commands are registered", async () => {
    const commands = new Set(await vscode.commands.getCommands(true));
    for (const command of ["newDesign", "exportJson", "exportTable", "copyTableMarkdown", "exportPytorch"]) {
      assert.ok(commands.has(`cnnDesigner.${command}`), `cnnDesigner.${command} is not registered`);
    }
  });

  test("Export layer spec as JSON: normalised, with computed shapes, re-analyses to the same totals", async () => {
    const target = output("lenet5.normalized.cnn.json");
    const written = await run<vscode.Uri>("cnnDesigner.exportJson", fixtureUri("lenet5.cnn.json"), target, { computed: true });
    assert.equal(written?.toString(), target.toString());
    const exported = JSON.parse(readFileSync(target.fsPath, "utf8")) as { layers: Record<string, unknown>[]; computed: { totals: { params: number } } };
    assert.equal(exported.layers.length, 8);
    assert.equal(exported.layers[0].stride, 1, "defaults are written out");
    assert.equal(exported.computed.totals.params, 61706);
    const summary = await run<CheckSummary>("cnnDesigner.check", target);
    assert.deepEqual(
      { errors: summary?.errors, warnings: summary?.warnings, params: summary?.params }, { errors: 0, warnings: 1, params: 61706 },
    );
  });

  test("Export shape table as Markdown: one row per layer and the totals", async () => {
    const target = output("lenet5.md");
    await run("cnnDesigner.exportTable", fixtureUri("lenet5.cnn.json"), "markdown", target);
    const table = readFileSync(target.fsPath, "utf8");
    assert.match(table, /^\*\*LeNet-5\*\*: input 1×32×32/);
    assert.match(table, /\| c1 \| conv 5×5 \/1 ×6 \+ relu \| 6×28×28 \| 156 \|/);
    assert.ok(table.includes("- Total params: 61,706"), table);
  });

  test("Export shape table as CSV: a header and one record per layer", async () => {
    const target = output("lenet5.csv");
    await run("cnnDesigner.exportTable", fixtureUri("lenet5.cnn.json"), "csv", target);
    const lines = readFileSync(target.fsPath, "utf8").split("\r\n").filter((line) => line !== "");
    assert.equal(lines.length, 9);
    assert.ok(lines[0].startsWith("id,type,operation,output_shape,params"), lines[0]);
    assert.ok(lines[8].startsWith("out,linear,"), lines[8]);
  });

  test("Copy shape table as Markdown returns the table it copied", async () => {
    const table = await run<string>("cnnDesigner.copyTableMarkdown", fixtureUri("lenet5.cnn.json"));
    assert.ok(table?.includes("- Total params: 61,706"), table);
  });

  test("Export as PyTorch: an nn.Module class named after the spec, one module per layer", async () => {
    const target = output("lenet5.py");
    await run("cnnDesigner.exportPytorch", fixtureUri("lenet5.cnn.json"), target);
    const source = readFileSync(target.fsPath, "utf8");
    assert.ok(source.includes("class LeNet5(nn.Module):"), source.slice(0, 400));
    assert.ok(source.includes("self.c1 = nn.Conv2d(1, 6, kernel_size=5)  # 156 params"));
    assert.ok(source.includes("x = F.softmax(self.out(x), dim=1)  # -> [10]"));
  });

  test("exports refuse a spec with errors and write nothing", async () => {
    const target = output("broken.py");
    const written = await run("cnnDesigner.exportPytorch", fixtureUri("broken.cnn.json"), target);
    assert.equal(written, undefined);
    assert.equal(existsSync(target.fsPath), false);
  });

  test("New design: writes the template unchanged and opens it in the designer", async () => {
    const target = output("my-resnet.cnn.json");
    const written = await run<vscode.Uri>("cnnDesigner.newDesign", "resnet18", target);
    assert.equal(written?.toString(), target.toString());
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension);
    const template = readFileSync(vscode.Uri.joinPath(extension.extensionUri, "media", "templates", "resnet18.cnn.json").fsPath, "utf8");
    assert.equal(readFileSync(target.fsPath, "utf8"), template);
    await waitFor("the new design in the designer", () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputCustom && input.viewType === customEditorViewType && input.uri.fsPath === target.fsPath
        ? true
        : undefined;
    });
  });

  test("New design: the empty design is an input and no layers, opened in the designer", async () => {
    const target = output("blank.cnn.json");
    const written = await run<vscode.Uri>("cnnDesigner.newDesign", "empty", target);
    assert.equal(written?.toString(), target.toString());
    const spec = JSON.parse(readFileSync(target.fsPath, "utf8")) as { input: number[]; layers: unknown[] };
    assert.deepEqual([spec.input, spec.layers], [[3, 32, 32], []]);
    await waitFor("the empty design in the designer", () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputCustom && input.uri.fsPath === target.fsPath ? true : undefined;
    });
  });

  test("New design never overwrites an existing target", async () => {
    const target = output("taken.cnn.json");
    writeFileSync(target.fsPath, "keep me");
    const written = await run("cnnDesigner.newDesign", "lenet5", target);
    assert.equal(written, undefined);
    assert.equal(readFileSync(target.fsPath, "utf8"), "keep me");
  });
});
