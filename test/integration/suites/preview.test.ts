// Feature-map previews in a real VS Code: the designer's preview messages run the templates on
// the bundled photos in the shared worker; the statistics are sane (Sobel maps signed, relu
// maps not), a spec change cancels and reruns, and bad images come back as messages.
import * as assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as vscode from "vscode";
import type { CnnDesignerTestApi } from "../../../src/extension/extension";
import type { HostToView, PreviewHostToView, PreviewResultData } from "../../../src/protocol";
import { closeAllEditors, customEditorViewType, extensionId, fixtureUri, waitFor } from "./support";

const folder = mkdtempSync(join(tmpdir(), "cnn-preview-"));
/** A file that claims to be a PNG, put into the fixture workspace for the duration of the suite. */
const notAnImage = "preview-not-an-image.png";

function template(name: string): string {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension);
  return readFileSync(join(extension.extensionPath, "media", "templates", `${name}.cnn.json`), "utf8");
}

function tempFile(name: string, text: string): vscode.Uri {
  const path = join(folder, name);
  writeFileSync(path, text);
  return vscode.Uri.file(path);
}

async function openDesigner(uri: vscode.Uri): Promise<CnnDesignerTestApi> {
  const extension = vscode.extensions.getExtension<CnnDesignerTestApi>(extensionId);
  assert.ok(extension);
  const host = await extension.activate();
  await vscode.commands.executeCommand("vscode.openWith", uri, customEditorViewType);
  await waitFor("the designer to be ready", () => (host.postedTo(uri, 0).some((message) => message.type === "init") ? true : undefined), 20_000);
  return host;
}

type Preview<T extends PreviewHostToView["type"]> = Extract<HostToView, { type: T }>;

function find<T extends PreviewHostToView["type"]>(host: CnnDesignerTestApi, uri: vscode.Uri, type: T, where: (message: Preview<T>) => boolean): Preview<T> | undefined {
  return host.postedTo(uri, 0).filter((message): message is Preview<T> => message.type === type).reverse().find(where);
}

async function previewResult(host: CnnDesignerTestApi, uri: vscode.Uri, runId: number, timeoutMs = 15_000): Promise<PreviewResultData> {
  const message = await waitFor(`the result of preview run ${runId}`, () => find(host, uri, "previewResult", (candidate) => candidate.runId === runId), timeoutMs);
  return message.result;
}

