import ELK from "elkjs";
import { describe, expect, it } from "vitest";
import { roundedPath } from "../../../src/diagram/edgePath";
import { buildGraphModel, type GraphModel } from "../../../src/diagram/graphModel";
import {
  applyElkLayout, computeLayout, distanceToRoute, edgeNear, nodeAt, nodeHeight, nodeWidth, routeMidpoint, structureKey, toElkGraph,
} from "../../../src/diagram/layout";
import type { ChainPlan } from "../../../src/diagram/layoutChains";
import { brokenBranchAnalysis, chainAnalysis } from "./analysisFixtures";

const elk = new ELK();

/** Every node its own ELK box: the layout without chain compression. */
function singletonPlan(model: GraphModel): ChainPlan {
  return {
    chains: model.nodes.map((node) => ({ id: node.id, members: [node.id], links: [] })),
    chainOf: new Map(model.nodes.map((node) => [node.id, node.id])), outerEdges: model.edges,
  };
}

/** input → l0 → … → l(n-1), with a skip every 4th layer (a long ResNet-like graph). */
function generatedModel(layerCount: number): GraphModel {
  const ids = ["input", ...Array.from({ length: layerCount }, (_, index) => `l${index}`)];
  const edges = ids.slice(1).flatMap((id, index) => {
    const chain = { id: `${ids[index]}->${id}#0`, source: ids[index], target: id, label: "64×56×56" };
    return index % 4 === 3 ? [chain, { id: `${ids[index - 3]}->${id}#1`, source: ids[index - 3], target: id, label: "64×56×56" }] : [chain];
  });
  const nodes = ids.map((id, index) => ({ id, kind: index === 0 ? "input" as const : "layer" as const, type: "conv2d", index: index - 1, detail: "", shapeText: "64×56×56", params: 0, paramsText: "", messages: [] }));
  return { nodes, edges };
}

function expectNoOverlaps(boxes: Map<string, { x: number; y: number; width: number; height: number }>): void {
  const list = [...boxes.entries()];
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const [idA, a] = list[i];
      const [idB, b] = list[j];
      const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      expect(overlap, `${idA} overlaps ${idB}`).toBe(false);
    }
  }
}

