/**
 * Runs one resolved layer on its inputs with preview weights, through the layer's `run` in
 * ../layerKernels.ts. Convolutions and linear layers work in blocks of output channels /
 * units: each block's weights are generated just before use (a 103 M-weight layer never
 * exists whole) and cancellation is checked between blocks. Convolutions of at most
 * MAX_CACHED_LAYER_FLOATS weights take them whole from the weight cache (./weightCache.ts),
 * so re-running a spec generates nothing again.
 */
import type { ResolvedLayer } from "../../engine/types";
import { kernelFor } from "../layerKernels";
import type { Tensor } from "../tensor";
import type { LayerContext } from "./convLayer";

export type { LayerContext } from "./convLayer";

export function executeLayer(layer: ResolvedLayer, inputs: readonly Tensor[], context: LayerContext): Tensor {
  return kernelFor(layer).run(layer, inputs, context);
}
