import { describe, expect, it } from "vitest";
import { buildGraphModel } from "../../../src/diagram/graphModel";
import type { NodeBox } from "../../../src/diagram/layout";
import { navigate } from "../../../webview/graph/navigation";
import { brokenBranchAnalysis } from "./analysisFixtures";

// input → a; a → b → c → sum; a → skip → sum. Boxes: b-column at x=0, skip at x=300.
const model = buildGraphModel(brokenBranchAnalysis(), "CHW");
const box = (x: number, y: number): NodeBox => ({ x, y, width: 200, height: 70 });
const topDown = new Map<string, NodeBox>([
  ["input", box(0, 0)], ["a", box(0, 100)], ["b", box(0, 200)], ["skip", box(300, 200)], ["c", box(0, 300)], ["sum", box(150, 400)],
]);
/** The same graph laid out left-right: x and y swapped. */
const leftRight = new Map([...topDown].map(([id, item]) => [id, { ...item, x: item.y * 2, y: item.x / 2 }]));

describe("navigate", () => {
  it("starts at the input when nothing is selected", () => {
    expect(navigate(model, topDown, null, "ArrowDown", "TB")).toBe("input");
    expect(navigate(model, topDown, "gone", "ArrowUp", "TB")).toBe("input");
  });

  it.each([
    ["input", "ArrowDown", "a"],
    ["a", "ArrowDown", "b"], // leftmost consumer first
    ["sum", "ArrowUp", "c"], // leftmost producer
    ["b", "ArrowRight", "skip"],
    ["skip", "ArrowLeft", "b"],
    ["b", "ArrowLeft", "b"], // nothing further left: stay
    ["sum", "ArrowDown", "sum"], // no consumer: stay
    ["input", "ArrowUp", "input"],
  ] as const)("top-down: %s + %s → %s", (from, key, to) => {
    expect(navigate(model, topDown, from, key, "TB")).toBe(to);
  });

  it.each([
    ["a", "ArrowRight", "b"],
    ["sum", "ArrowLeft", "c"],
    ["b", "ArrowDown", "skip"],
    ["skip", "ArrowUp", "b"],
  ] as const)("left-right: %s + %s → %s", (from, key, to) => {
    expect(navigate(model, leftRight, from, key, "LR")).toBe(to);
  });
});
