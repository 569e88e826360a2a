/** Activation layers and the `activation` shorthand on conv/linear layers. */
import { describeValue, type LayerContext } from "../context";
import { readNumber } from "../fields";
import type { ActivationParams, ActivationType } from "../types";
import type { LayerHandler } from "./handler";

export const ACTIVATION_TYPES: readonly ActivationType[] = ["relu", "relu6", "leakyrelu", "elu", "sigmoid", "tanh", "gelu", "silu", "hardswish", "softmax"];

export function isActivationType(value: unknown): value is ActivationType {
  return typeof value === "string" && (ACTIVATION_TYPES as readonly string[]).includes(value);
}

/** The `activation` field of conv2d/convtranspose2d/linear; undefined when absent. */
export function readActivationShorthand(ctx: LayerContext): ActivationParams | undefined {
  if (!ctx.has("activation")) return undefined;
  const value = ctx.get("activation");
  if (isActivationType(value)) return defaultParams(value);
  const lower = typeof value === "string" ? value.toLowerCase().replace(/[^a-z0-9]/g, "") : "";
  const suggestion = ACTIVATION_TYPES.find((name) => name === lower);
  const fixes = suggestion ? [{ title: `Use "${suggestion}"`, preferred: true, edits: [{ kind: "set" as const, path: ctx.fieldPath("activation"), value: suggestion }] }] : undefined;
  const code = typeof value === "string" ? "unknown-activation" : "wrong-type";
  ctx.error(code, `\`activation\` must be one of ${ACTIVATION_TYPES.join(", ")}, got ${describeValue(value)}; leave it out for none.`, { field: "activation", fixes });
  return undefined;
}

function defaultParams(type: ActivationType): ActivationParams {
  if (type === "leakyrelu") return { type, slope: 0.01 };
  if (type === "elu") return { type, alpha: 1 };
  return { type };
}

function activationHandler(type: ActivationType): LayerHandler {
  const fields = type === "leakyrelu" ? ["slope"] : type === "elu" ? ["alpha"] : [];
  return {
    fields,
    analyze(ctx, inputs) {
      const activation = defaultParams(type);
      if (type === "leakyrelu") activation.slope = readNumber(ctx, "slope", 0.01);
      if (type === "elu") activation.alpha = readNumber(ctx, "alpha", 1);
      if (!inputs || ctx.failed) return undefined;
      return { layer: { type, activation }, outputShape: [...inputs[0]], params: 0, macs: 0, field: { kind: "same" } };
    },
  };
}

export const ACTIVATION_HANDLERS: Record<string, LayerHandler> = Object.fromEntries(ACTIVATION_TYPES.map((type) => [type, activationHandler(type)]));
