// Part of benchmark section `ui` (ui.mjs): frames while panning and zooming the canvas
// (issue 18, point 7): a 200-layer chain and a 200-layer ResNet (the size of ResNet-50, whose
// generated ids have no dots, so nothing folds: every node is drawn), each at its first view and
// fitted (every node in view), against LeNet-5 in the same run. Frame intervals come from
// requestAnimationFrame inside the webview while Playwright drags the pane (120 moves) and turns
// the wheel (40 notches out, 40 in); median, p90, worst, and the share of frames over 50 ms.
// About 1.5 minutes.
import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot, settle } from "../test/harness/harness.mjs";
import { openDesigner, waitUntil } from "../test/e2e/designer.mjs";
import { manyLayers, resnet200 } from "../test/e2e/largeSpecs.mjs";
import { printTable } from "./timing.mjs";

const longFrameMs = 50;

export const frameDesigns = [
  { file: "lenet5.cnn.json", label: "LeNet-5 (9 nodes)", write: (folder) => cpSync(join(repoRoot, "media/templates/lenet5.cnn.json"), join(folder, "lenet5.cnn.json")) },
  { file: "chain-200.cnn.json", label: "200-layer chain", write: (folder) => writeFileSync(join(folder, "chain-200.cnn.json"), manyLayers(200).text) },
  { file: "resnet-200.cnn.json", label: "200-layer ResNet", write: (folder) => writeFileSync(join(folder, "resnet-200.cnn.json"), resnet200().text) },
];

function percentile(sorted, fraction) {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

/** Starts recording requestAnimationFrame times in the webview. */
function startFrames(frame) {
  return frame.locator("body").evaluate((body) => {
    const view = body.ownerDocument.defaultView;
    const document = body.ownerDocument;
    const viewport = document.querySelector(".react-flow__viewport");
    const record = { times: [], running: true, mostDrawn: 0, moves: 0, last: "" };
    const tick = (time) => {
      record.times.push(time);
      record.mostDrawn = Math.max(record.mostDrawn, document.querySelectorAll(".react-flow__node").length);
      const transform = viewport?.style.transform ?? "";
      if (transform !== record.last) record.moves += 1;
      record.last = transform;
      if (record.running) view.requestAnimationFrame(tick);
    };
    view.requestAnimationFrame(tick);
    view.cnnBenchFrames = record;
  });
}

/** Stops recording: the intervals between frames (ms), the most nodes drawn in a frame, the frames that moved the view. */
function stopFrames(frame) {
  return frame.locator("body").evaluate((body) => {
    const view = body.ownerDocument.defaultView;
    const record = view.cnnBenchFrames;
    record.running = false;
    const intervals = record.times.slice(1).map((time, index) => time - record.times[index]);
    return { intervals, drawn: record.mostDrawn, moves: record.moves };
  });
}

/** Drags the pane back and forth, then turns the wheel out and in, over the canvas centre. */
async function panAndZoom(page, frame) {
  const box = await frame.locator(".react-flow__pane").boundingBox();
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(centre.x, centre.y);
  await page.mouse.down();
  for (let step = 0; step < 120; step++) {
    const angle = (step / 120) * 4 * Math.PI;
    await page.mouse.move(centre.x + Math.sin(angle) * box.width * 0.3, centre.y + Math.sin(angle / 2) * box.height * 0.3);
  }
  await page.mouse.up();
  for (let notch = 0; notch < 80; notch++) await page.mouse.wheel(0, notch < 40 ? 60 : -60);
}

function summarize(label, view, { intervals, drawn, moves }) {
  const sorted = [...intervals].sort((a, b) => a - b);
  const long = intervals.filter((interval) => interval > longFrameMs).length;
  const median = percentile(sorted, 0.5);
  return { label, view, drawn, moves, frames: intervals.length, median, p90: percentile(sorted, 0.9), worst: sorted.at(-1) ?? 0, long };
}

async function measure(page, design) {
  const frame = await openDesigner(page, design.file, 0);
  await waitUntil(() => frame.locator(".react-flow__node").count(), (count) => count > 0, { what: `${design.label} drawn` });
  await settle(page);
  const results = [];
  for (const view of ["first view", "fitted"]) {
    if (view === "fitted") {
      await frame.locator(".react-flow__controls button[aria-label=\"Fit view\"]").click();
      await settle(page);
    }
    await panAndZoom(page, frame); // warm-up: the first drag pays for fonts and layers
    await startFrames(frame);
    await panAndZoom(page, frame);
    results.push(summarize(design.label, view, await stopFrames(frame)));
  }
  return results;
}

/** Pans and zooms each design (written into `workspace` beforehand by `frameDesigns[i].write`); prints the table. */
export async function measureFrames(page) {
  const rows = [];
  await page.setViewportSize({ width: 1600, height: 1000 });
  for (const design of frameDesigns) rows.push(...(await measure(page, design)));
  const baseline = rows[0].p90;
  const ms = (value) => value.toFixed(1);
  console.log("\nFrames while panning and zooming (requestAnimationFrame intervals inside the webview)");
  printTable([
    ["design", "view", "most nodes drawn", "frames", "frames moving", "median ms", "p90 ms", "worst ms", `> ${longFrameMs} ms`, "p90 / LeNet"],
    ...rows.map((row) => [
      row.label, row.view, row.drawn, row.frames, row.moves,
      ms(row.median), ms(row.p90), ms(row.worst), row.long, (row.p90 / baseline).toFixed(2),
    ]),
  ]);
}
