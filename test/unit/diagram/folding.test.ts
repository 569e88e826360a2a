import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze } from "../../../src/engine";
import { buildGraphModel, type GraphModel } from "../../../src/diagram/graphModel";
import { blockIdOf, foldGraph, initialFolds, unfoldedFor } from "../../../src/diagram/folding";
import { ancestorsOf, groupTreeOf } from "../../../src/diagram/groups";
import { foldAround, foldEverything, unfoldBlock, withSelection } from "../../../src/diagram/foldActions";
import { foldsThatFit } from "../../../src/diagram/foldFit";
import { modelOf } from "../webview/modelOf";

function templateModel(name: string): GraphModel {
  const text = readFileSync(new URL(`../../../media/templates/${name}.cnn.json`, import.meta.url), "utf8");
  return buildGraphModel(analyze(text), "CHW");
}

describe("groupTreeOf", () => {
  it("nests ResNet-18's dotted ids: layer1 ⊃ layer1.0 ⊃ its layers, layer2.0.downsample inside layer2.0", () => {
    const tree = groupTreeOf(templateModel("resnet18"));
    expect(tree.groups.get("layer1")).toMatchObject({ parent: null, depth: 1 });
    expect(tree.groups.get("layer1.0")).toMatchObject({ parent: "layer1", depth: 2 });
    expect(tree.groups.get("layer1.0")?.members).toEqual([
      "layer1.0.conv1", "layer1.0.bn1", "layer1.0.relu1", "layer1.0.conv2", "layer1.0.bn2", "layer1.0.add", "layer1.0.relu",
    ]);
    expect(tree.groups.get("layer2.0.downsample")).toMatchObject({ parent: "layer2.0", depth: 3, members: ["layer2.0.downsample.0", "layer2.0.downsample.1"] });
    expect(tree.maxDepth).toBe(3);
    expect(ancestorsOf(tree, "layer2.0.downsample.1")).toEqual(["layer2", "layer2.0", "layer2.0.downsample"]);
    expect(ancestorsOf(tree, "conv1")).toEqual([]);
    expect(tree.groups.has("conv1")).toBe(false);
  });

  it("needs two layers per group and skips a prefix that adds nothing over its one child", () => {
    const tree = groupTreeOf(modelOf("input->model.features.0", "model.features.0->model.features.1", "model.features.1->solo.x"));
    expect([...tree.groups.keys()]).toEqual(["model.features"]);
    expect(tree.innermost.has("solo.x")).toBe(false);
  });

  it("does not fold a group a path leaves and re-enters (the folded graph would have a cycle)", () => {
    const tree = groupTreeOf(modelOf("input->g.a", "g.a->mid", "mid->g.b", "g.b->out.x", "out.x->out.y"));
    expect(tree.groups.has("g")).toBe(false);
    expect(tree.groups.has("out")).toBe(true);
  });

  it("stops checking at its step cap and leaves the unchecked groups unfoldable", () => {
    const tree = groupTreeOf(modelOf("input->g.a", "g.a->m1", "m1->m2", "m2->g.b"), 2);
    expect(tree.truncated).toBe(true);
    expect(tree.groups.size).toBe(0);
  });
});

describe("foldGraph", () => {
  it("folds a block into one node with its input, output, summed params and merged edges", () => {
    const model = templateModel("resnet18");
    const tree = groupTreeOf(model);
    const { model: shown, shownAs } = foldGraph(model, tree, new Set(["layer2.0"]));
    const block = shown.nodes.find((node) => node.id === blockIdOf("layer2.0"));
    const members = model.nodes.filter((node) => node.id.startsWith("layer2.0."));
    expect(block).toMatchObject({
      kind: "block", label: "layer2.0", detail: "9 layers · in 64×56×56", shapeText: "128×28×28",
      params: members.reduce((sum, node) => sum + node.params, 0),
    });
    expect(block?.params).toBe(230_144); // torchvision resnet18().layer2[0]: 230,144 parameters
    expect(shownAs.get("layer2.0.bn2")).toBe(blockIdOf("layer2.0"));
    expect(shown.nodes.length).toBe(model.nodes.length - 8);
    // layer1.1.relu feeds both layer2.0.conv1 and the downsample: one edge into the block.
    const into = shown.edges.filter((edge) => edge.target === blockIdOf("layer2.0"));
    expect(into.map((edge) => `${edge.source}:${edge.label}`)).toEqual(["layer1.1.relu:64×56×56"]);
    expect(shown.edges.filter((edge) => edge.source === blockIdOf("layer2.0")).map((edge) => edge.target)).toEqual(["layer2.1.conv1", "layer2.1.add"]);
    expect(new Set(shown.edges.map((edge) => edge.id)).size).toBe(shown.edges.length);
  });

  it("shows the outermost folded group and lists its members' problems", () => {
    const model = modelOf("input->b.x", "b.x->b.y", "b.y->c");
    model.nodes[1] = { ...model.nodes[1], severity: "warning", messages: ["never reads the last row"] };
    const tree = groupTreeOf(model);
    const { model: shown } = foldGraph(model, tree, new Set(["b"]));
    expect(shown.nodes.map((node) => node.id)).toEqual(["input", "block:b", "c"]);
    expect(shown.nodes[1]).toMatchObject({ severity: "warning", messages: ["1 problem inside", "b.x: never reads the last row"] });
  });
});