describe("layout", () => {
  it("hands ELK one box per chain and sized shape labels on the edges between boxes", () => {
    const chain = toElkGraph(buildGraphModel(chainAnalysis(), "CHW"), "TB");
    expect(chain.layoutOptions?.["elk.direction"]).toBe("DOWN");
    // input → c1 → s2 → c3 → flat → fc is one chain: one box, 6 nodes and 5 labelled gaps tall.
    expect(chain.children).toHaveLength(1);
    expect(chain.children?.[0]).toMatchObject({ id: "input", width: nodeWidth, height: 6 * nodeHeight + 5 * (2 * 18 + 16) });
    expect(chain.edges).toEqual([]);
    const branched = buildGraphModel(brokenBranchAnalysis(), "CHW");
    const graph = toElkGraph(branched, "TB");
    expect(graph.children!.length).toBeLessThan(branched.nodes.length);
    for (const edge of graph.edges ?? []) expect(edge.labels?.[0]).toMatchObject({ height: 16 });
    expect(toElkGraph(buildGraphModel(chainAnalysis(), "CHW"), "LR").layoutOptions?.["elk.direction"]).toBe("RIGHT");
  });

  for (const direction of ["TB", "LR"] as const) {
    it(`expands a chain exactly where ELK puts its nodes and labels (${direction})`, async () => {
      const model = buildGraphModel(chainAnalysis(), "CHW");
      const plain = await elk.layout(toElkGraph(model, direction, singletonPlan(model)));
      const reference = applyElkLayout(plain);
      const compressed = await computeLayout(elk, model, direction);
      for (const node of model.nodes) {
        expect(compressed.nodes.get(node.id)!.x).toBeCloseTo(reference.nodes.get(node.id)!.x, 0);
        expect(compressed.nodes.get(node.id)!.y).toBeCloseTo(reference.nodes.get(node.id)!.y, 0);
      }
      expect(compressed.width).toBeCloseTo(reference.width, 0);
      expect(compressed.height).toBeCloseTo(reference.height, 0);
      for (const edge of model.edges) {
        const ours = compressed.edges.get(edge.id)!;
        const elks = reference.edges.get(edge.id)!;
        expect(ours.points).toEqual(elks.points);
        expect(Math.abs(ours.labelCenter!.x - elks.labelCenter!.x)).toBeLessThanOrEqual(1);
        expect(Math.abs(ours.labelCenter!.y - elks.labelCenter!.y)).toBeLessThanOrEqual(1);
      }
    });
  }

  it("draws a graph that is one chain without ELK (no wait for its worker at a designer's first render)", async () => {
    const refusing = { layout: () => Promise.reject(new Error("ELK was called")) };
    const layout = await computeLayout(refusing, buildGraphModel(chainAnalysis(), "CHW"), "TB");
    expect(layout.nodes.get("input")).toMatchObject({ x: 16, y: 16 });
    await expect(computeLayout(refusing, buildGraphModel(brokenBranchAnalysis(), "CHW"), "TB")).rejects.toThrow("ELK was called");
  });

  it("lays a chain out top-down without overlaps, edges ending at their nodes", async () => {
    const layout = await computeLayout(elk, buildGraphModel(chainAnalysis(), "CHW"), "TB");
    const ys = ["input", "c1", "s2", "c3", "flat", "fc"].map((id) => layout.nodes.get(id)?.y ?? Number.NaN);
    for (let index = 1; index < ys.length; index++) expect(ys[index]).toBeGreaterThanOrEqual(ys[index - 1] + nodeHeight);
    const route = layout.edges.get("c1->s2#0");
    const c1 = layout.nodes.get("c1");
    const s2 = layout.nodes.get("s2");
    expect(route && c1 && s2).toBeTruthy();
    expect(route!.points[0].y).toBeCloseTo(c1!.y + nodeHeight, 0);
    expect(route!.points.at(-1)!.y).toBeCloseTo(s2!.y, 0);
    expect(route!.labelCenter!.y).toBeGreaterThan(c1!.y + nodeHeight);
    expect(route!.labelCenter!.y).toBeLessThan(s2!.y);
  });

  it("lays out left-right when asked", async () => {
    const layout = await computeLayout(elk, buildGraphModel(chainAnalysis(), "CHW"), "LR");
    expect(layout.nodes.get("c1")!.x).toBeGreaterThanOrEqual(layout.nodes.get("input")!.x + nodeWidth);
  });

  it("lays out branches without overlapping boxes, every consumer below its producers", async () => {
    const model = buildGraphModel(brokenBranchAnalysis(), "CHW");
    const layout = await computeLayout(elk, model, "TB");
    expectNoOverlaps(layout.nodes);
    for (const edge of model.edges) expect(layout.nodes.get(edge.target)!.y).toBeGreaterThan(layout.nodes.get(edge.source)!.y);
  });

  it("keeps the structure key on field edits and changes it on structural ones", () => {
    const model = buildGraphModel(chainAnalysis(), "CHW");
    const edited = chainAnalysis();
    edited.nodes[2].outputShape = [32, 10, 10];
    expect(structureKey(buildGraphModel(edited, "CHW"), "TB")).toBe(structureKey(model, "TB"));
    expect(structureKey(model, "LR")).not.toBe(structureKey(model, "TB"));
    const fewer = chainAnalysis();
    fewer.nodes.pop();
    expect(structureKey(buildGraphModel(fewer, "CHW"), "TB")).not.toBe(structureKey(model, "TB"));
  });

  // Timing is measured by test/webview-dev (Chromium and Node), not asserted here: the
  // shared 2-core machine makes wall-clock limits flaky.
  it("lays out a generated 200-layer network completely, without overlaps", async () => {
    const model = generatedModel(200);
    const layout = await computeLayout(elk, model, "TB");
    expect(layout.nodes.size).toBe(201);
    expect(layout.edges.size).toBe(model.edges.length);
    expectNoOverlaps(layout.nodes);
    // Every route starts at its source box and ends at its target box.
    for (const edge of model.edges) {
      const route = layout.edges.get(edge.id)!;
      const source = layout.nodes.get(edge.source)!;
      const target = layout.nodes.get(edge.target)!;
      expect(route.points[0].y).toBeCloseTo(source.y + nodeHeight, 0);
      expect(route.points.at(-1)!.y).toBeCloseTo(target.y, 0);
    }
  });

  it("reads ELK results defensively", () => {
    const layout = applyElkLayout({ id: "root", children: [{ id: "a" }], edges: [{ id: "e", sources: ["a"], targets: ["a"] }] });
    expect(layout.nodes.get("a")).toEqual({ x: 0, y: 0, width: nodeWidth, height: nodeHeight });
    expect(layout.edges.size).toBe(0);
  });

  it("hit-tests routes and boxes for drops", () => {
    const points = [{ x: 0, y: 0 }, { x: 0, y: 100 }, { x: 50, y: 100 }];
    expect(distanceToRoute({ x: 5, y: 50 }, points)).toBeCloseTo(5);
    expect(distanceToRoute({ x: 60, y: 100 }, points)).toBeCloseTo(10);
    expect(routeMidpoint(points)).toEqual({ x: 0, y: 50 });
    const layout = { nodes: new Map([["n", { x: 100, y: 100, width: 10, height: 10 }]]), edges: new Map([["e", { points }]]), width: 0, height: 0 };
    expect(edgeNear({ x: 3, y: 40 }, layout, 4)).toBe("e");
    expect(edgeNear({ x: 30, y: 40 }, layout, 4)).toBeUndefined();
    expect(nodeAt({ x: 105, y: 109 }, layout)).toBe("n");
    expect(nodeAt({ x: 95, y: 105 }, layout)).toBeUndefined();
  });

  it("draws routes with rounded corners", () => {
    expect(roundedPath([{ x: 0, y: 0 }, { x: 0, y: 20 }, { x: 30, y: 20 }])).toBe("M 0 0 L 0 14 Q 0 20 6 20 L 30 20");
    expect(roundedPath([{ x: 1, y: 2 }, { x: 1, y: 9 }])).toBe("M 1 2 L 1 9");
    expect(roundedPath([])).toBe("");
  });
});
