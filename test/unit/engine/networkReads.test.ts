/**
 * The unread-pixel check at network level against torch autograd (test/golden/reads): a layer
 * whose skipped pixels a parallel layer reads gets the note `unread-input-covered` (no fix),
 * and only when torch says the two together read every pixel; otherwise the warning stays.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze, QUIET_READ_NOTE_CODES, type Diagnostic } from "../../../src/engine";

interface Branch {
  type: "conv2d" | "maxpool2d";
  kernel: number;
  stride: number;
  padding: number;
}

interface BranchCase {
  name: string;
  input: number;
  a: Branch;
  b: Branch;
  aReadsAll: boolean;
  bReadsAll: boolean;
  unionReadsAll: boolean;
}

const golden = JSON.parse(readFileSync(join(__dirname, "../../golden/reads/branch_reads.json"), "utf8")) as { cases: BranchCase[] };

function layer(id: string, branch: Branch): Record<string, unknown> {
  const window = { id, type: branch.type, kernel: branch.kernel, stride: branch.stride, padding: branch.padding, inputs: ["input"] };
  return branch.type === "conv2d" ? { ...window, filters: 4 } : window;
}

function readDiagnostics(diagnostics: Diagnostic[], layerId: string): Diagnostic[] {
  return diagnostics.filter((diagnostic) => diagnostic.layerId === layerId && /^unread-input/.test(diagnostic.code));
}

describe("parallel branches: unread pixels judged for the network (torch autograd)", () => {
  it("has golden cases where the union reads everything and where it does not", () => {
    expect(golden.cases.filter((entry) => entry.unionReadsAll && !entry.aReadsAll).length).toBeGreaterThan(2);
    expect(golden.cases.filter((entry) => !entry.unionReadsAll).length).toBeGreaterThan(2);
  });

  it.each(golden.cases.map((entry) => [entry.name, entry] as const))("%s", (_name, entry) => {
    const spec = { input: [3, entry.input, entry.input], layers: [layer("a", entry.a), layer("b", entry.b)] };
    const { diagnostics } = analyze(spec);
    for (const [id, readsAll] of [["a", entry.aReadsAll], ["b", entry.bReadsAll]] as const) {
      const found = readDiagnostics(diagnostics, id);
      if (readsAll) {
        expect(found).toEqual([]);
        continue;
      }
      expect(found).toHaveLength(1);
      if (entry.unionReadsAll) {
        expect(found[0]).toMatchObject({ severity: "info", code: "unread-input-covered", related: [{ path: ["layers", id === "a" ? 1 : 0] }] });
        expect(found[0].message).toContain(`\`${id === "a" ? "b" : "a"}\` reads every pixel of the same input`);
        expect(found[0].fixes).toBeUndefined();
      } else {
        expect(found[0]).toMatchObject({ severity: "warning", code: "unread-input" });
        expect(found[0].fixes?.length).toBeGreaterThan(0);
      }
    }
  });
});

describe("quiet read notes and the checkUnread opt-out", () => {
  const resnet18 = readFileSync(join(__dirname, "../../../media/templates/resnet18.cnn.json"), "utf8");

  it("ResNet-18: three covered shortcuts and five padding notes, all left out with quietReadNotes", () => {
    const loud = analyze(resnet18).diagnostics;
    expect(loud.filter((diagnostic) => diagnostic.code === "unread-input-covered").map((diagnostic) => diagnostic.layerId))
      .toEqual(["layer2.0.downsample.0", "layer3.0.downsample.0", "layer4.0.downsample.0"]);
    expect(loud.filter((diagnostic) => diagnostic.code === "unread-padding")).toHaveLength(5);
    expect(loud.filter((diagnostic) => diagnostic.severity !== "info")).toEqual([]);
    expect(analyze(resnet18, { quietReadNotes: true }).diagnostics).toEqual([]);
  });

  it("quietReadNotes keeps a lone layer's warning and leaves the node's severity from what is shown", () => {
    const spec = { input: [1, 28, 28], layers: [{ id: "c", type: "conv2d", filters: 1, kernel: 1, stride: 2 }, { id: "p", type: "maxpool2d", kernel: 3, stride: 2, padding: 1 }] };
    const quiet = analyze(spec, { quietReadNotes: true });
    expect(quiet.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(["unread-input"]);
    expect(analyze(spec).diagnostics.map((diagnostic) => diagnostic.code)).toEqual(["unread-input", "unread-padding"]);
    expect(quiet.nodes.map((node) => node.worstSeverity)).toEqual(["warning", undefined]);
    expect(QUIET_READ_NOTE_CODES).not.toContain("unread-input");
  });

  it("\"checkUnread\": false silences the layer's read diagnostics and nothing else; a non-boolean is an error", () => {
    const layers = (checkUnread: unknown) => [{ id: "c", type: "conv2d", filters: 1, kernel: 1, stride: 2, checkUnread }, { id: "p", type: "avgpool2d", kernel: 3, stride: 2, padding: 1, checkUnread }];
    const off = analyze({ input: [1, 28, 28], layers: layers(false) });
    expect(off.diagnostics).toEqual([]);
    expect(off.nodes.map((node) => node.outputShape)).toEqual([[1, 14, 14], [1, 7, 7]]);
    expect(analyze({ input: [1, 28, 28], layers: layers(true) }).diagnostics.map((diagnostic) => diagnostic.code)).toEqual(["unread-input", "unread-padding"]);
    const wrong = analyze({ input: [1, 28, 28], layers: layers("no") }).diagnostics;
    // The conv's error leaves it without a shape, so the pool after it is not analysed further.
    expect(wrong.map((diagnostic) => [diagnostic.code, diagnostic.path])).toEqual([["wrong-type", ["layers", 0, "checkUnread"]]]);
  });

  it("a layer that skips pixels is no reader for its sibling: two lossy branches both keep their warnings", () => {
    const spec = { input: [1, 28, 28], layers: [{ id: "a", type: "conv2d", filters: 1, kernel: 1, stride: 2, inputs: ["input"] }, { id: "b", type: "conv2d", filters: 1, kernel: 1, stride: 2, checkUnread: false, inputs: ["input"] }] };
    expect(analyze(spec).diagnostics.map((diagnostic) => [diagnostic.layerId, diagnostic.code])).toEqual([["a", "unread-input"]]);
  });
});
