// "CNN Designer: Export Diagram (SVG or PNG)…" driven as a person does it: the command palette,
// the format quick pick, VS Code's save dialog (code-server's simple file dialog: a path in the
// quick input), then the files on disk are checked: the SVG parses (the browser's DOMParser) and
// has one node group with a rect per layer plus the input; the PNG has the signature and twice
// the SVG's size (less, same proportions, when a side would pass 16,000 px). Copies go to
// test-artifacts/e2e-flows/<theme>-resnet18.{svg,png}.
import { copyFileSync, existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { runCommand, screenshot, settle, webviewFrame } from "../harness/harness.mjs";
import { graphNode, openDesigner, readTable, selectLayer, waitUntil } from "./designer.mjs";

const file = "resnet18.cnn.json";
const commandLabel = "CNN Designer: Export Diagram (SVG or PNG)…";
const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Picks the format in the quick pick, then accepts the save dialog's proposed path. */
async function answerDialogs(page, label, expectedPath) {
  const widget = page.locator(".quick-input-widget");
  const input = widget.locator(".quick-input-box input");
  // Type the label so that its row is the only one, then accept it with Enter.
  await input.waitFor({ timeout: 15_000 });
  await input.fill(label, { timeout: 10_000 });
  const rows = widget.locator(".quick-input-list .monaco-list-row");
  await waitUntil(() => rows.allInnerTexts(), (texts) => Array.isArray(texts) && texts.length === 1 && texts[0].startsWith(label), { what: `the quick pick showing only ${label}` });
  await input.press("Enter");
  // The save dialog reuses the quick input: its value is the proposed path beside the source.
  const value = await waitUntil(() => input.inputValue(), (text) => typeof text === "string" && text.endsWith(expectedPath.slice(expectedPath.lastIndexOf("/"))), { what: "the save dialog's path" });
  await input.press("Enter");
  return value;
}

/** Parses the SVG in the page and lists its node groups, each with its rect count. */
function svgNodes(page, svg) {
  return page.evaluate((text) => {
    const documentNode = new globalThis.DOMParser().parseFromString(text, "image/svg+xml");
    const nodes = [...documentNode.querySelectorAll("svg g.node")].map((group) => ({ id: group.getAttribute("data-id"), rects: group.querySelectorAll("rect").length }));
    return { parseErrors: documentNode.getElementsByTagName("parsererror").length, root: documentNode.documentElement.tagName, nodes };
  }, svg);
}

function layerIds(specPath) {
  return [...readFileSync(specPath, "utf8").matchAll(/"id":\s*"([^"]+)"/g)].map((match) => match[1]);
}

async function exportOne({ page, theme, workspace, shotsDir }, format) {
  const target = join(workspace, `resnet18.${format}`);
  await runCommand(page, commandLabel);
  const proposed = await answerDialogs(page, format.toUpperCase(), target);
  await waitUntil(() => Promise.resolve(existsSync(target) && statSync(target).size > 0), Boolean, { what: `${target} written`, timeoutMs: 30_000 });
  // The "exported … Open" message (headless, it goes to the notification centre rather than a toast).
  await runCommand(page, "Notifications: Show Notifications");
  const message = page.locator(".notifications-center .notification-list-item", { hasText: `to resnet18.${format}` }).first();
  await message.waitFor({ timeout: 10_000 });
  await settle(page);
  await screenshot(page, `e2e-flows/${theme}-export-${format}`);
  await runCommand(page, "Notifications: Clear All Notifications");
  const copy = join(shotsDir, `${theme}-resnet18.${format}`);
  copyFileSync(target, copy);
  return { proposed, copy };
}

export async function exportDiagrams(context) {
  const { page, theme, workspace, checks } = context;
  const opened = await checks.run(`[${theme}] ResNet-18 in the designer for export`, async () => {
    await runCommand(page, "View: Close All Editors");
    const frame = await openDesigner(page, file);
    await waitUntil(() => readTable(frame), (table) => table.total === "11,689,512", { what: "the ResNet-18 table" });
    await selectLayer(frame, "layer1.0.add"); // a merge node in view, for the screenshots
    await graphNode(frame, "layer1.0.add").waitFor({ timeout: 10_000 });
    return "total 11,689,512, layer1.0.add selected";
  });
  if (!opened) return;
  const allIds = ["input", ...layerIds(join(workspace, file))];
  let svgSize;
  let shownCount = 0;
  await checks.run(`[${theme}] Export Diagram → SVG → save dialog: a valid SVG of what is shown (layers and folded blocks)`, async () => {
    // ResNet-18 opens with its residual blocks folded; selecting layer1.0.add unfolded layer1.0.
    const frame = webviewFrame(page, 0);
    const shown = await frame.locator(".cnn-canvas").evaluate((canvas) => ({
      count: Number(canvas.dataset.shownNodes), blocks: canvas.dataset.blocks.split(" ").filter(Boolean),
    }));
    const hidden = new Set(allIds.filter((id) => shown.blocks.some((block) => id.startsWith(`${block}.`))));
    const expectedIds = [...allIds.filter((id) => !hidden.has(id)), ...shown.blocks.map((block) => `block:${block}`)];
    if (expectedIds.length !== shown.count) throw new Error(`the canvas shows ${shown.count} nodes, the blocks account for ${expectedIds.length}`);
    shownCount = shown.count;
    const { proposed, copy } = await exportOne(context, "svg");
    const svg = readFileSync(copy, "utf8");
    const parsed = await svgNodes(page, svg);
    if (parsed.parseErrors > 0 || parsed.root !== "svg") throw new Error(`the SVG does not parse (${parsed.parseErrors} error(s), root ${parsed.root})`);
    const ids = parsed.nodes.map((node) => node.id);
    const missing = expectedIds.filter((id) => !ids.includes(id));
    if (missing.length > 0 || ids.length !== expectedIds.length) throw new Error(`${ids.length} node groups for ${expectedIds.length} shown nodes; missing ${missing.join(", ")}`);
    const withoutRect = parsed.nodes.filter((node) => node.rects < 1);
    if (withoutRect.length > 0) throw new Error(`groups without a rect: ${withoutRect.map((node) => node.id).join(", ")}`);
    svgSize = { width: Number(/<svg[^>]* width="([\d.]+)"/.exec(svg)?.[1]), height: Number(/<svg[^>]* height="([\d.]+)"/.exec(svg)?.[1]) };
    return `${proposed}; ${ids.length} node groups (${shown.blocks.length} folded blocks: ${shown.blocks.join(", ")}), ${svgSize.width}×${svgSize.height}, ${Math.round(svg.length / 1024)} KB`;
  });
  await checks.run(`[${theme}] Export Diagram → PNG → save dialog: a PNG, 2× the SVG (or capped)`, async () => {
    const { copy } = await exportOne(context, "png");
    const png = readFileSync(copy);
    if (!pngSignature.every((byte, index) => png[index] === byte)) throw new Error("no PNG signature");
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    // Twice the SVG's size, or less with the same proportions when a side would pass the canvas limit (16,000 px).
    if (!svgSize) throw new Error(`${width}×${height}; no SVG to compare with (its export failed)`);
    const scale = width / svgSize.width;
    const proportional = Math.abs(height / svgSize.height - scale) < 0.01;
    const twice = Math.abs(scale - 2) < 0.01;
    if (!proportional || !(twice || (scale < 2 && Math.max(width, height) === 16_000))) {
      throw new Error(`${width}×${height} for the SVG's ${svgSize.width}×${svgSize.height}: not 2× nor capped at 16,000 px`);
    }
    if (height < shownCount * 20 || png.length < 20_000 || png.length > 20_000_000) throw new Error(`implausible: ${width}×${height}, ${png.length} bytes`);
    return `${width}×${height} (${twice ? "2×" : `${scale.toFixed(3)}×, capped`}), ${Math.round(png.length / 1024)} KB → ${copy}`;
  });
}
