// Helpers for driving the CNN Designer webview in the real VS Code (see test/harness): a
// checklist that prints ✔/✗ lines, and the designer's DOM (React Flow nodes, the shape table
// `table.cnn-table`, the inspector, the preview drawer `details#preview-drawer`).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { focusWorkbench, quickOpen, readProblems, runCommand, webviewFrame } from "../harness/harness.mjs";

/**
 * Named checks that never throw: `await checks.run(name, body)`; `checks.summary(label)` prints the
 * closing line. `onFailure(name)` (say, a screenshot) runs after a failed check; its errors are ignored.
 */
export function createChecklist({ onFailure } = {}) {
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
        if (onFailure) await Promise.resolve(onFailure(name)).catch(() => {});
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

/**
 * Waits until the designer in the active editor has drawn its graph. VS Code focuses an editor
 * once it has opened, which closes a quick input opened in the meantime: run the next command
 * only after this.
 */
export async function waitForActiveDesignerDrawn(page) {
  await waitUntil(async () => {
    const frames = page.locator("iframe.webview.ready");
    const count = await frames.count();
    for (let index = 0; index < count; index++) {
      if (!(await frames.nth(index).isVisible())) continue;
      if ((await webviewFrame(page, index).locator(".react-flow__node").count()) > 0) return true;
    }
    return false;
  }, Boolean, { what: "the active designer's graph", timeoutMs: 30_000 });
}

/** The shape table: its layer ids (in order) and the parameter total as shown. */
export async function readTable(frame) {
  const table = frame.locator("table.cnn-table");
  const ids = await table.locator("tbody tr[data-layer-id]").evaluateAll((rows) => rows.map((row) => row.dataset.layerId));
  const total = (await table.locator("tfoot tr").first().locator("td.num").first().innerText()).trim();
  return { ids, total };
}

/** The graph's drawn nodes and edges (React Flow renders only those in view). */
export async function drawnCounts(frame) {
  return { nodes: await frame.locator(".react-flow__node").count(), edges: await frame.locator(".react-flow__edge").count() };
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

/** Adds the colour theme to the throwaway user settings the harness wrote (read when the page loads). */
export function setTheme(server, theme) {
  const path = join(server.dirs.userData, "User", "settings.json");
  const settings = JSON.parse(readFileSync(path, "utf8"));
  writeFileSync(path, JSON.stringify({ ...settings, "workbench.colorTheme": theme }, null, 2));
}

/** Runs a workbench keybinding with the keyboard focus outside the webview. */
export async function workbenchKey(page, key) {
  await focusWorkbench(page);
  await page.keyboard.press(key);
}

/** Ctrl+S in the workbench, then waits until no tab is dirty. */
export async function saveAll(page) {
  await workbenchKey(page, "Control+S");
  await page.locator(".tabs-container .tab.dirty").first().waitFor({ state: "detached", timeout: 10_000 });
}

/** Types a value into an inspector field and commits it with Enter. */
export async function setField(frame, name, text) {
  const input = frame.locator(`.cnn-inspector #cnn-field-${name}`);
  const designer = frame.locator(".cnn-designer");
  const before = await designer.getAttribute("data-doc-version");
  const changes = (await input.inputValue()) !== text;
  await input.fill(text);
  await input.press("Enter");
  await waitUntil(() => input.inputValue(), (value) => value === text, { what: `${name} = ${text}`, timeoutMs: 5_000 });
  // The edit has landed once the designer shows a newer document version (the next edit then
  // starts from it, instead of racing the re-render this one causes).
  if (changes) {
    await waitUntil(() => designer.getAttribute("data-doc-version"), (version) => version !== before, { what: `the edit of ${name} in the document` });
  }
}

/** The lines that differ between two texts (one hunk: common head and tail stripped). */
export function lineChange(before, after) {
  const old = before.split("\n");
  const now = after.split("\n");
  let head = 0;
  while (head < old.length && head < now.length && old[head] === now[head]) head++;
  let tail = 0;
  while (tail < old.length - head && tail < now.length - head && old[old.length - 1 - tail] === now[now.length - 1 - tail]) tail++;
  return { removed: old.slice(head, old.length - tail), added: now.slice(head, now.length - tail) };
}

/** A lineChange expectation: exactly one line added, matching `pattern`, none removed. */
export function oneLineAdded(pattern) {
  return (removed, added) => {
    if (removed.length !== 0 || added.length !== 1 || !pattern.test(added[0])) throw new Error(`not one added line matching ${pattern}: -${JSON.stringify(removed)} +${JSON.stringify(added)}`);
  };
}

/** A lineChange expectation: the one line of layer `id` re-written to match `pattern`. */
export function oneLineChanged(id, pattern) {
  return (removed, added) => {
    if (removed.length !== 1 || added.length !== 1 || !removed[0].includes(`"${id}"`) || !pattern.test(added[0])) {
      throw new Error(`not ${id}'s line re-written with ${pattern}: -${JSON.stringify(removed)} +${JSON.stringify(added)}`);
    }
  };
}

/** The Problems panel's rows under `fileName` (its file row, then its markers); hides the panel again. */
export async function problemsOfFile(page, fileName) {
  const rows = await readProblems(page);
  await runCommand(page, "View: Hide Panel");
  let file = "";
  return rows.filter((row) => {
    if (row.severity === "file") file = row.text;
    return row.severity !== "file" && file.startsWith(fileName);
  });
}

/** The centre of an element (a frame locator) in page coordinates. */
async function centreOf(locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error("the element is not rendered");
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Presses the mouse at `from`, moves in steps to `to` and releases it (real pointer events). */
async function dragMouse(page, from, to) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 8 });
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
}

