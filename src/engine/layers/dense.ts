/** batchnorm2d, dropout, flatten and linear. */
import type { LayerContext } from "../context";
import { readBoolean, readInteger, readNumber } from "../fields";
import { unusedSuffix } from "../freshIds";
import type { ResolvedLinear, SpecEdit, SuggestedFix } from "../types";
import { readActivationShorthand } from "./activation";
import { requireSpatial, type LayerHandler, type NetworkEnvironment } from "./handler";

const BATCHNORM_HANDLER: LayerHandler = {
  fields: ["eps"],
  analyze(ctx, inputs) {
    const eps = readNumber(ctx, "eps", 1e-5, { minimum: 0 });
    if (eps === undefined || !inputs || ctx.failed || !requireSpatial(ctx, inputs[0])) return undefined;
    const channels = inputs[0][0];
    return { layer: { type: "batchnorm2d", channels, eps }, outputShape: [...inputs[0]], params: 2 * channels, macs: 0, field: { kind: "same" } };
  },
};

const DROPOUT_HANDLER: LayerHandler = {
  fields: ["rate"],
  analyze(ctx, inputs) {
    const rate = readNumber(ctx, "rate", 0.5, { minimum: 0, maximum: 1, code: "dropout-rate-out-of-range", hint: "it is the probability of dropping a unit (PyTorch: \"dropout probability has to be between 0 and 1\")" });
    if (rate === undefined || !inputs || ctx.failed) return undefined;
    return { layer: { type: "dropout", rate }, outputShape: [...inputs[0]], params: 0, macs: 0, field: { kind: "same" } };
  },
};

const FLATTEN_HANDLER: LayerHandler = {
  fields: [],
  analyze(ctx, inputs) {
    if (!inputs || ctx.failed) return undefined;
    const features = inputs[0].reduce((product, size) => product * size, 1);
    return { layer: { type: "flatten" }, outputShape: [features], params: 0, macs: 0, field: { kind: "whole" } };
  },
};

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

const LINEAR_HANDLER: LayerHandler = {
  fields: ["units", "bias", "activation"],
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
};

export const DENSE_HANDLERS: Record<string, LayerHandler> = {
  batchnorm2d: BATCHNORM_HANDLER,
  dropout: DROPOUT_HANDLER,
  flatten: FLATTEN_HANDLER,
  linear: LINEAR_HANDLER,
};
