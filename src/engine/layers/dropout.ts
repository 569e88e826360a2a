/** dropout: torch.nn.Dropout (shape unchanged; nothing happens outside training). */
import { plain, pythonNumber } from "../export/pythonCall";
import { readNumber } from "../fields";
import type { ResolvedDropout } from "../types";
import type { LayerType } from "./layerType";

export const DROPOUT: LayerType<ResolvedDropout> = {
  type: "dropout",
  summary: "randomly zeroes inputs while training (torch.nn.Dropout); shape unchanged",
  shapeRule: "unchanged",
  paletteGroup: "Normalize & regularize",
  category: "norm",
  idStem: "drop",
  // The inspector refuses 1 (every unit dropped), which the format and PyTorch accept.
  fields: [{ name: "rate", kind: "number", default: 0.5, minimum: 0, maximum: 1, inspectorMaximumExclusive: 1, doc: "Probability that an input is zeroed while training." }],
  newLayer: {},
  snippet: { rate: 0.5 },
  analyze(ctx, inputs) {
    const rate = readNumber(ctx, "rate", 0.5, { minimum: 0, maximum: 1, code: "dropout-rate-out-of-range", hint: "it is the probability of dropping a unit (PyTorch: \"dropout probability has to be between 0 and 1\")" });
    if (rate === undefined || !inputs || ctx.failed) return undefined;
    return { layer: { type: "dropout", rate }, outputShape: [...inputs[0]], params: 0, macs: 0, field: { kind: "same" } };
  },
  explain: () => [],
  describe: (layer) => `dropout ${layer.rate}`,
  pytorch: (layer) => plain(`nn.Dropout(p=${pythonNumber(layer.rate)})`),
  exportFields: (layer) => ({ rate: layer.rate }),
};
