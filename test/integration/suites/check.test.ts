// cnnDesigner.check analyses a *.cnn.json (a given URI or the active one) and returns
// { errors, warnings, params }. Expected numbers come from PyTorch 1.13 (workspace/README.md).
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { closeAllEditors, fixtureUri } from "./support";

interface CheckSummary {
  errors: number;
  warnings: number;
  params: number;
}

async function check(...args: unknown[]): Promise<CheckSummary> {
  const summary = await vscode.commands.executeCommand<CheckSummary | undefined>("cnnDesigner.check", ...args);
  assert.ok(summary, "cnnDesigner.check returned nothing");
  return summary;
}

suite("check command", () => {
  suiteTeardown(closeAllEditors);

  test("LeNet-5: no problems, 61,706 parameters", async () => {
    const summary = await check(fixtureUri("lenet5.cnn.json"));
    assert.deepEqual(
      { errors: summary.errors, warnings: summary.warnings, params: summary.params }, { errors: 0, warnings: 0, params: 61706 },
    );
  });

  test("a stride that leaves a row unread: a warning, 260 parameters", async () => {
    const summary = await check(fixtureUri("strided.cnn.json"));
    assert.equal(summary.errors, 0);
    assert.ok(summary.warnings >= 1, `expected a warning, got ${summary.warnings}`);
    assert.equal(summary.params, 260);
  });

  test("a kernel larger than its input is an error", async () => {
    const summary = await check(fixtureUri("broken.cnn.json"));
    assert.ok(summary.errors >= 1, `expected an error, got ${summary.errors}`);
  });

  test("without an argument it checks the active *.cnn.json", async () => {
    await vscode.commands.executeCommand("vscode.openWith", fixtureUri("lenet5.cnn.json"), "default");
    const summary = await check();
    assert.equal(summary.params, 61706);
  });
});
