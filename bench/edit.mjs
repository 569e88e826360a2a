// Benchmark section: one designer edit (applyIntent) on a 590 KB file written on ONE line, next
// to one jsonc-parser parse of the same text (the floor: an intent parses the text once and
// computes every edit from that parse; issue #16 measured 1.6 s per field edit before).
import { buildAndImport } from "./build.mjs";
import { convChainText } from "./analyze.mjs";
import { medianMilliseconds, printTable } from "./timing.mjs";

/** The conv chain of analyze.mjs, minified onto one line with ", " and ": " (about 590 KB for 6,000 layers). */
export function oneLineChainText(count) {
  return JSON.stringify(JSON.parse(convChainText(count).replace(/^\/\/.*\n/, ""))).replace(/,"/g, ', "').replace(/":/g, '": ');
}

export async function benchEdit({ runs = 11, warmup = 3, only } = {}) {
  const edit = await buildAndImport("src/engine/edit/index.ts", "edit");
  const text = oneLineChainText(6000);
  const middle = "conv3000";
  const cases = [
    { name: "setField stride", intent: { kind: "setField", id: middle, key: "stride", value: 2 } },
    { name: "setField reset padding", intent: { kind: "setField", id: middle, key: "padding" } },
    { name: "insertLayer", intent: { kind: "insertLayer", afterId: middle, layer: { type: "relu" } } },
    { name: "removeLayer", intent: { kind: "removeLayer", id: middle } },
    { name: "connect", intent: { kind: "connect", from: "conv10", to: middle } },
    { name: "moveLayer", intent: { kind: "moveLayer", id: "conv5999", toIndex: 10 } },
  ].filter((item) => !only || item.name.includes(only));
  const parseMs = medianMilliseconds(() => edit.parseText(text), { runs, warmup });
  const results = cases.map(({ name, intent }) => {
    const result = edit.applyIntent(text, intent);
    if (!result.ok) throw new Error(`${name}: refused: ${result.error.message}`);
    const editMs = medianMilliseconds(() => edit.applyIntent(text, intent), { runs, warmup });
    return { name, editMs, ratio: editMs / parseMs };
  });
  console.log(`applyIntent on a ${(text.length / 1024).toFixed(0)} KiB one-line file — median of ${runs} runs; one parse: ${parseMs.toFixed(0)} ms`);
  printTable([["intent", "ms", "parses"], ...results.map((result) => [result.name, result.editMs.toFixed(0), result.ratio.toFixed(1)])]);
  return results;
}
