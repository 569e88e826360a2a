// Helpers for driving the CNN Designer webview in the real VS Code (see test/harness): a
// checklist that prints ✔/✗ lines, and the designer's DOM (React Flow nodes, the shape table
// `table.cnn-table`, the inspector, the preview drawer `details#preview-drawer`).
import { setTimeout as sleep } from "node:timers/promises";
import { quickOpen, webviewFrame } from "../harness/harness.mjs";

/** Named checks that never throw: `await checks.run(name, body)`; `checks.summary(label)` prints the closing line. */
export function createChecklist() {
  const results = [];
  return {
    results,
    async run(name, body) {
      const startedAt = Date.now();
      try {
        const detail = await body();
        results.push({ name, ok: true });
        console.log(`  ✔ ${name}${detail ? `: ${detail}` : ""} (${Date.now() - startedAt} ms)`);
        return true;
      } catch (error) {
        results.push({ name, ok: false });
        console.log(`  ✗ ${name} (${Date.now() - startedAt} ms)\n      ${String(error instanceof Error ? error.message : error).split("\n")[0]}`);
        return false;
      }
    },
    /** Prints `label: N passed, N failed` and returns the exit code. */
    summary(label, extraFailures = 0) {
      const passed = results.filter((result) => result.ok).length;
      const failed = results.length - passed + extraFailures;
      console.log(`${label}: ${passed} passed, ${failed} failed`);
      return failed === 0 && passed > 0 ? 0 : 1;
    },
  };
}

/** Polls `read` until `accept(value)` holds; throws with the last value after `timeoutMs`. */
export async function waitUntil(read, accept, { timeoutMs = 15_000, what = "the condition" } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await read().catch((error) => `(${error.message.split("\n")[0]})`);
    if (accept(last)) return last;
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
    await sleep(200);
  }
}

/** Quick-opens a file and returns the designer's frame once its graph and table show. */
export async function openDesigner(page, fileName, index = 0) {
  await quickOpen(page, fileName);
  await page.locator(".tabs-container .tab.active", { hasText: fileName }).waitFor({ timeout: 20_000 });
  const frame = webviewFrame(page, index);
  await frame.locator(".react-flow__node").first().waitFor({ timeout: 30_000 });
  await frame.locator("table.cnn-table tbody tr[data-layer-id]").first().waitFor({ timeout: 30_000 });
  return frame;
}

/** The shape table: its layer ids (in order) and the parameter total as shown. */
export async function readTable(frame) {
  const table = frame.locator("table.cnn-table");
  const ids = await table.locator("tbody tr[data-layer-id]").evaluateAll((rows) => rows.map((row) => row.dataset.layerId));
  const total = (await table.locator("tfoot tr").first().locator("td.num").first().innerText()).trim();
  return { ids, total };
}

/** A layer's graph node (React Flow renders only visible nodes: select through the table to reveal it). */
export function graphNode(frame, layerId) {
  return frame.locator(`.react-flow__node[data-id="${layerId}"]`);
}

/** Selects a layer by its shape-table row (via "row") or its graph node (via "node"). */
export async function selectLayer(frame, layerId, via = "row") {
  const target = via === "node" ? graphNode(frame, layerId) : frame.locator(`table.cnn-table tr[data-layer-id="${layerId}"]`);
  await target.click();
  await frame.locator(`table.cnn-table tr.selected[data-layer-id="${layerId}"]`).waitFor({ timeout: 10_000 });
  await frame.locator(".cnn-inspector-header h2", { hasText: layerId }).waitFor({ timeout: 10_000 });
}

/** Opens the preview drawer unless it is open. */
export async function openDrawer(frame) {
  const drawer = frame.locator("details#preview-drawer");
  if (!(await drawer.evaluate((element) => element.open))) await drawer.locator("summary").click();
}

/** Waits until the preview shows a layer's finished maps. */
export async function waitForMaps(frame, layerId) {
  await frame.locator(".cnn-preview-headline", { hasText: layerId }).waitFor({ timeout: 60_000 });
  await frame.locator(".cnn-preview-progress").waitFor({ state: "detached", timeout: 60_000 });
  await frame.locator(".cnn-preview-grid canvas").first().waitFor({ timeout: 10_000 });
}

/** The first three map captions of the preview ("#0 min … max | …"). */
export async function mapCaptions(frame) {
  return (await frame.locator(".cnn-preview-caption").allInnerTexts()).slice(0, 3).join(" | ");
}
