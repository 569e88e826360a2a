/**
 * One resolved layer → its PyTorch module constructor, the call of an `activation` shorthand,
 * and the lines that set preview weights. Arguments at PyTorch's defaults are left out (as
 * in a module's repr). Pure.
 */
import { kernelTaps } from "../kernelPresets";
import type { ActivationParams, ResolvedConv, ResolvedConvTranspose, ResolvedLayer } from "../types";

/** The helper definitions a constructor may need (emitted once, only when used). */
export type PythonHelper = "MinPool2d" | "Add" | "Concat" | "conv_weight" | "conv_transpose_weight";

export interface Constructed {
  expression: string;
  helpers: PythonHelper[];
}

/** A JS number as a Python literal (integers stay integers). */
export function pythonNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} as a Python number`);
  return String(value);
}

/** [3, 3] → "3"; [3, 5] → "(3, 5)". */
export function pythonPair(pair: readonly [number, number]): string {
  return pair[0] === pair[1] ? pythonNumber(pair[0]) : `(${pythonNumber(pair[0])}, ${pythonNumber(pair[1])})`;
}

const isOne = (pair: readonly [number, number]): boolean => pair[0] === 1 && pair[1] === 1;
const isZero = (pair: readonly [number, number]): boolean => pair[0] === 0 && pair[1] === 0;
const same = (first: readonly [number, number], second: readonly [number, number]): boolean => first[0] === second[0] && first[1] === second[1];

/** "name=value" for each argument that is present (undefined = at its default). */
function keywordArguments(pairs: Record<string, string | undefined>): string[] {
  return Object.entries(pairs).filter(([, value]) => value !== undefined).map(([key, value]) => `${key}=${value}`);
}

function call(callee: string, positional: string[], keywords: Record<string, string | undefined>): string {
  return `${callee}(${[...positional, ...keywordArguments(keywords)].join(", ")})`;
}

function convPadding(layer: ResolvedConv): string | undefined {
  if (layer.paddingMode !== "explicit") return JSON.stringify(layer.paddingMode);
  const pair: [number, number] = [layer.padding[0], layer.padding[2]];
  return isZero(pair) ? undefined : pythonPair(pair);
}

function conv(layer: ResolvedConv): string {
  return call("nn.Conv2d", [String(layer.inChannels), String(layer.filters)], {
    kernel_size: pythonPair(layer.kernel),
    stride: isOne(layer.stride) ? undefined : pythonPair(layer.stride),
    padding: convPadding(layer),
    dilation: isOne(layer.dilation) ? undefined : pythonPair(layer.dilation),
    groups: layer.groups === 1 ? undefined : String(layer.groups),
    bias: layer.bias ? undefined : "False",
  });
}

function convTranspose(layer: ResolvedConvTranspose): string {
  return call("nn.ConvTranspose2d", [String(layer.inChannels), String(layer.filters)], {
    kernel_size: pythonPair(layer.kernel),
    stride: isOne(layer.stride) ? undefined : pythonPair(layer.stride),
    padding: isZero(layer.padding) ? undefined : pythonPair(layer.padding),
    output_padding: isZero(layer.outputPadding) ? undefined : pythonPair(layer.outputPadding),
    groups: layer.groups === 1 ? undefined : String(layer.groups),
    bias: layer.bias ? undefined : "False",
    dilation: isOne(layer.dilation) ? undefined : pythonPair(layer.dilation),
  });
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

/** The constructor expression of a layer's module. */
export function moduleConstructor(layer: ResolvedLayer): Constructed {
  const plain = (expression: string): Constructed => ({ expression, helpers: [] });
  switch (layer.type) {
    case "conv2d": return plain(conv(layer));
    case "convtranspose2d": return plain(convTranspose(layer));
    case "maxpool2d":
    case "minpool2d": {
      const callee = layer.type === "maxpool2d" ? "nn.MaxPool2d" : "MinPool2d";
      const expression = call(callee, [pythonPair(layer.kernel)], {
        stride: same(layer.stride, layer.kernel) ? undefined : pythonPair(layer.stride),
        padding: isZero(layer.padding) ? undefined : pythonPair(layer.padding),
        dilation: isOne(layer.dilation) ? undefined : pythonPair(layer.dilation),
        ceil_mode: layer.ceilMode ? "True" : undefined,
      });
      return { expression, helpers: layer.type === "minpool2d" ? ["MinPool2d"] : [] };
    }
    case "avgpool2d":
      return plain(call("nn.AvgPool2d", [pythonPair(layer.kernel)], {
        stride: same(layer.stride, layer.kernel) ? undefined : pythonPair(layer.stride),
        padding: isZero(layer.padding) ? undefined : pythonPair(layer.padding),
        ceil_mode: layer.ceilMode ? "True" : undefined,
        count_include_pad: layer.countIncludePad ? undefined : "False",
      }));
    case "adaptiveavgpool2d": return plain(`nn.AdaptiveAvgPool2d(${pythonPair(layer.outputSize)})`);
    case "adaptivemaxpool2d": return plain(`nn.AdaptiveMaxPool2d(${pythonPair(layer.outputSize)})`);
    case "globalavgpool2d": return plain("nn.AdaptiveAvgPool2d(1)");
    case "globalmaxpool2d": return plain("nn.AdaptiveMaxPool2d(1)");
    case "batchnorm2d": return plain(call("nn.BatchNorm2d", [String(layer.channels)], { eps: layer.eps === 1e-5 ? undefined : pythonNumber(layer.eps) }));
    case "dropout": return plain(`nn.Dropout(p=${pythonNumber(layer.rate)})`);
    case "flatten": return plain("nn.Flatten()");
    case "linear": return plain(call("nn.Linear", [String(layer.inFeatures), String(layer.units)], { bias: layer.bias ? undefined : "False" }));
    case "add": return { expression: "Add()", helpers: ["Add"] };
    case "concat": return { expression: "Concat()", helpers: ["Concat"] };
    default: return plain(activationModule(layer.activation));
  }
}

/** Lines (inside `with torch.no_grad():`) that set a conv layer's preview weights; none for kaiming. */
export function weightLines(layer: ResolvedLayer, access: string): { lines: string[]; helpers: PythonHelper[] } {
  if (layer.type !== "conv2d" && layer.type !== "convtranspose2d") return { lines: [], helpers: [] };
  const weights = layer.weights;
  if (weights.kind === "kaiming") return { lines: [], helpers: [] };
  const biasLine = layer.bias ? [`${access}.bias.zero_()`] : [];
  if (weights.kind !== "kernels") {
    const initialiser = weights.kind === "xavier" ? "nn.init.xavier_uniform_" : `nn.init.${weights.kind}_`;
    return { lines: [`${initialiser}(${access}.weight)`, ...biasLine], helpers: [] };
  }
  const taps = weights.kernels.map((source) => kernelTaps(source, layer.kernel[0], layer.kernel[1]));
  const kernels = JSON.stringify(taps).replace(/,/g, ", ");
  if (layer.type === "conv2d") {
    const flip = layer.flipKernel ? ", flip=True" : "";
    return { lines: [`${access}.weight.copy_(conv_weight(${kernels}, in_per_group=${layer.inChannels / layer.groups}${flip}))`, ...biasLine], helpers: ["conv_weight"] };
  }
  return { lines: [`${access}.weight.copy_(conv_transpose_weight(${kernels}, in_channels=${layer.inChannels}, groups=${layer.groups}))`, ...biasLine], helpers: ["conv_transpose_weight"] };
}