describe("initialFolds", () => {
  it("opens ResNet-18 with its blocks folded (≤ 30 nodes) and small nets unfolded", () => {
    const model = templateModel("resnet18");
    const tree = groupTreeOf(model);
    const folds = initialFolds(model, tree);
    expect([...folds].sort()).toEqual(["layer1.0", "layer1.1", "layer2.0", "layer2.1", "layer3.0", "layer3.1", "layer4.0", "layer4.1"]);
    expect(foldGraph(model, tree, folds).model.nodes.length).toBeLessThanOrEqual(30);
    const tutorial = templateModel("unet-small");
    expect(initialFolds(tutorial, groupTreeOf(tutorial)).size).toBe(0);
  });

  it("unfolds every group around a layer shown from the table or Problems", () => {
    const model = templateModel("resnet18");
    const tree = groupTreeOf(model);
    const folds = new Set(["layer2", "layer2.0", "layer3.0"]);
    expect([...unfoldedFor(tree, folds, "layer2.0.downsample.1")]).toEqual(["layer3.0"]);
    expect(unfoldedFor(tree, folds, "conv1")).toBe(folds);
  });
});

describe("fold gestures", () => {
  const model = templateModel("resnet18");
  const tree = groupTreeOf(model);

  it("minus folds a layer's innermost group, or a block's parent; unfolding opens one level", () => {
    expect(foldAround(tree, new Set(), "layer2.0.downsample.0")).toMatchObject({
      folded: new Set(["layer2.0.downsample"]), anchorBefore: "layer2.0.downsample.0", anchorAfter: "block:layer2.0.downsample",
    });
    expect(foldAround(tree, new Set(["layer2.0"]), "block:layer2.0")?.folded).toEqual(new Set(["layer2.0", "layer2"]));
    expect(foldAround(tree, new Set(), "conv1")).toBeNull();
    const opened = unfoldBlock(tree, new Set(["layer2", "layer3"]), "block:layer2");
    expect(opened).toMatchObject({ folded: new Set(["layer3", "layer2.0", "layer2.1"]), anchorAfter: "block:layer2.0" });
    expect(unfoldBlock(tree, new Set(["layer2.0.downsample"]), "block:layer2.0.downsample")?.anchorAfter).toBe("layer2.0.downsample.0");
  });

  it("Fold all keeps the selection visible as the block that hides it", () => {
    expect(foldEverything(tree, "layer3.1.bn2")).toMatchObject({ folded: new Set(["layer1", "layer2", "layer3", "layer4"]), anchorAfter: "block:layer3" });
    expect(withSelection(tree, new Set(["layer3.1"]), "fc")).toEqual({ folded: new Set(["layer3.1"]) });
  });

  it("Fit View unfolds everything when it fits readably and folds ResNet-18 when it does not", () => {
    const tutorial = templateModel("lenet5");
    expect(foldsThatFit(tutorial, groupTreeOf(tutorial), { width: 900, height: 600 }, "TB")).toEqual(new Set());
    // 69 layers in a column need ~7,000 px at zoom 1: at 900×600 only the top level fits (readable or not).
    expect(foldsThatFit(model, tree, { width: 900, height: 600 }, "TB")).toEqual(new Set(["layer1", "layer2", "layer3", "layer4"]));
    // A tall view fits the 16-node level at zoom ≥ 0.5 (16 ranks × 100 + 32 = 1,632 flow units).
    expect(foldsThatFit(model, tree, { width: 900, height: 820 }, "TB")).toEqual(new Set(["layer1.0", "layer1.1", "layer2.0", "layer2.1", "layer3.0", "layer3.1", "layer4.0", "layer4.1"]));
  });
});

describe("hostile ids", () => {
  it("reads at most eight group levels from an id of thousands of dots, in time and memory bounded by the text", () => {
    const deep = Array.from({ length: 5_000 }, () => "a").join(".");
    const model = modelOf(`input->${deep}.x`, `${deep}.x->${deep}.y`);
    const tree = groupTreeOf(model);
    expect(tree.maxDepth).toBeLessThanOrEqual(8);
    expect([...tree.groups.keys()].every((name) => name.split(".").length <= 8)).toBe(true);
    expect(foldGraph(model, tree, new Set(tree.groups.keys())).model.nodes.length).toBe(2);
  });
});
