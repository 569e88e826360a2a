/**
 * Single layers against PyTorch 1.13 (fixture from test/golden/layers/gen_layers.py):
 * output shape and parameter count where torch accepts the layer, an error diagnostic
 * where torch refuses it.
 */
import { describe, expect, it } from "vitest";
import { analyze } from "../../../src/engine";
import golden from "../../golden/layers/layers.json";

interface GoldenCase {
  name: string;
  input: number[];
  layer: Record<string, unknown>;
  torch: { ok: true; shape: number[]; params: number } | { ok: false; error: string };
}

const cases = (golden as { cases: GoldenCase[] }).cases;

/** Which of our codes each PyTorch refusal must produce (by the start of torch's message). */
const EXPECTED_CODES: [RegExp, string[]][] = [
  [/pad should be at most half/, ["pool-padding-too-large"]],
  [/(in|out)_channels must be divisible by groups/, ["groups-not-divisor"]],
  [/groups must be a positive integer/, ["non-positive-value"]],
  [/output padding must be smaller/, ["output-padding-too-large"]],
  [/padding='same' is not supported/, ["same-padding-with-stride"]],
  [/Kernel size can't be greater than actual input size/, ["kernel-exceeds-input"]],
  [/Output size is too small/, ["kernel-exceeds-input", "output-size-too-small"]],
  [/non-positive stride|stride should not be zero|should be greater than zero|expected weight to be at least 1/, ["non-positive-value"]],
  [/negative padding|pad must be non-negative/, ["negative-value"]],
];

describe("single layers match PyTorch 1.13", () => {
  it("has a few hundred cases with both accepted and refused layers", () => {
    expect(cases.length).toBeGreaterThan(300);
    expect(cases.filter((entry) => entry.torch.ok).length).toBeGreaterThan(150);
    expect(cases.filter((entry) => !entry.torch.ok).length).toBeGreaterThan(100);
  });

  it.each(cases.map((entry) => [entry.name, entry] as const))("%s", (_name, entry) => {
    const analysis = analyze({ version: 1, input: entry.input, layers: [{ id: "layer", ...entry.layer }] });
    const errors = analysis.diagnostics.filter((diagnostic) => diagnostic.severity === "error");
    const node = analysis.nodes[0];
    if (entry.torch.ok) {
      expect(errors.map((diagnostic) => diagnostic.message)).toEqual([]);
      expect(node.outputShape).toEqual(entry.torch.shape);
      expect(node.params).toBe(entry.torch.params);
    } else {
      expect(errors.length, `torch refused: ${entry.torch.error}`).toBeGreaterThan(0);
      expect(node.outputShape).toBeNull();
      expect(errors.every((diagnostic) => diagnostic.layerId === "layer")).toBe(true);
      const expected = EXPECTED_CODES.find(([pattern]) => pattern.test(entry.torch.ok ? "" : entry.torch.error));
      expect(expected, `no mapping for: ${entry.torch.error}`).toBeDefined();
      expect(errors.some((diagnostic) => expected?.[1].includes(diagnostic.code)), `${entry.torch.error} → ${errors.map((diagnostic) => diagnostic.code).join(", ")}`).toBe(true);
    }
  });
});
