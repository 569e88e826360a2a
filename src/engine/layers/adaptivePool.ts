/** Adaptive and global pools: a fixed output size whatever the input. */
import { plain, pythonPair } from "../export/pythonCall";
import { pairValue, readPair } from "../fields";
import type { NodeInfo, ResolvedAdaptivePool, ResolvedGlobalPool } from "../types";
import { SPATIAL_DOC } from "./commonFields";
import { requireSpatial } from "./handler";
import type { LayerType } from "./layerType";

type AdaptiveType = ResolvedAdaptivePool["type"];
type GlobalType = ResolvedGlobalPool["type"];

const OPERATION = { adaptiveavgpool2d: ["average", "AdaptiveAvgPool2d"], adaptivemaxpool2d: ["max", "AdaptiveMaxPool2d"] } as const;

function inputText(node: NodeInfo): string {
  const input = node.inputShapes[0] ?? [];
  return `${input[1]}×${input[2]}`;
}

function adaptiveType<T extends AdaptiveType>(type: T): LayerType<ResolvedAdaptivePool & { type: T }> {
  const [operation, module] = OPERATION[type];
  return {
    type,
    summary: `${operation} pooling to a fixed output size (torch.nn.${module})`,
    shapeRule: "`[C, outputSize]`",
    paletteGroup: "Pooling & resampling",
    category: "pool",
    idStem: "pool",
    fields: [{ name: "outputSize", kind: "spatial", required: true, doc: `Output height and width; the input is split into that many (possibly overlapping) windows. ${SPATIAL_DOC}` }],
    newLayer: { outputSize: 1 },
    analyze(ctx, inputs) {
      const outputSize = readPair(ctx, "outputSize", 1, { required: true, meaning: "the output height and width", example: "[7, 7]" });
      if (!outputSize || !inputs || ctx.failed || !requireSpatial(ctx, inputs[0])) return undefined;
      return { layer: { type, outputSize } as ResolvedAdaptivePool & { type: T }, outputShape: [inputs[0][0], outputSize[0], outputSize[1]], params: 0, macs: 0, field: { kind: "unknown" } };
    },
    explain: (node, layer) => [`Output fixed to ${layer.outputSize[0]}×${layer.outputSize[1]} whatever the input (${inputText(node)} here): bin i spans ⌊i·in/out⌋ … ⌈(i+1)·in/out⌉`],
    describe: (layer) => `${layer.type.replace("2d", "")} → ${layer.outputSize[0]}×${layer.outputSize[1]}`,
    pytorch: (layer) => plain(`nn.${module}(${pythonPair(layer.outputSize)})`),
    exportFields: (layer) => ({ outputSize: pairValue(layer.outputSize) }),
  };
}

function globalType<T extends GlobalType>(type: T, operation: "average" | "maximum", module: string, idStem: string): LayerType<ResolvedGlobalPool & { type: T }> {
  return {
    type,
    summary: `${operation} over the whole map: output [C, 1, 1]`,
    shapeRule: "`[C, 1, 1]`",
    paletteGroup: "Pooling & resampling",
    category: "pool",
    idStem,
    fields: [],
    newLayer: {},
    analyze(ctx, inputs) {
      if (!inputs || ctx.failed || !requireSpatial(ctx, inputs[0])) return undefined;
      const [channels, height, width] = inputs[0];
      const field = { kind: "window" as const, effectiveKernel: [height, width] as [number, number], stride: [height, width] as [number, number], padBefore: [0, 0] as [number, number] };
      return { layer: { type } as ResolvedGlobalPool & { type: T }, outputShape: [channels, 1, 1], params: 0, macs: 0, field };
    },
    explain: (node) => [`One value per channel over the whole ${inputText(node)} map`],
    describe: (layer) => layer.type.replace("2d", ""),
    pytorch: () => plain(`nn.${module}(1)`),
    exportFields: () => ({}),
  };
}

export const ADAPTIVE_AVGPOOL2D = adaptiveType("adaptiveavgpool2d");
export const ADAPTIVE_MAXPOOL2D = adaptiveType("adaptivemaxpool2d");
export const GLOBAL_AVGPOOL2D = globalType("globalavgpool2d", "average", "AdaptiveAvgPool2d", "gap");
export const GLOBAL_MAXPOOL2D = globalType("globalmaxpool2d", "maximum", "AdaptiveMaxPool2d", "gmp");