suite("feature-map previews", () => {
  suiteSetup(() => writeFileSync(fixtureUri(notAnImage).fsPath, "this is text, not a PNG\n"));
  suiteTeardown(() => rmSync(fixtureUri(notAnImage).fsPath, { force: true }));
  teardown(closeAllEditors);

  test("edge detection on a bundled photo: Sobel maps have negatives, relu maps none", async () => {
    const uri = tempFile("edges.cnn.json", template("edge-detection"));
    const host = await openDesigner(uri);
    await host.sendFromView(uri, 0, { type: "previewListImages" });
    const images = await waitFor("the image list", () => find(host, uri, "previewImages", () => true));
    assert.ok(images.images.some((image) => image.id === "sample:camera.png" && image.group === "sample"), JSON.stringify(images.images));
    assert.equal(images.workspaceTrusted, true);

    await host.sendFromView(uri, 0, { type: "previewRun", runId: 1, imageId: "sample:camera.png", layerId: "sobel", includeInput: true });
    const sobel = await previewResult(host, uri, 1);
    assert.equal(sobel.status, "complete");
    const maps = sobel.selected?.featureMaps;
    assert.ok(maps && sobel.selected);
    assert.deepEqual(sobel.selected.shape, [2, 256, 256]);
    assert.equal(maps.maps.length, 2);
    assert.ok(sobel.selected.stats.minimum < 0 && sobel.selected.stats.maximum > 0, JSON.stringify(sobel.selected.stats));
    assert.ok(sobel.selected.stats.fractionNegative > 0.05);
    assert.equal(Buffer.from(maps.maps[0].pixels, "base64").length, maps.maps[0].width * maps.maps[0].height);
    assert.ok(sobel.input && "bytes" in sobel.input && sobel.input.byteLength > 1000);

    await host.sendFromView(uri, 0, { type: "previewRun", runId: 2, imageId: "sample:astronaut.jpg", layerId: "positive" });
    const relu = await previewResult(host, uri, 2);
    assert.equal(relu.selected?.stats.minimum, 0);
    assert.equal(relu.selected?.stats.fractionNegative, 0);
    assert.ok((relu.selected?.stats.maximum ?? 0) > 0);
    assert.deepEqual(relu.layers.map((layer) => layer.id), ["sobel", "scharr", "laplacian", "blur", "log", "flipped", "edges", "positive"]);

    await host.sendFromView(uri, 0, { type: "previewRun", runId: 3, imageId: "sample:camera.png", layerId: "sobel", flipKernel: true });
    const flipped = await previewResult(host, uri, 3);
    assert.equal(flipped.flipOverridden, true);
    const [original, rotated] = [sobel.selected.stats, flipped.selected?.stats];
    assert.ok(rotated && Math.abs(rotated.minimum + original.maximum) < 1e-4 && Math.abs(rotated.maximum + original.minimum) < 1e-4, `${JSON.stringify(original)} vs ${JSON.stringify(rotated)}`);
  });

  test("a spec change cancels the running preview and runs it again on the new spec", async () => {
    const uri = tempFile("resnet.cnn.json", template("resnet18"));
    const host = await openDesigner(uri);
    await host.sendFromView(uri, 0, { type: "previewListImages" });
    void host.sendFromView(uri, 0, { type: "previewRun", runId: 7, imageId: "sample:astronaut.jpg", layerId: "layer4.1.conv2" });
    await waitFor("progress of run 7", () => find(host, uri, "previewProgress", (message) => message.runId === 7));
    await host.sendFromView(uri, 0, { type: "editIntent", requestId: 1, intent: { kind: "setField", id: "conv1", key: "weights", value: "xavier" } });
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri.toString());
    assert.ok(document);
    assert.ok(document.getText().includes(`"weights": "xavier"`));
    await waitFor("run 7 to be cancelled by the change", () => find(host, uri, "previewCancelled", (message) => message.runId === 7 && message.reason === "spec-changed"));
    const rerun = await previewResult(host, uri, 7, 30_000);
    assert.equal(rerun.docVersion, document.version);
    assert.equal(rerun.status, "complete");
    assert.deepEqual(rerun.selected?.shape, [512, 7, 7]);
    assert.equal(rerun.layers.length, rerun.total);
    await document.save();
  });

  test("a file that is not an image, and an image never offered, come back as messages", async () => {
    const uri = tempFile("edges2.cnn.json", template("edge-detection"));
    const host = await openDesigner(uri);
    await host.sendFromView(uri, 0, { type: "previewListImages" });
    const images = await waitFor("the image list", () => find(host, uri, "previewImages", () => true));
    const broken = images.images.find((image) => image.label === notAnImage);
    assert.ok(broken, `the workspace image is offered: ${JSON.stringify(images.images.map((image) => image.label))}`);
    assert.equal(broken.group, "workspace");

    await host.sendFromView(uri, 0, { type: "previewRun", runId: 1, imageId: broken.id, layerId: "sobel" });
    const error = await waitFor("the image error", () => find(host, uri, "previewError", (message) => message.runId === 1));
    assert.equal(error.code, "unsupported-format");
    assert.match(error.message, /PNG|JPEG/);

    await host.sendFromView(uri, 0, { type: "previewRun", runId: 2, imageId: `workspace:${vscode.Uri.file("/etc/passwd").toString()}`, layerId: "sobel" });
    const refused = await waitFor("the refusal", () => find(host, uri, "previewError", (message) => message.runId === 2));
    assert.equal(refused.code, "unknown-image");

    // the panel still works afterwards
    await host.sendFromView(uri, 0, { type: "previewRun", runId: 3, imageId: "sample:coins.png", layerId: "laplacian" });
    assert.equal((await previewResult(host, uri, 3)).status, "complete");
  });
});
