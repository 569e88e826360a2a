// "Export diagram" in a real VS Code: the designer's webview lays LeNet-5 out with ELK and draws
// it as SVG and PNG; the command writes the files. Copies go to test-artifacts/integration/ so
// a person can look at them.
import * as assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as vscode from "vscode";
import type { CnnDesignerTestApi } from "../../../src/extension/extension";
import { closeAllEditors, customEditorViewType, extensionId, fixtureUri, waitFor } from "./support";

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian). */
function pngSize(bytes: Buffer): { width: number; height: number } {
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function layerIds(uri: vscode.Uri): string[] {
  return [...readFileSync(uri.fsPath, "utf8").matchAll(/"id":\s*"([^"]+)"/g)].map((match) => match[1]);
}

suite("export diagram", () => {
  let folder = "";
  let host: CnnDesignerTestApi;
  const lenet = () => fixtureUri("lenet5.cnn.json");
  const run = (...args: unknown[]) => vscode.commands.executeCommand<vscode.Uri | undefined>("cnnDesigner.exportDiagram", ...args);

  /** Keeps a copy of an exported file next to the other test artifacts. */
  function keep(file: string): void {
    const extension = vscode.extensions.getExtension(extensionId);
    if (!extension) return;
    const artifacts = join(extension.extensionUri.fsPath, "test-artifacts", "integration");
    mkdirSync(artifacts, { recursive: true });
    copyFileSync(file, join(artifacts, file.slice(file.lastIndexOf("/") + 1)));
  }

  suiteSetup(async () => {
    folder = mkdtempSync(join(tmpdir(), "cnn-diagram-"));
    const extension = vscode.extensions.getExtension<CnnDesignerTestApi>(extensionId);
    assert.ok(extension);
    host = await extension.activate();
    await closeAllEditors();
  });
  suiteTeardown(async () => {
    await closeAllEditors();
    rmSync(folder, { recursive: true, force: true });
  });

  test("the command is registered", async () => {
    assert.ok((await vscode.commands.getCommands(true)).includes("cnnDesigner.exportDiagram"));
  });

  test("from the text editor it opens the designer and writes an SVG with every layer", async () => {
    await vscode.window.showTextDocument(lenet());
    assert.equal(host.panelCount(lenet()), 0);
    const target = vscode.Uri.file(join(folder, "lenet5-diagram.svg"));
    const written = await run(lenet(), "svg", target);
    assert.equal(written?.toString(), target.toString());
    assert.equal(host.panelCount(lenet()), 1, "the designer opened");
    const svg = readFileSync(target.fsPath, "utf8");
    keep(target.fsPath);
    assert.ok(svg.startsWith(`<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"`), svg.slice(0, 200));
    assert.ok(svg.trimEnd().endsWith("</svg>"));
    for (const id of ["input", ...layerIds(lenet())]) assert.ok(svg.includes(`<g class="node" data-id="${id}">`), `layer ${id} is missing`);
    assert.ok(svg.includes(">6×28×28</text>"), "the edge and node shape labels are drawn");
    assert.ok(svg.includes("<title>LeNet-5 (CNN Designer)</title>"));
    const background = /<rect x="[-\d.]+" y="[-\d.]+" width="[\d.]+" height="[\d.]+" fill="([^"]+)"/.exec(svg)?.[1];
    assert.ok(background && background !== "none", `the background is the theme's (${background})`);
  });

  test("with the designer open it writes a PNG at twice the size of the SVG", async () => {
    await closeAllEditors();
    await waitFor("the designer to close", () => (host.panelCount(lenet()) === 0 ? true : undefined));
    await vscode.commands.executeCommand("vscode.openWith", lenet(), customEditorViewType);
    await waitFor("the designer", () => (host.panelCount(lenet()) > 0 ? true : undefined));
    const target = vscode.Uri.file(join(folder, "lenet5-diagram.png"));
    const written = await run(lenet(), "png", target);
    assert.equal(written?.toString(), target.toString());
    assert.equal(host.panelCount(lenet()), 1, "no second designer");
    const png = readFileSync(target.fsPath);
    keep(target.fsPath);
    assert.deepEqual([...png.subarray(0, 8)], pngSignature);
    const svg = readFileSync(join(folder, "lenet5-diagram.svg"), "utf8");
    const svgWidth = Number(/ width="([\d.]+)"/.exec(svg)?.[1]);
    const svgHeight = Number(/ height="([\d.]+)"/.exec(svg)?.[1]);
    const { width, height } = pngSize(png);
    assert.equal(width, Math.round(svgWidth * 2));
    assert.equal(height, Math.round(svgHeight * 2));
    assert.ok(height > 9 * 70 * 2, `nine nodes stacked: ${width}×${height}`);
    assert.ok(png.length > 20_000 && png.length < 5_000_000, `a plausible file size: ${png.length} bytes`);
  });
});
