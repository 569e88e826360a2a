/**
 * Every edit intent on hostile texts (duplicate keys, BOM, CRLF, tabs, comments, 1 MB lines),
 * with a fixed seed: an accepted intent changes only the bytes inside its edits' spans, its
 * spans stay inside what it edits, the result is JSON again, and the engine (JSON.parse: the
 * last duplicate wins) sees the change. A refusal changes nothing.
 */
import { describe, expect, it } from "vitest";
import { parseTree, type Node } from "jsonc-parser";
import { applyIntent, applyTextEdits, indexLayers, parseText, type EditIntent, type TextEdit } from "../../../src/engine/edit";
import { Random } from "./random";

const BOM = "\uFEFF";

function layerLines(count: number, indent: string): string[] {
  return Array.from({ length: count }, (_, index) => `${indent}{ "id": "l${index}", "type": "${index % 3 === 0 ? "conv2d" : "relu"}"${index % 3 === 0 ? `, "filters": 4, "kernel": 3, "stride": 1, "stride": 2` : ""}${index % 4 === 1 ? `, "inputs": ["l${index - 1}"]` : ""} }`);
}

const hostileTexts: Record<string, string> = {
  "duplicate layers keys, CRLF, tabs, comments": [
    "// header", "{", `\t"version": 1,`, `\t"input": [3, 16, 16],`, `\t"layers": [ { "id": "hidden", "type": "relu" } ],`,
    `\t"layers": [ // the copy that is read`, ...layerLines(8, "\t\t").map((line, index, all) => line + (index < all.length - 1 ? "," : "")), "\t],", `\t/* trailing */ "extra": { "keep": true }`, "}", "",
  ].join("\r\n"),
  "BOM inside strings, duplicate ids, trailing commas": `{\n  "name": "${BOM}net${BOM}",\n  "input": [1, 8, 8],\n  "layers": [\n    { "id": "a", "type": "conv2d", "id": "b", "filters": 2, "kernel": 1, },\n    { "type": "relu" },\n    { "id": "c", "type": "add", "inputs": ["b", "relu_1"], "inputs": ["b", "relu_1", "input"] },\n  ],\n}\n`,
  "one line, 1 MB (a long unknown value)": `{ "input": [1, 8, 8], "note": "${"x".repeat(1_000_000)}", "layers": [${layerLines(30, "").join(", ")}] }`,
  "one line, 1 MB of layers": `{ "input": [1, 8, 8], "layers": [${layerLines(9000, "").join(", ")}] }`,
};

function lastLayersNode(text: string): Node | undefined {
  const root = parseTree(text, [], { allowTrailingComma: true });
  const properties = (root?.children ?? []).filter((property) => property.children?.[0]?.value === "layers");
  return properties.at(-1)?.children?.[1];
}

function randomIntent(random: Random, ids: string[]): EditIntent {
  const id = (): string => (random.chance(0.9) ? random.pick(ids) : random.pick(["input", "nope", "", "a b"]));
  const value = (): number | number[] | string | boolean => random.pick([random.integer(5) + 1, [random.integer(3) + 1, 2], "same", true]);
  switch (random.integer(9)) {
    case 0: return { kind: "addLayer", layer: { type: random.pick(["relu", "conv2d", "linear"]), fields: random.chance(0.5) ? { filters: 3, kernel: 3 } : {} } };
    case 1: return { kind: "insertLayer", afterId: random.chance(0.2) ? null : id(), layer: { type: "batchnorm2d" } };
    case 2: return { kind: "removeLayer", id: id() };
    case 3: return { kind: "setField", id: id(), key: random.pick(["stride", "kernel", "filters", "note"]), value: value() };
    case 4: return { kind: "setField", id: id(), key: random.pick(["stride", "inputs", "kernel"]) };
    case 5: return { kind: "connect", from: id(), to: id() };
    case 6: return { kind: "disconnect", from: id(), to: id() };
    case 7: return { kind: "renameLayer", id: id(), newId: random.pick(["fresh", "l1", "input", "x.y-z", "9bad"]) };
    default: return { kind: "moveLayer", id: id(), toIndex: random.integer(ids.length + 1) - (random.chance(0.1) ? 5 : 0) };
  }
}

/** The bytes outside the edits are the original's, in order (the edits do not overlap). */
function expectOnlySpansChanged(before: string, edits: TextEdit[], after: string): void {
  let cursor = 0;
  let position = 0;
  for (const edit of [...edits].sort((a, b) => a.offset - b.offset)) {
    expect(edit.offset).toBeGreaterThanOrEqual(cursor);
    const unchanged = before.slice(cursor, edit.offset);
    expect(after.startsWith(unchanged, position)).toBe(true);
    position += unchanged.length + edit.content.length;
    cursor = edit.offset + edit.length;
  }
  expect(after.slice(position)).toBe(before.slice(cursor));
}

function checkIntent(text: string, intent: EditIntent): boolean {
  const result = applyIntent(text, intent);
  if (!result.ok) {
    expect(result.error.message.length).toBeGreaterThan(0);
    return false;
  }
  expect(applyTextEdits(text, result.edits)).toBe(result.text);
  expectOnlySpansChanged(text, result.edits, result.text);
  const layers = lastLayersNode(text);
  const inside = (edit: TextEdit): boolean =>
    layers !== undefined && edit.offset >= layers.offset && edit.offset + edit.length <= layers.offset + layers.length;
  for (const edit of result.edits) expect(inside(edit), `${intent.kind} edits outside the layers read`).toBe(true);
  const reparsed = parseText(result.text);
  expect(reparsed.errors).toEqual([]);
  expect(result.text.startsWith(BOM)).toBe(text.startsWith(BOM));
  if (intent.kind === "setField" && intent.value !== undefined) {
    const index = indexLayers(reparsed).byId.get(intent.id)?.index ?? -1;
    const engineView = JSON.parse(stripForParse(result.text)) as { layers: Record<string, unknown>[] };
    expect(engineView.layers[index][intent.key]).toEqual(intent.value);
  }
  return true;
}

/** Comments, trailing commas and the BOM removed (for JSON.parse, which keeps the last duplicate as the engine does). */
function stripForParse(text: string): string {
  return text.replace(/^\uFEFF/, "").replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, "").replace(/,(\s*[\]}])/g, "$1");
}

describe("edit intents on hostile texts (fixed seed)", () => {
  it("a leading BOM is not JSON for the engine either: every intent is refused as a parse error, nothing changes", () => {
    const text = `${BOM}${hostileTexts["BOM inside strings, duplicate ids, trailing commas"]}`;
    const random = new Random(7);
    for (let round = 0; round < 50; round++) {
      const result = applyIntent(text, randomIntent(random, ["a", "b", "relu_1", "c"]));
      expect(result.ok ? "accepted" : result.error.code).toBe("parse-error");
    }
  });

  for (const [name, text] of Object.entries(hostileTexts)) {
    const large = text.length > 500_000;
    it(`${name}: only the edits' spans change, inside the layers the engine reads`, () => {
      const random = new Random(0x5eed + text.length);
      const ids = [...indexLayers(parseText(text)).byId.keys()];
      let accepted = 0;
      const rounds = large ? 6 : 400;
      for (let round = 0; round < rounds; round++) if (checkIntent(text, randomIntent(random, ids))) accepted++;
      expect(accepted).toBeGreaterThan(rounds / 5);
    }, 120_000);
  }
});
