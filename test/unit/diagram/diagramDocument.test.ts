// An analysis straight to SVG in Node (the CLI's export --to svg), with elkjs' bundled build.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze } from "../../../src/engine";
import { createBundledElk } from "../../../src/diagram/bundledElk";
import { diagramDocument } from "../../../src/diagram/diagramDocument";
import { defaultPalette } from "../../../src/diagram/diagramSvg";
import type { ElkLike } from "../../../src/diagram/layout";

const template = (name: string) => readFileSync(join(__dirname, "../../../media/templates", `${name}.cnn.json`), "utf8");

const refusingElk: ElkLike = { layout: () => Promise.reject(new Error("ELK must not run above the cap")) };

describe("diagramDocument", () => {
  it("draws every layer of a template, laid out by ELK, in the light palette by default", async () => {
    const analysis = analyze(template("resnet18"));
    const svg = await diagramDocument(analysis, { elk: createBundledElk() });
    expect(svg).toContain("<title>ResNet-18 (CNN Designer)</title>");
    expect(svg).toContain(`fill="${defaultPalette.background}"`);
    for (const node of analysis.nodes) expect(svg).toContain(`data-id="${node.id}"`);
  });

  it("marks a layer with an error with the error badge and border", async () => {
    const analysis = analyze({ version: 1, input: [1, 4, 4], layers: [{ id: "big", type: "conv2d", filters: 1, kernel: 9 }] });
    const svg = await diagramDocument(analysis, { elk: createBundledElk(), order: "HWC" });
    expect(svg).toContain('class="badge-error"');
    expect(svg).toContain(`stroke="${defaultPalette.error}"`);
  });

  it("draws the simple column instead of running ELK above the automatic-layout cap", async () => {
    const layers = Array.from({ length: 1501 }, (_, index) => ({ id: `r${index}`, type: "relu" }));
    const svg = await diagramDocument(analyze({ version: 1, input: [1, 4, 4], layers }), { elk: refusingElk });
    expect(svg).toContain('data-id="r1500"');
  });
});
