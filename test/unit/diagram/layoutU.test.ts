import { readFileSync } from "node:fs";
import ELK from "elkjs";
import { describe, expect, it } from "vitest";
import { analyze } from "../../../src/engine";
import { buildGraphModel, type GraphModel } from "../../../src/diagram/graphModel";
import { computeLayout, structureKey, type LayoutResult, type Point } from "../../../src/diagram/layout";
import { planU } from "../../../src/diagram/layoutU";
import { foldsThatFit } from "../../../src/diagram/foldFit";
import { groupTreeOf } from "../../../src/diagram/groups";

const elk = new ELK();

function templateModel(name: string): GraphModel {
  const text = readFileSync(new URL(`../../../media/templates/${name}.cnn.json`, import.meta.url), "utf8");
  return buildGraphModel(analyze(text), "CHW");
}

function specModel(input: number[], layers: object[]): GraphModel {
  return buildGraphModel(analyze(JSON.stringify({ version: 1, input, layers })), "CHW");
}

/** An orthogonal segment crosses a box's inside (a margin of 1 keeps touching endpoints out). */
function crossesBox(from: Point, to: Point, box: { x: number; y: number; width: number; height: number }): boolean {
  const left = Math.min(from.x, to.x);
  const right = Math.max(from.x, to.x);
  const top = Math.min(from.y, to.y);
  const bottom = Math.max(from.y, to.y);
  return right > box.x + 1 && left < box.x + box.width - 1 && bottom > box.y + 1 && top < box.y + box.height - 1;
}

function expectCleanDrawing(model: GraphModel, layout: LayoutResult): void {
  const boxes = [...layout.nodes];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [idA, a] = boxes[i];
      const [idB, b] = boxes[j];
      expect(a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height, `${idA} overlaps ${idB}`).toBe(false);
    }
  }
  for (const edge of model.edges) {
    const points = layout.edges.get(edge.id)?.points ?? [];
    expect(points.length, edge.id).toBeGreaterThanOrEqual(2);
    for (let index = 1; index < points.length; index++) {
      const [from, to] = [points[index - 1], points[index]];
      expect(from.x === to.x || from.y === to.y, `${edge.id} segment ${index} is orthogonal`).toBe(true);
      for (const [id, box] of boxes) {
        if (id === edge.source && index === 1) continue;
        if (id === edge.target && index === points.length - 1) continue;
        expect(crossesBox(from, to, box), `${edge.id} segment ${index} crosses ${id}`).toBe(false);
      }
    }
  }
}

const smallUNetColumns = {
  input: 0, "enc1.conv1": 0, "enc1.conv2": 0, pool1: 1, "enc2.conv1": 1, "enc2.conv2": 1, pool2: 2, "bottleneck.conv1": 2,
  "bottleneck.conv2": 2, up2: 3, skip2: 3, "dec2.conv1": 3, "dec2.conv2": 3, up1: 4, skip1: 4, "dec1.conv1": 4, "dec1.conv2": 4, head: 4,
};

