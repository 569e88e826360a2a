/**
 * Fixes that keep the network valid (engine/fixCheck.ts): a fix is offered only when the
 * analysis after it has no error the analysis before lacked; a fix that breaks a later layer
 * is offered combined with that layer's fix when the pair adds no error; each says what else
 * changes. The property test applies every offered fix of many broken networks and re-checks.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze, type Analysis, type Diagnostic } from "../../../src/engine";
import { applyIntent } from "../../../src/engine/edit";
import { checkFixes, newErrors } from "../../../src/engine/fixCheck";

const templates = join(__dirname, "../../../media/templates");

function applied(text: string, edits: NonNullable<Diagnostic["fixes"]>[number]["edits"]): Analysis {
  const result = applyIntent(text, { kind: "applySpecEdits", edits });
  if (!result.ok) throw new Error(result.error.message);
  return analyze(result.text);
}

describe("checkFixes", () => {
  it("tutorial with a 40×40 kernel: only padding \"same\" survives; padding 4 and kernel 32 break pool1", () => {
    const text = readFileSync(join(templates, "tutorial.cnn.json"), "utf8").replace(`"filters": 8, "kernel": 5`, `"filters": 8, "kernel": 40`);
    const before = analyze(text);
    const [problem] = before.diagnostics;
    expect(problem.code).toBe("kernel-exceeds-input");
    expect(problem.fixes?.map((fix) => fix.title)).toEqual(["Set padding to 4", "Set kernel to 32", "Set padding to \"same\" (keeps 32×32)"]);
    for (const dropped of problem.fixes!.slice(0, 2)) {
      expect(newErrors(before, applied(text, dropped.edits)).map((error) => error.layerId)).toContain("pool1");
    }
    const checked = checkFixes(text, problem, before);
    expect(checked.map((entry) => entry.fix.title)).toEqual(["Set padding to \"same\" (keeps 32×32)"]);
    expect(checked[0].consequences).toBe("pool1 gets 8×16×16, conv2 gets 16×12×12, pool2 gets 16×6×6 and 3 more layers change; params +112,074");
  });

  it("a fix that breaks the next pool is offered together with the pool's fix, naming the pool", () => {
    const spec = {
      input: [1, 8, 8],
      layers: [
        { id: "c", type: "conv2d", filters: 2, kernel: 10 }, { id: "p", type: "maxpool2d", kernel: 2 },
        { id: "f", type: "flatten" }, { id: "l", type: "linear", units: 3 },
      ],
    };
    const text = JSON.stringify(spec, null, 2);
    const before = analyze(text);
    const checked = checkFixes(text, before.diagnostics[0], before);
    expect(checked.map((entry) => [entry.fix.title, entry.consequences])).toEqual([
      ["Set padding to 1, and on p: set kernel to 1", "f gets 2, l gets 3; params +211"],
      ["Set kernel to 8, and on p: set kernel to 1", "f gets 2, l gets 3; params +139"],
      ["Set padding to \"same\" (keeps 8×8)", "p gets 2×4×4, f gets 32, l gets 3; params +301"],
    ]);
    for (const { fix } of checked) expect(applied(text, fix.edits).diagnostics.filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
  });

  it("says when nothing else changes, and counts a second copy of an existing error as new", () => {
    const text = JSON.stringify({ input: [1, 28, 28], layers: [{ id: "c", type: "conv2d", filters: 1, kernel: 3, stride: 3 }] }, null, 2);
    const before = analyze(text);
    const checked = checkFixes(text, before.diagnostics[0], before);
    expect(checked.map((entry) => entry.consequences)).toEqual(["no other layer changes; params unchanged", "no other layer changes; params unchanged"]);
    const error: Diagnostic = { severity: "error", code: "x", message: "x", path: ["layers", 0], layerId: "c" };
    const one = { ...before, diagnostics: [error] };
    expect(newErrors(one, { ...before, diagnostics: [error, error] })).toHaveLength(1);
    expect(newErrors(one, one)).toEqual([]);
  });
});

/** A small deterministic generator (no Math.random in tests). */
function generator(seed: number): (limit: number) => number {
  let state = seed;
  return (limit) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % limit;
  };
}

describe("property: no offered fix adds an error", () => {
  it("lenet5 and the tutorial with random kernel/stride/padding damage, 120 networks", () => {
    const next = generator(7);
    const bases = ["lenet5.cnn.json", "tutorial.cnn.json"].map((name) => JSON.parse(readFileSync(join(templates, name), "utf8").replace(/^\/\/.*$/gm, "")));
    let offered = 0;
    let withheld = 0;
    for (let round = 0; round < 120; round++) {
      const spec = structuredClone(bases[round % 2]) as { layers: Record<string, unknown>[] };
      for (let damage = 0; damage < 2; damage++) {
        const layer = spec.layers[next(spec.layers.length)];
        if (layer.type !== "conv2d" && layer.type !== "maxpool2d") continue;
        const field = ["kernel", "stride", "padding"][next(3)];
        layer[field] = field === "padding" ? next(4) : 1 + next(field === "kernel" ? 40 : 6);
      }
      const text = JSON.stringify(spec, null, 2);
      const before = analyze(text);
      for (const diagnostic of before.diagnostics) {
        const checked = checkFixes(text, diagnostic, before);
        withheld += Math.max(0, (diagnostic.fixes?.length ?? 0) - checked.length);
        for (const { fix } of checked) {
          offered++;
          expect(newErrors(before, applied(text, fix.edits)), `${fix.title} on ${text}`).toEqual([]);
        }
      }
    }
    expect(offered).toBeGreaterThan(50);
    expect(withheld).toBeGreaterThan(5);
  });
});
