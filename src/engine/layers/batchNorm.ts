/** batchnorm2d: torch.nn.BatchNorm2d (2 trainable parameters per channel). */
import { plain, pythonCall, pythonNumber } from "../export/pythonCall";
import { readNumber } from "../fields";
import type { ResolvedBatchNorm } from "../types";
import { requireSpatial } from "./handler";
import type { LayerType } from "./layerType";
import { countFormula } from "./text";

export const BATCHNORM2D: LayerType<ResolvedBatchNorm> = {
  type: "batchnorm2d",
  summary: "batch normalisation per channel (torch.nn.BatchNorm2d): 2C trainable parameters",
  shapeRule: "unchanged",
  paletteGroup: "Normalize & regularize",
  category: "norm",
  idStem: "bn",
  fields: [{ name: "eps", kind: "number", default: 1e-5, defaultText: "1e-5", exclusiveMinimum: 0, doc: "Added to the variance for numerical stability." }],
  newLayer: {},
  analyze(ctx, inputs) {
    const eps = readNumber(ctx, "eps", 1e-5, { minimum: 0 });
    if (eps === undefined || !inputs || ctx.failed || !requireSpatial(ctx, inputs[0])) return undefined;
    const channels = inputs[0][0];
    return { layer: { type: "batchnorm2d", channels, eps }, outputShape: [...inputs[0]], params: 2 * channels, macs: 0, field: { kind: "same" } };
  },
  explain: (node, layer) => [
    `${countFormula("Parameters", [{ words: "2", value: "2" }, { words: "channels", value: String(layer.channels) }], node.params)} (scale and shift per channel)`,
  ],
  describe: (layer) => `batchnorm ${layer.channels}`,
  pytorch: (layer) => plain(pythonCall("nn.BatchNorm2d", [String(layer.channels)], { eps: layer.eps === 1e-5 ? undefined : pythonNumber(layer.eps) })),
  exportFields: (layer) => ({ eps: layer.eps }),
};
