/** linear: torch.nn.Linear on a flat input (a flatten fix where the input is not flat). */
import type { LayerContext } from "../context";
import { plain, pythonCall } from "../export/pythonCall";
import { readBoolean, readInteger } from "../fields";
import { unusedSuffix } from "../freshIds";
import type { ResolvedLinear, SpecEdit, SuggestedFix } from "../types";
import { activationField, readActivationShorthand } from "./activation";
import { ACTIVATION_FIELD, BIAS_FIELD } from "./commonFields";
import type { NetworkEnvironment } from "./handler";
import type { LayerType } from "./layerType";
import { activationSuffix, countFormula, type Factor } from "./text";

/** A fresh explicit id "flatten_N" not used anywhere in the file (memoised per id set: linear overall). */
export function freshId(base: string, ids: ReadonlySet<string>): string {
  return unusedSuffix(base, ids, 1);
}

function insertFlattenFix(ctx: LayerContext, environment: NetworkEnvironment): SuggestedFix {
  const id = freshId("flatten", environment.ids);
  const inputs = ctx.get("inputs");
  const edits: SpecEdit[] = [];
  const flatten: Record<string, unknown> = { id, type: "flatten" };
  if (Array.isArray(inputs)) {
    flatten.inputs = inputs;
    edits.push({ kind: "set", path: ctx.fieldPath("inputs"), value: [id] });
  }
  edits.push({ kind: "insert", path: ["layers", ctx.index], value: flatten });
  return { title: `Insert a flatten layer before ${ctx.id}`, edits, preferred: true };
}

function linearFactors(layer: ResolvedLinear): Factor[] {
  return [{ words: "in features", value: String(layer.inFeatures) }, { words: "units", value: String(layer.units) }];
}

export const LINEAR: LayerType<ResolvedLinear> = {
  type: "linear",
  summary: "fully connected layer (torch.nn.Linear) on a flat input",
  shapeRule: "`[units]`",
  paletteGroup: "Dense",
  category: "dense",
  idStem: "fc",
  fields: [{ name: "units", kind: "int", required: true, minimum: 1, doc: "Number of output features." }, BIAS_FIELD, ACTIVATION_FIELD],
  newLayer: { units: 10 },
  analyze(ctx, inputs, environment) {
    const units = readInteger(ctx, "units", 1, { required: true, meaning: "the number of output features", example: "10" });
    const bias = readBoolean(ctx, "bias", true);
    const activation = readActivationShorthand(ctx);
    if (units === undefined || bias === undefined || !inputs || ctx.failed) return undefined;
    const input = inputs[0];
    if (input.length !== 1) {
      ctx.error("linear-needs-flat-input", `linear needs a flat input but gets [${input.join(", ")}] ${ctx.fromText()}; insert a flatten layer before it (PyTorch would silently apply it to the last axis only).`, {
        fixes: [insertFlattenFix(ctx, environment)],
        related: ctx.relatedProducers(`produces [${input.join(", ")}]`),
      });
      return undefined;
    }
    const layer: ResolvedLinear = { type: "linear", inFeatures: input[0], units, bias };
    if (activation) layer.activation = activation;
    return { layer, outputShape: [units], params: input[0] * units + (bias ? units : 0), macs: input[0] * units, field: { kind: "whole" } };
  },
  explain: (node, layer) => [
    countFormula("Parameters", linearFactors(layer), node.params, layer.bias ? layer.units : undefined),
    countFormula("MACs", linearFactors(layer), node.macs),
  ],
  describe: (layer) => `linear ${layer.inFeatures}→${layer.units}${activationSuffix(layer.activation)}`,
  pytorch: (layer) => plain(pythonCall("nn.Linear", [String(layer.inFeatures), String(layer.units)], { bias: layer.bias ? undefined : "False" })),
  exportFields: (layer) => ({ units: layer.units, bias: layer.bias, ...activationField(layer.activation) }),
};
