// Folding in the real designer, on ResNet-18 (issue 18, point 1), as a user does it: the file
// opens with its residual blocks folded (every node readable at the first view), a block
// unfolds by double-click in place, minus folds it back, Enter unfolds it, a table row inside a
// folded block unfolds it, "Fold all" leaves the top-level groups. Screenshots in
// test-artifacts/e2e-themes/. Used by themes.mjs (one server for both).
import { runCommand, screenshot, settle, webviewFrame } from "../harness/harness.mjs";
import { graphNode, openDesigner, selectLayer, waitUntil } from "./designer.mjs";

/** Ids of the nodes React Flow draws, and whether each lies inside the canvas. */
export async function drawnNodes(frame) {
  return frame.locator(".react-flow__node").evaluateAll((nodes) => {
    const canvas = nodes[0]?.closest(".cnn-canvas")?.getBoundingClientRect() ?? { left: 0, right: 0, top: 0, bottom: 0 };
    return nodes.map((node) => {
      const box = node.getBoundingClientRect();
      const inside = box.left >= canvas.left - 1 && box.right <= canvas.right + 1
        && box.top >= canvas.top - 1 && box.bottom <= canvas.bottom + 1;
      return { id: node.dataset.id, inside, top: Math.round(box.top), left: Math.round(box.left) };
    });
  });
}

/** The canvas zoom (React Flow's viewport transform). */
async function zoomOf(frame) {
  return frame.locator(".react-flow__viewport").evaluate((element) => {
    const view = element.ownerDocument.defaultView;
    return new view.DOMMatrix(view.getComputedStyle(element).transform).a;
  });
}

/** The designer frame (of those open) that draws a node with this id. */
async function designerShowing(page, id) {
  const index = await waitUntil(async () => {
    const count = await page.locator("iframe.webview.ready").count();
    for (let index = 0; index < count; index++) if (await graphNode(webviewFrame(page, index), id).count()) return index;
    return -1;
  }, (found) => found >= 0, { what: `a designer drawing ${id}` });
  return webviewFrame(page, index);
}

async function boxOf(frame, id) {
  return graphNode(frame, id).evaluate((node) => {
    const box = node.getBoundingClientRect();
    return { top: Math.round(box.top), left: Math.round(box.left) };
  });
}

/** What the canvas shows (React Flow draws only the nodes in view): node count and block names. */
async function shownGraph(frame) {
  return frame.locator(".cnn-canvas").evaluate((canvas) => ({
    nodes: Number(canvas.dataset.shownNodes), blocks: canvas.dataset.blocks === "" ? [] : canvas.dataset.blocks.split(" "),
  }));
}

