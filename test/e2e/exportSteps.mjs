// The export part of the acceptance scenario (issue 9), through the commands and VS Code's own
// save dialog: LeNet-5 → Export as PyTorch… (lenet5.py written and opened) → Export Layer Spec
// as JSON… "Spec only" (lenet5.normalized.cnn.json written and opened in the designer) → the
// reopened export's shape table equals the original's cell for cell (61,706 parameters).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runCommand, webviewFrame } from "../harness/harness.mjs";
import { openDesigner, readTable, waitForActiveDesignerDrawn, waitUntil } from "./designer.mjs";
import { acceptSaveDialog, pickQuickItem, readFullTable } from "./workbench.mjs";

const lenetFile = "lenet5.cnn.json";
const exportedJson = "lenet5.normalized.cnn.json";
const exportedPython = "lenet5.py";

async function waitForFile(path) {
  await waitUntil(async () => existsSync(path), Boolean, { what: `${path} on disk`, timeoutMs: 15_000 });
  return readFileSync(path, "utf8");
}

function activeTab(page, fileName) {
  return page.locator(".tabs-container .tab.active", { hasText: fileName });
}

function sameTable(left, right) {
  return JSON.stringify(left) === JSON.stringify(right);
}

/** Runs the export checks; `shoot(page, name)` saves a screenshot, `isLenet(table)` recognises LeNet-5. */
export async function runExportSteps(page, checks, workspace, { shoot, isLenet, lenetTotal }) {
  let original;
  const opened = await checks.run("open LeNet-5 in the designer again and read its whole shape table", async () => {
    const frame = await openDesigner(page, lenetFile);
    await waitUntil(() => readTable(frame), isLenet, { what: "the LeNet-5 table" });
    original = await readFullTable(frame);
    return `${original.rows.length} rows, footer ${original.footer.filter(Boolean).join(" / ")}`;
  });
  if (!opened) return;

  await checks.run("Export as PyTorch… from the designer writes lenet5.py and opens it", async () => {
    await runCommand(page, "CNN Designer: Export as PyTorch…");
    const proposed = await acceptSaveDialog(page, exportedPython);
    const text = await waitForFile(join(workspace, exportedPython));
    for (const expected of ["import torch", "nn.Module", "def forward", "Conv2d(1, 6", "Conv2d(6, 16", "Linear(400, 120", "Linear(84, 10"]) {
      if (!text.includes(expected)) throw new Error(`${exportedPython} lacks "${expected}"`);
    }
    await activeTab(page, exportedPython).waitFor({ timeout: 15_000 });
    await page.locator(".editor-group-container .monaco-editor .view-lines", { hasText: "import torch" }).first().waitFor({ timeout: 15_000 });
    await shoot(page, "10-export-pytorch");
    return `${proposed} (${text.split("\n").length} lines), opened`;
  });

  await checks.run("Export Layer Spec as JSON… (spec only) writes the normalised file and opens it in the designer", async () => {
    await page.locator(".tabs-container .tab", { hasText: lenetFile }).first().click();
    await activeTab(page, lenetFile).waitFor({ timeout: 15_000 });
    // The designer's webview is recreated when its tab comes back: the command runs once it is drawn.
    await webviewFrame(page, 0).locator(".react-flow__node").first().waitFor({ timeout: 30_000 });
    await runCommand(page, "CNN Designer: Export Layer Spec as JSON…");
    await pickQuickItem(page, "Spec only");
    const proposed = await acceptSaveDialog(page, exportedJson);
    const text = await waitForFile(join(workspace, exportedJson));
    const spec = JSON.parse(text);
    if (spec.layers?.length !== 8) throw new Error(`the export has ${spec.layers?.length} layers, not 8`);
    if (text === readFileSync(join(workspace, lenetFile), "utf8")) throw new Error("the export is the original text, not normalised");
    await activeTab(page, exportedJson).waitFor({ timeout: 15_000 });
    await waitForActiveDesignerDrawn(page);
    return `${proposed}: ${text.length} bytes, ${spec.layers.length} layers, ids ${spec.layers.map((layer) => layer.id).join(" ")}`;
  });

  await checks.run(`the reopened export's shape table equals the original's (total ${lenetTotal})`, async () => {
    await runCommand(page, "View: Close Other Editors in Group");
    await waitUntil(() => page.locator(".tabs-container .tab").count(), (count) => count === 1, { what: "one tab left" });
    await activeTab(page, exportedJson).waitFor({ timeout: 15_000 });
    await waitUntil(() => page.locator("iframe.webview.ready").count(), (count) => count === 1, { what: "one webview left" });
    const frame = await openDesigner(page, exportedJson);
    await waitUntil(() => readTable(frame), isLenet, { what: "the LeNet-5 table in the export" });
    const exported = await readFullTable(frame);
    await shoot(page, "11-export-reopened");
    if (!sameTable(exported, original)) {
      const differing = exported.rows.findIndex((row, index) => !sameTable(row, original.rows[index]));
      throw new Error(`row ${differing} differs: ${JSON.stringify(exported.rows[differing])} vs ${JSON.stringify(original.rows[differing])}`);
    }
    return `${exported.rows.length} rows identical, total ${exported.footer[1]}`;
  });
}
