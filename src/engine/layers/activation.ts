/** Activation layers and the `activation` shorthand on conv/linear layers: the one list of activations. */
import { describeValue, type LayerContext } from "../context";
import { plain, pythonNumber } from "../export/pythonCall";
import { readNumber } from "../fields";
import type { ActivationParams, ResolvedActivation } from "../types";
import type { LayerType } from "./layerType";

export const ACTIVATION_TYPES = ["relu", "relu6", "leakyrelu", "elu", "sigmoid", "tanh", "gelu", "silu", "hardswish", "softmax"] as const;

export type ActivationName = (typeof ACTIVATION_TYPES)[number];

/** What each computes, with its torch.nn module (the schema's and the docs' descriptions). */
export const ACTIVATION_DESCRIPTIONS: Readonly<Record<ActivationName, string>> = {
  relu: "max(0, x) — torch.nn.ReLU",
  relu6: "min(max(0, x), 6) — torch.nn.ReLU6 (MobileNet)",
  leakyrelu: "x if x > 0 else slope·x (slope 0.01) — torch.nn.LeakyReLU",
  elu: "x if x > 0 else alpha·(eˣ − 1) (alpha 1) — torch.nn.ELU",
  sigmoid: "1 / (1 + e⁻ˣ) — torch.nn.Sigmoid",
  tanh: "hyperbolic tangent — torch.nn.Tanh",
  gelu: "x·Φ(x) — torch.nn.GELU",
  silu: "x·sigmoid(x), also called swish — torch.nn.SiLU",
  hardswish: "x·relu6(x + 3)/6 — torch.nn.Hardswish (MobileNet v3)",
  softmax: "exp(x) normalised to sum 1 over channels ([C,H,W]) or features ([F]) — torch.nn.Softmax(dim=1)",
};

export function isActivationType(value: unknown): value is ActivationName {
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

/** The `activation` shorthand as the JSON export writes it: a bare name (its slope/alpha are the defaults). */
export function activationField(activation: ActivationParams | undefined): Record<string, unknown> {
  return activation ? { activation: activation.type } : {};
}

function defaultParams(type: ActivationName): ActivationParams {
  if (type === "leakyrelu") return { type, slope: 0.01 };
  if (type === "elu") return { type, alpha: 1 };
  return { type };
}

/** The module for an activation layer (or the activation of a shorthand, as a module). */
export function activationModule(activation: ActivationParams): string {
  switch (activation.type) {
    case "relu": return "nn.ReLU()";
    case "relu6": return "nn.ReLU6()";
    case "leakyrelu": return (activation.slope ?? 0.01) === 0.01 ? "nn.LeakyReLU()" : `nn.LeakyReLU(negative_slope=${pythonNumber(activation.slope ?? 0.01)})`;
    case "elu": return (activation.alpha ?? 1) === 1 ? "nn.ELU()" : `nn.ELU(alpha=${pythonNumber(activation.alpha ?? 1)})`;
    case "sigmoid": return "nn.Sigmoid()";
    case "tanh": return "nn.Tanh()";
    case "gelu": return "nn.GELU()";
    case "silu": return "nn.SiLU()";
    case "hardswish": return "nn.Hardswish()";
    case "softmax": return "nn.Softmax(dim=1)";
  }
}

/** An `activation` shorthand applied to `value` (a Python expression) in forward(). */
export function activationCall(activation: ActivationParams, value: string): string {
  switch (activation.type) {
    case "sigmoid": return `torch.sigmoid(${value})`;
    case "tanh": return `torch.tanh(${value})`;
    case "softmax": return `F.softmax(${value}, dim=1)`;
    default: return `F.${activation.type === "leakyrelu" ? "leaky_relu" : activation.type}(${value})`;
  }
}

function describeActivation(activation: ActivationParams): string {
  if (activation.type === "leakyrelu") return `leakyrelu ${activation.slope ?? 0.01}`;
  if (activation.type === "elu") return `elu ${activation.alpha ?? 1}`;
  return activation.type;
}

function exportParameters(activation: ActivationParams): Record<string, unknown> {
  if (activation.type === "leakyrelu") return { slope: activation.slope ?? 0.01 };
  if (activation.type === "elu") return { alpha: activation.alpha ?? 1 };
  return {};
}

function activationLayerType(type: ActivationName): LayerType<ResolvedActivation> {
  const fields = type === "leakyrelu" ? [{ name: "slope", kind: "number" as const, default: 0.01, doc: "Slope for negative inputs." }]
    : type === "elu" ? [{ name: "alpha", kind: "number" as const, default: 1, doc: "Scale of the negative part `alpha·(eˣ − 1)`." }] : [];
  return {
    type,
    summary: `activation: ${ACTIVATION_DESCRIPTIONS[type]}`,
    shapeRule: "unchanged",
    paletteGroup: "Activation",
    category: "activation",
    idStem: type,
    fields,
    newLayer: {},
    snippet: Object.fromEntries(fields.map((field) => [field.name, field.default])),
    analyze(ctx, inputs) {
      const activation = defaultParams(type);
      if (type === "leakyrelu") activation.slope = readNumber(ctx, "slope", 0.01);
      if (type === "elu") activation.alpha = readNumber(ctx, "alpha", 1);
      if (!inputs || ctx.failed) return undefined;
      return { layer: { type, activation }, outputShape: [...inputs[0]], params: 0, macs: 0, field: { kind: "same" } };
    },
    explain: () => [],
    describe: (layer) => describeActivation(layer.activation),
    pytorch: (layer) => plain(activationModule(layer.activation)),
    exportFields: (layer) => exportParameters(layer.activation),
  };
}

/** One layer type per activation, in ACTIVATION_TYPES order. */
export const ACTIVATION_LAYER_TYPES: readonly LayerType<ResolvedActivation>[] = ACTIVATION_TYPES.map(activationLayerType);
