/**
 * Receptive fields through upsample2d against PyTorch 1.13, measured with autograd
 * (test/golden/upsample/gen_upsample.py: one-channel networks, every weight 1, the input interval
 * with a nonzero gradient per output unit, units away from the borders). An upsampling's fields
 * repeat with a period; the golden size, jump and start are the averages over a period (exact
 * fractions in `exact`), which is what the engine reports. With alignCorners the output's corners
 * sit on the input's, so the engine's jump is (in − 1)/(out − 1) of the upsampling's input pixels
 * over the whole image; the interior that autograd can measure repeats with the plain 1/scaleFactor
 * instead (its period, out − 1, is longer than the interior), so those layers agree within the
 * difference of the two jumps (2.6 % here; the start within a pixel), and a ×4 one has no full
 * period to measure at all.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze } from "../../../src/engine";

interface AxisField { size: number | null; jump: number | null; start: number | null; period: number | null }
interface MeasuredLayer { id: string; outputShape: number[]; height: AxisField; width: AxisField }
interface Network { spec: Record<string, unknown>; layers: MeasuredLayer[] }

const golden = JSON.parse(readFileSync(new URL("../../golden/upsample/upsample.json", import.meta.url), "utf8")) as { receptiveFields: Record<string, Network> };

describe("receptive fields through upsample2d match torch autograd", () => {
  const networks = Object.entries(golden.receptiveFields);

  it("covers nearest, bilinear, alignCorners and per-axis factors", () => {
    expect(networks.length).toBeGreaterThanOrEqual(10);
  });

  it.each(networks)("%s", (_name, network) => {
    const aligned = JSON.stringify(network.spec).includes('"alignCorners":true');
    const digits = aligned ? 0 : 6;
    const analysis = analyze(network.spec);
    expect(analysis.diagnostics.filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
    for (const measured of network.layers) {
      const node = analysis.nodes.find((candidate) => candidate.id === measured.id);
      expect(node?.outputShape).toEqual(measured.outputShape);
      const field = node?.receptiveField;
      expect(field, `${measured.id} has a receptive field`).toBeDefined();
      [measured.height, measured.width].forEach((axis, index) => {
        const where = `${measured.id} axis ${index}`;
        if (axis.period === null) {
          expect(aligned, `${where}: only alignCorners layers lack a measurable period`).toBe(true);
          return;
        }
        expect(field!.size[index], `${where} size`).toBeCloseTo(axis.size!, digits);
        expect(field!.jump[index], `${where} jump`).toBeCloseTo(axis.jump!, aligned ? 1 : 6);
        if (aligned) expect(Math.abs(field!.start[index] - axis.start!), `${where} start within a pixel`).toBeLessThanOrEqual(1);
        else expect(field!.start[index], `${where} start`).toBeCloseTo(axis.start!, digits);
      });
    }
  });
});
