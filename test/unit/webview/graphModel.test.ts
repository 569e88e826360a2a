import { describe, expect, it } from "vitest";
import { adjacencyOf, buildGraphModel } from "../../../src/diagram/graphModel";
import { brokenBranchAnalysis, chainAnalysis } from "./analysisFixtures";

describe("buildGraphModel", () => {
  it("adds the input node and labels each edge with the tensor it carries", () => {
    const model = buildGraphModel(chainAnalysis(), "CHW");
    expect(model.nodes.map((item) => item.id)).toEqual(["input", "c1", "s2", "c3", "flat", "fc"]);
    expect(model.edges.map((edge) => `${edge.source}->${edge.target}:${edge.label}`)).toEqual([
      "input->c1:1×32×32", "c1->s2:6×28×28", "s2->c3:6×14×14", "c3->flat:16×10×10", "flat->fc:1600",
    ]);
    const c3 = model.nodes.find((item) => item.id === "c3");
    expect(c3).toMatchObject({ detail: "conv 5×5 /1 ×16", shapeText: "16×10×10", paramsText: "2.42 K params" });
    expect(model.nodes.find((item) => item.id === "s2")?.paramsText).toBe("");
  });

  it("writes shapes H×W×C when asked", () => {
    const model = buildGraphModel(chainAnalysis(), "HWC");
    expect(model.edges[1].label).toBe("28×28×6");
    expect(model.nodes[0].shapeText).toBe("32×32×1");
  });

  it("says why an invalid layer and everything downstream have no shape", () => {
    const model = buildGraphModel(brokenBranchAnalysis(), "CHW");
    const byId = new Map(model.nodes.map((item) => [item.id, item]));
    expect(byId.get("b")).toMatchObject({ severity: "error", shapeText: null, noShapeReason: "kernel 9×9 exceeds the 8×8 input" });
    expect(byId.get("c")?.noShapeReason).toBe("b is invalid");
    expect(byId.get("sum")?.noShapeReason).toBe("b is invalid");
    expect(byId.get("skip")).toMatchObject({ severity: "warning", messages: ["1 row never read"], noShapeReason: undefined });
    expect(model.edges.find((edge) => edge.source === "b")?.label).toBe("?");
  });

  it("reports an invalid network input on the input node", () => {
    const broken = { ...chainAnalysis(), input: null };
    expect(buildGraphModel(broken, "CHW").nodes[0]).toMatchObject({ shapeText: null, noShapeReason: "the network input is invalid" });
  });

  it("skips edges from unknown ids and builds adjacency", () => {
    const analysis = brokenBranchAnalysis();
    analysis.nodes[2].inputs = ["b", "ghost"];
    const model = buildGraphModel(analysis, "CHW");
    expect(model.edges.some((edge) => edge.source === "ghost")).toBe(false);
    const adjacency = adjacencyOf(model);
    expect(adjacency.consumers.get("a")).toEqual(["b", "skip"]);
    expect(adjacency.producers.get("sum")).toEqual(["c", "skip"]);
  });
});
