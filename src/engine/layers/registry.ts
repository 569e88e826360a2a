/** The type → handler table. Adding a layer type is one handler plus one entry here. */
import { ACTIVATION_HANDLERS } from "./activation";
import { ADAPTIVE_POOL_HANDLERS } from "./adaptivePool";
import { CONV_HANDLER } from "./conv";
import { CONV_TRANSPOSE_HANDLER } from "./convTranspose";
import { DENSE_HANDLERS } from "./dense";
import type { LayerHandler } from "./handler";
import { MERGE_HANDLERS } from "./merge";
import { POOL_HANDLERS } from "./pool";

export const LAYER_HANDLERS: Readonly<Record<string, LayerHandler>> = {
  conv2d: CONV_HANDLER,
  convtranspose2d: CONV_TRANSPOSE_HANDLER,
  ...POOL_HANDLERS,
  ...ADAPTIVE_POOL_HANDLERS,
  ...DENSE_HANDLERS,
  ...ACTIVATION_HANDLERS,
  ...MERGE_HANDLERS,
};

export const LAYER_TYPES: readonly string[] = Object.keys(LAYER_HANDLERS);

export function handlerFor(type: string): LayerHandler | undefined {
  return Object.prototype.hasOwnProperty.call(LAYER_HANDLERS, type) ? LAYER_HANDLERS[type] : undefined;
}

/** Common names from PyTorch/Keras → our type, for "did you mean" fixes. */
export const TYPE_ALIASES: Readonly<Record<string, string>> = {
  conv: "conv2d", convolution: "conv2d", convolution2d: "conv2d", dense: "linear", fc: "linear",
  maxpool: "maxpool2d", maxpooling2d: "maxpool2d", avgpool: "avgpool2d", averagepooling2d: "avgpool2d",
  convtranspose: "convtranspose2d", deconv: "convtranspose2d", conv2dtranspose: "convtranspose2d",
  batchnorm: "batchnorm2d", batchnormalization: "batchnorm2d", globalaveragepooling2d: "globalavgpool2d",
  globalmaxpooling2d: "globalmaxpool2d", adaptiveavgpool: "adaptiveavgpool2d", adaptivemaxpool: "adaptivemaxpool2d",
  concatenate: "concat", cat: "concat", sum: "add", swish: "silu", hardswish: "hardswish", leakyrelu: "leakyrelu",
};
