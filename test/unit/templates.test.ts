// Every template in media/templates analyses cleanly, and its shapes, parameter counts and
// MACs equal PyTorch's (test/golden/networks/networks.json, from gen_networks.py).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/engine";
import golden from "../golden/networks/networks.json";

interface GoldenLayer {
  id: string;
  outputShape: number[];
  params: number;
  macs: number;
}

interface GoldenNetwork {
  input: number[];
  layers: GoldenLayer[];
  totals: { params: number; macs: number };
}

const templatesDirectory = join(__dirname, "../../media/templates");
const templateNames = readdirSync(templatesDirectory)
  .filter((file) => file.endsWith(".cnn.json"))
  .map((file) => file.slice(0, -".cnn.json".length))
  .sort();
const networks = golden.networks as Record<string, GoldenNetwork>;

function readTemplate(name: string): string {
  return readFileSync(join(templatesDirectory, `${name}.cnn.json`), "utf8");
}

describe("templates", () => {
  it("has a golden record for every template and a template for every golden record", () => {
    expect(templateNames).toEqual(Object.keys(networks).sort());
    expect(templateNames).toEqual(
      ["alexnet", "edge-detection", "lenet5", "mobilenet-block", "resnet18", "tutorial", "unet-small", "unet-upsample", "vgg16"],
    );
  });

  it("proves the reference models' parameter counts", () => {
    expect(networks.lenet5.totals.params).toBe(61_706);
    expect(networks.alexnet.totals.params).toBe(61_100_840);
    expect(networks.vgg16.totals.params).toBe(138_357_544);
    expect(networks.resnet18.totals.params).toBe(11_689_512);
  });

  describe.each(templateNames)("%s", (name) => {
    const text = readTemplate(name);
    const expected = networks[name];

    it("is a version 1 file with a name and an explicit id on every layer", () => {
      const analysis = analyze(text);
      expect(analysis.parseFailed).toBe(false);
      expect(analysis.name).toMatch(/\S/);
      expect(analysis.nodes.map((node) => node.explicitId)).toEqual(expected.layers.map(() => true));
    });

    // Warnings are allowed: torchvision's own models leave pixels unread (AlexNet's first
    // convolution, ResNet's strided 1×1 downsamples), and the engine says so.
    it("has no error diagnostics", () => {
      const errors = analyze(text).diagnostics.filter((diagnostic) => diagnostic.severity === "error");
      expect(errors).toEqual([]);
    });

    it("matches PyTorch layer by layer", () => {
      const analysis = analyze(text);
      expect(analysis.input).toEqual(expected.input);
      const actual = analysis.nodes.map(({ id, outputShape, params, macs }) => ({ id, outputShape, params, macs }));
      expect(actual).toEqual(expected.layers);
    });

    it("matches PyTorch's totals", () => {
      expect(analyze(text).totals).toEqual(expected.totals);
    });
  });
});