export async function runFoldingChecks(page, checks) {
  let frame;
  await checks.run("ResNet-18 opens folded: 8 residual blocks, the first view readable at the input (1600×1000)", async () => {
    frame = await openDesigner(page, "resnet18.cnn.json", 0);
    await graphNode(frame, "input").waitFor({ timeout: 15_000 });
    await settle(page);
    await screenshot(page, "e2e-themes/resnet18-folded-1600x1000");
    const shown = await shownGraph(frame);
    const expected = ["layer1.0", "layer1.1", "layer2.0", "layer2.1", "layer3.0", "layer3.1", "layer4.0", "layer4.1"];
    if (shown.blocks.join(" ") !== expected.join(" ")) throw new Error(`blocks shown: ${shown.blocks.join(", ")}`);
    const drawn = await drawnNodes(frame);
    const input = drawn.find((node) => node.id === "input");
    if (!input?.inside) throw new Error("the input is not in the first view");
    const zoom = await zoomOf(frame);
    if (zoom < 0.8) throw new Error(`first view zoom ${zoom.toFixed(2)} (text below 80 %)`);
    const rows = await frame.locator("table.cnn-table tbody tr[data-layer-id]").count();
    return `${shown.nodes} nodes (${shown.blocks.length} blocks) for ${rows} layers; input in view at zoom ${zoom.toFixed(2)}`;
  });
  await checks.run("double-click unfolds layer2.0 in place; minus folds it back; Enter unfolds it again", async () => {
    await graphNode(frame, "maxpool").click();
    for (let step = 0; step < 3; step++) await page.keyboard.press("ArrowDown");
    await frame.locator(".cnn-inspector-header h2", { hasText: "layer2.0" }).waitFor({ timeout: 10_000 });
    await settle(page);
    const before = await boxOf(frame, "block:layer2.0");
    await graphNode(frame, "block:layer2.0").dblclick();
    await graphNode(frame, "layer2.0.conv1").waitFor({ timeout: 15_000 });
    await waitUntil(() => boxOf(frame, "layer2.0.conv1"), (box) => Math.abs(box.top - before.top) <= 2 && Math.abs(box.left - before.left) <= 2, {
      what: `layer2.0.conv1 where the block was (${before.left}, ${before.top})`,
    });
    await graphNode(frame, "block:layer2.0.downsample").waitFor({ timeout: 10_000 });
    await settle(page);
    await screenshot(page, "e2e-themes/resnet18-unfolded-layer2.0");
    await frame.locator("table.cnn-table tr.selected[data-layer-id=\"layer2.0.conv1\"]").waitFor({ timeout: 10_000 });
    await page.keyboard.press("Minus");
    await graphNode(frame, "block:layer2.0").waitFor({ timeout: 15_000 });
    if ((await graphNode(frame, "layer2.0.conv1").count()) !== 0) throw new Error("layer2.0.conv1 still drawn after folding");
    await page.keyboard.press("Enter");
    await graphNode(frame, "layer2.0.conv1").waitFor({ timeout: 15_000 });
    return `unfolded at (${before.left}, ${before.top}), folded by minus, unfolded by Enter`;
  });
  await checks.run("a table row inside a folded block unfolds it; Fold all leaves the top-level groups", async () => {
    await selectLayer(frame, "layer3.1.bn2", "row");
    await graphNode(frame, "layer3.1.bn2").waitFor({ timeout: 15_000 });
    await frame.locator(".cnn-foldbar button[aria-label=\"Fold all\"]").click();
    await graphNode(frame, "block:layer3").waitFor({ timeout: 15_000 });
    await frame.locator(".cnn-inspector-header h2", { hasText: "layer3" }).waitFor({ timeout: 10_000 });
    const shown = await shownGraph(frame);
    if (shown.nodes !== 12 || shown.blocks.join(" ") !== "layer1 layer2 layer3 layer4") throw new Error(`after Fold all: ${JSON.stringify(shown)}`);
    await settle(page);
    await screenshot(page, "e2e-themes/resnet18-fold-all");
    return `${shown.nodes} nodes (blocks ${shown.blocks.join(", ")}); the selection moved to block layer3`;
  });
  await checks.run("Fit View folds to the level that fits and shows the whole network at 1000×700", async () => {
    await frame.locator(".cnn-foldbar button[aria-label=\"Unfold all\"]").click();
    await waitUntil(() => shownGraph(frame), (shown) => shown.blocks.length === 0, { what: "everything unfolded" });
    await page.setViewportSize({ width: 1000, height: 700 });
    await frame.locator(".react-flow__controls button[aria-label=\"Fit view\"]").click();
    const shown = await waitUntil(() => shownGraph(frame), (value) => value.blocks.length > 0, { what: "Fit View folding" });
    await waitUntil(() => drawnNodes(frame), (nodes) => nodes.length === shown.nodes && nodes.every((node) => node.inside), {
      what: `all ${shown.nodes} shown nodes drawn inside the canvas`,
    });
    await settle(page);
    await screenshot(page, "e2e-themes/resnet18-fit-1000x700");
    await page.setViewportSize({ width: 1600, height: 1000 });
    return `${shown.nodes} nodes (blocks ${shown.blocks.join(", ")}), all in view`;
  });
  await checks.run("U-Net is drawn as a U: encoder down, decoder back up, each skip straight across (1600×1000, 1000×700)", async () => {
    await openDesigner(page, "unet-small.cnn.json", 0);
    const unet = await designerShowing(page, "head");
    await unet.locator(".react-flow__controls button[aria-label=\"Fit view\"]").click();
    const ids = ["enc1.conv2", "enc2.conv2", "bottleneck.conv2", "up2", "up1", "head"];
    const allIn = (nodes) => ids.every((id) => nodes.some((node) => node.id === id && node.inside));
    const placed = await waitUntil(() => drawnNodes(unet), allIn, {
      what: "the whole U in view after Fit View",
    });
    const at = Object.fromEntries(placed.map((node) => [node.id, node]));
    const level = (a, b) => Math.abs(at[a].top - at[b].top) <= 2;
    if (!level("up1", "enc1.conv2") || !level("up2", "enc2.conv2")) throw new Error(`up-sampling not level with its skip: ${JSON.stringify(at)}`);
    if (!(at["enc1.conv2"].left < at["enc2.conv2"].left && at["enc2.conv2"].left < at["bottleneck.conv2"].left
      && at["bottleneck.conv2"].left < at.up2.left && at.up2.left < at.up1.left)) throw new Error(`columns out of order: ${JSON.stringify(at)}`);
    if (!(at["bottleneck.conv2"].top > at.up2.top && at.up2.top > at.up1.top)) throw new Error(`the decoder does not climb: ${JSON.stringify(at)}`);
    await settle(page);
    await screenshot(page, "e2e-themes/unet-u-1600x1000");
    await page.setViewportSize({ width: 1000, height: 700 });
    await unet.locator(".react-flow__controls button[aria-label=\"Fit view\"]").click();
    // Smaller: Fit View folds the stages into blocks (enc1, dec1, …); the U stays, up1 level with enc1.
    const small = await waitUntil(async () => ({ shown: await shownGraph(unet), drawn: await drawnNodes(unet) }),
      ({ shown, drawn }) => drawn.length === shown.nodes && drawn.every((node) => node.inside) && drawn.some((node) => node.id === "block:enc1"), {
        what: "the whole U in view at 1000×700, stages folded",
      });
    const folded = Object.fromEntries(small.drawn.map((node) => [node.id, node]));
    if (Math.abs(folded.up1.top - folded["block:enc1"].top) > 2 || !(folded.up1.left > folded["block:bottleneck"].left)) {
      throw new Error(`folded U out of shape: ${JSON.stringify(folded)}`);
    }
    await settle(page);
    await screenshot(page, "e2e-themes/unet-u-1000x700");
    // The shape table folds to its header (by keyboard): the canvas takes the height.
    const canvasHeight = () => unet.locator(".cnn-canvas").evaluate((canvas) => Math.round(canvas.getBoundingClientRect().height));
    const before = await canvasHeight();
    const toggle = unet.locator("button.cnn-dock-toggle[aria-controls=\"cnn-table-host\"]");
    await toggle.focus();
    await page.keyboard.press("Enter");
    await unet.locator("#cnn-table-host").waitFor({ state: "hidden", timeout: 10_000 });
    const after = await waitUntil(canvasHeight, (height) => height > before + 100, { what: `the canvas taller than ${before} px` });
    await unet.locator(".react-flow__controls button[aria-label=\"Fit view\"]").click();
    await waitUntil(() => drawnNodes(unet), (drawn) => drawn.length === small.drawn.length && drawn.every((node) => node.inside), {
      what: "Fit View: all in view in the taller canvas",
    });
    await settle(page);
    await screenshot(page, "e2e-themes/unet-u-1000x700-table-folded");
    // The inspector's header folds it to a rail: the canvas takes the width.
    const canvasWidth = () => unet.locator(".cnn-canvas").evaluate((canvas) => Math.round(canvas.getBoundingClientRect().width));
    const narrow = await canvasWidth();
    const inspectorToggle = unet.locator("button.cnn-dock-toggle[aria-controls=\"cnn-inspector-body\"]");
    await inspectorToggle.focus();
    await page.keyboard.press("Enter");
    await unet.locator("#cnn-inspector-body").waitFor({ state: "hidden", timeout: 10_000 });
    const wide = await waitUntil(canvasWidth, (width) => width > narrow + 150, { what: `the canvas wider than ${narrow} px` });
    await unet.locator(".react-flow__controls button[aria-label=\"Fit view\"]").click();
    await settle(page);
    await screenshot(page, "e2e-themes/unet-u-1000x700-both-folded");
    await inspectorToggle.focus(); // the rail: Enter shows the inspector again
    await page.keyboard.press("Enter");
    await unet.locator("#cnn-inspector-body").waitFor({ state: "visible", timeout: 10_000 });
    await toggle.click();
    await unet.locator("#cnn-table-host").waitFor({ state: "visible", timeout: 10_000 });
    await page.setViewportSize({ width: 1600, height: 1000 });
    await runCommand(page, "View: Close Editor"); // the next checks count the designers open
    return `columns by map size, up1 level with enc1.conv2 and up2 with enc2.conv2, the decoder climbing back; at 1000×700 ${small.shown.nodes} nodes (${small.shown.blocks.join(", ")} folded), still a U; the table folded from its header (keyboard): canvas ${before} → ${after} px, the inspector folded to a rail: canvas ${narrow} → ${wide} px wide`;
  });
}
