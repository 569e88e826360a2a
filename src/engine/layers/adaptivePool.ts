/** Adaptive and global pools: fixed output size whatever the input. */
import { readPair } from "../fields";
import type { ResolvedAdaptivePool, ResolvedGlobalPool } from "../types";
import { requireSpatial, type LayerHandler } from "./handler";

function adaptiveHandler(type: ResolvedAdaptivePool["type"]): LayerHandler {
  return {
    fields: ["outputSize"],
    analyze(ctx, inputs) {
      const outputSize = readPair(ctx, "outputSize", 1, { required: true, meaning: "the output height and width", example: "[7, 7]" });
      if (!outputSize || !inputs || ctx.failed || !requireSpatial(ctx, inputs[0])) return undefined;
      const layer: ResolvedAdaptivePool = { type, outputSize };
      return { layer, outputShape: [inputs[0][0], outputSize[0], outputSize[1]], params: 0, macs: 0, field: { kind: "unknown" } };
    },
  };
}

function globalHandler(type: ResolvedGlobalPool["type"]): LayerHandler {
  return {
    fields: [],
    analyze(ctx, inputs) {
      if (!inputs || ctx.failed || !requireSpatial(ctx, inputs[0])) return undefined;
      const [channels, height, width] = inputs[0];
      return { layer: { type }, outputShape: [channels, 1, 1], params: 0, macs: 0, field: { kind: "window", effectiveKernel: [height, width], stride: [height, width], padBefore: [0, 0] } };
    },
  };
}

export const ADAPTIVE_POOL_HANDLERS: Record<string, LayerHandler> = {
  adaptiveavgpool2d: adaptiveHandler("adaptiveavgpool2d"),
  adaptivemaxpool2d: adaptiveHandler("adaptivemaxpool2d"),
  globalavgpool2d: globalHandler("globalavgpool2d"),
  globalmaxpool2d: globalHandler("globalmaxpool2d"),
};