describe("U layout (layoutU.ts)", () => {
  it("draws the small U-Net as a U: one column per map size, down through the encoder and back up through the decoder", async () => {
    const model = templateModel("unet-small");
    const plan = planU(model);
    expect(plan && Object.fromEntries(plan.column)).toEqual(smallUNetColumns);
    const layout = await computeLayout(elk, model, "TB");
    const box = (id: string) => layout.nodes.get(id)!;
    // Each column right of the last; the bottleneck lowest; the decoder climbs back up.
    expect(box("pool1").x).toBeGreaterThan(box("enc1.conv2").x);
    expect(box("bottleneck.conv2").y).toBeGreaterThan(box("dec2.conv2").y - 1);
    expect(box("up1").y).toBeLessThan(box("up2").y);
    expect(box("head").x).toBeGreaterThan(box("dec2.conv2").x);
    // Each up-sampling layer sits level with the encoder map its merge reads, so the skip runs straight across.
    expect(box("up2").y).toBe(box("enc2.conv2").y);
    expect(box("up1").y).toBe(box("enc1.conv2").y);
    const skip = layout.edges.get("enc1.conv2->skip1#1")!.points;
    expect(skip[0]).toEqual({ x: box("enc1.conv2").x + box("enc1.conv2").width / 2, y: box("enc1.conv2").y + box("enc1.conv2").height });
    expect(skip.at(-1)!.y).toBe(box("skip1").y);
    const across = skip.slice(1).find((point, index) => point.y === skip[index].y && Math.abs(point.x - skip[index].x) > 1000);
    expect(across, "one long horizontal run across the U").toBeDefined();
    expectCleanDrawing(model, layout);
  });

  it("draws the up-sampling U-Net the same way, and lays a U on its side left to right", async () => {
    const model = templateModel("unet-upsample");
    expect(planU(model)).toBeDefined();
    const down = await computeLayout(elk, model, "TB");
    const across = await computeLayout(elk, model, "LR");
    expectCleanDrawing(model, down);
    expectCleanDrawing(model, across);
    const [first, last] = [across.nodes.get("input")!, across.nodes.get("bottleneck.conv1")!];
    expect(last.y).toBeGreaterThan(first.y);
    expect(last.x).toBeGreaterThan(first.x);
  });

  it("leaves networks that are not U-shaped to ELK: ResNet-18, LeNet, the edge detector, an autoencoder without skips", () => {
    for (const name of ["resnet18", "lenet5", "tutorial", "edge-detection", "mobilenet-block", "vgg16", "alexnet"]) {
      expect(planU(templateModel(name)), name).toBeUndefined();
    }
    const autoencoder = specModel([1, 32, 32], [
      { id: "down", type: "conv2d", filters: 8, kernel: 3, stride: 2, padding: 1 },
      { id: "up", type: "convtranspose2d", filters: 1, kernel: 2, stride: 2 },
    ]);
    expect(planU(autoencoder)).toBeUndefined();
  });

  it("gives up on a graph that goes back down after climbing (a W): no edge may run back towards the encoder", () => {
    const w = specModel([4, 32, 32], [
      { id: "a", type: "conv2d", filters: 4, kernel: 3, padding: 1 },
      { id: "down1", type: "maxpool2d", kernel: 2 },
      { id: "up1", type: "upsample2d", scaleFactor: 2 },
      { id: "merge1", type: "add", inputs: ["up1", "a"] },
      { id: "down2", type: "maxpool2d", kernel: 2 },
      { id: "merge2", type: "add", inputs: ["down2", "down1"] },
    ]);
    expect(planU(w)).toBeUndefined();
  });

  it("stacks parallel branches of one size in their column and routes around what lies between", async () => {
    const model = specModel([4, 32, 32], [
      { id: "stem", type: "conv2d", filters: 8, kernel: 3, padding: 1 },
      { id: "branch", type: "conv2d", filters: 8, kernel: 1 },
      { id: "side", type: "conv2d", filters: 8, kernel: 3, padding: 1, inputs: ["stem"] },
      { id: "sum", type: "add", inputs: ["branch", "side"] },
      { id: "pool", type: "maxpool2d", kernel: 2 },
      { id: "deep", type: "conv2d", filters: 8, kernel: 3, padding: 1 },
      { id: "up", type: "upsample2d", scaleFactor: 2 },
      { id: "cat", type: "concat", inputs: ["up", "sum", "stem"] },
    ]);
    const plan = planU(model);
    expect(plan).toBeDefined();
    const layout = await computeLayout(elk, model, "TB");
    expectCleanDrawing(model, layout);
    const landings = ["up->cat#0", "sum->cat#1", "stem->cat#2"].map((id) => layout.edges.get(id)!.points.at(-1)!.x);
    expect(new Set(landings).size, "three inputs land apart").toBe(3);
  });

  it("Fit View judges a U by its U drawing: the small U-Net fits unfolded where a column of 18 ranks would not", () => {
    const model = templateModel("unet-small");
    const tree = groupTreeOf(model);
    expect([...foldsThatFit(model, tree, { width: 1100, height: 600 }, "TB")]).toEqual([]);
    expect(foldsThatFit(model, tree, { width: 500, height: 300 }, "TB").size).toBeGreaterThan(0);
  });

  it("re-lays out when a map size changes (the U's columns depend on it), not on other field edits", () => {
    const model = templateModel("unet-small");
    const shrunk = { ...model, nodes: model.nodes.map((node) => (node.id === "pool1" ? { ...node, area: 1 } : node)) };
    const renamed = { ...model, nodes: model.nodes.map((node) => (node.id === "pool1" ? { ...node, detail: "max 3×3" } : node)) };
    expect(structureKey(shrunk, "TB")).not.toBe(structureKey(model, "TB"));
    expect(structureKey(renamed, "TB")).toBe(structureKey(model, "TB"));
  });
});