/**
 * The midpoint of an edge's drawn path, in page coordinates: the point in the webview's
 * viewport (getScreenCTM) plus the offset of the webview's frame in the page.
 */
async function edgeMidpoint(frame, edgeId) {
  const path = frame.locator(`.react-flow__edge[data-id="${edgeId}"] path.react-flow__edge-path`);
  try {
    await path.waitFor({ state: "attached", timeout: 10_000 });
  } catch {
    throw new Error(`the edge ${edgeId} is not drawn (${await frame.locator(".react-flow__edge").count()} edges, ${await frame.locator(".react-flow__node").count()} nodes on the canvas)`);
  }
  const inFrame = await path.evaluate((element) => {
    const point = element.getPointAtLength(element.getTotalLength() / 2).matrixTransform(element.getScreenCTM());
    const root = element.ownerDocument.documentElement.getBoundingClientRect();
    return { x: point.x - root.left, y: point.y - root.top };
  });
  const origin = await frame.locator("html").boundingBox();
  return { x: origin.x + inFrame.x, y: origin.y + inFrame.y };
}

/**
 * A layer type's palette button; in a compact editor (the palette as category icons) the
 * category's menu is opened first, as a user does.
 */
export async function paletteButton(frame, type) {
  if ((await frame.locator(".cnn-palette.cnn-palette-collapsed").count()) > 0) {
    const icons = frame.locator(".cnn-palette-icon");
    const index = await icons.evaluateAll((items, wanted) => items.findIndex((item) =>
      (item.getAttribute("title") ?? "").split(": ")[1]?.split(", ").includes(wanted)), type);
    if (index < 0) throw new Error(`no palette category lists ${type}`);
    if ((await icons.nth(index).getAttribute("aria-expanded")) !== "true") await icons.nth(index).click();
  }
  return frame.locator(".cnn-palette button.cnn-palette-item", { hasText: new RegExp(`^${type}$`) });
}

/** Whether the palette's buttons are disabled (conv2d's, read through its menu in a compact editor, which is closed again). */
export async function paletteDisabled(frame) {
  const button = await paletteButton(frame, "conv2d");
  const disabled = await button.isDisabled();
  const open = frame.locator(".cnn-palette-icon[aria-expanded=\"true\"]");
  if ((await open.count()) > 0) await open.click();
  return disabled;
}

/** Drags a palette button onto the middle of an edge (`source->target#0`). */
export async function dragPaletteOntoEdge(page, frame, type, edgeId) {
  const button = await paletteButton(frame, type);
  await dragMouse(page, await centreOf(button), await edgeMidpoint(frame, edgeId));
}

/** Drags from a node's output handle to another node's input handle. */
export async function connectHandles(page, frame, sourceId, targetId) {
  const source = graphNode(frame, sourceId).locator(".react-flow__handle.source");
  const target = graphNode(frame, targetId).locator(".react-flow__handle.target");
  await dragMouse(page, await centreOf(source), await centreOf(target));
}
