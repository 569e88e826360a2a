/**
 * The layer types: one module each (or one per family), listed here once. Analysis dispatch,
 * explanations, labels, the exporters, the designer's palette, inspector and node colours, the
 * JSON schema and the format tables in docs/ are driven or generated from this list; the core
 * binds its kernels to the same types (src/core/layerKernels.ts). Adding a type: its module, one
 * entry below, its kernel and one binding in the core, then `npm run generate`.
 */
import type { ResolvedLayer } from "../types";
import { ACTIVATION_LAYER_TYPES } from "./activation";
import { ADAPTIVE_AVGPOOL2D, ADAPTIVE_MAXPOOL2D, GLOBAL_AVGPOOL2D, GLOBAL_MAXPOOL2D } from "./adaptivePool";
import { BATCHNORM2D } from "./batchNorm";
import { CONV2D } from "./conv";
import { CONV_TRANSPOSE2D } from "./convTranspose";
import { DROPOUT } from "./dropout";
import { FLATTEN } from "./flatten";
import type { LayerHandler } from "./handler";
import type { LayerType } from "./layerType";
import { LINEAR } from "./linear";
import { ADD, CONCAT } from "./merge";
import { AVGPOOL2D, MAXPOOL2D, MINPOOL2D } from "./pool";
import { UPSAMPLE2D } from "./upsample";

const DECLARED = [
  CONV2D, CONV_TRANSPOSE2D,
  MAXPOOL2D, AVGPOOL2D, MINPOOL2D, ADAPTIVE_AVGPOOL2D, ADAPTIVE_MAXPOOL2D, GLOBAL_AVGPOOL2D, GLOBAL_MAXPOOL2D, UPSAMPLE2D,
  BATCHNORM2D, DROPOUT,
  FLATTEN, LINEAR,
  ...ACTIVATION_LAYER_TYPES,
  ADD, CONCAT,
] as const;

/** What a declaration resolves layers to. */
type ResolvedOf<T> = T extends LayerType<infer R> ? R : never;

/** Every resolved layer (types.ts's ResolvedLayer): the core must bind each (src/core/layerKernels.ts). */
export type RegisteredLayer = ResolvedOf<(typeof DECLARED)[number]>;

/** Every layer type, in the palette's order. */
export const LAYER_TYPE_LIST = DECLARED as unknown as readonly LayerType<ResolvedLayer>[];

/** type → its declaration. */
export const LAYER_REGISTRY: Readonly<Record<string, LayerType<ResolvedLayer>>> = Object.fromEntries(
  LAYER_TYPE_LIST.map((layerType) => [layerType.type, layerType]),
);

export const LAYER_TYPES: readonly string[] = LAYER_TYPE_LIST.map((layerType) => layerType.type);

export function layerTypeOf(type: string): LayerType<ResolvedLayer> | undefined {
  return Object.prototype.hasOwnProperty.call(LAYER_REGISTRY, type) ? LAYER_REGISTRY[type] : undefined;
}

/** The declaration of a resolved layer's type (every resolved layer has one). */
export function declarationOf<R extends ResolvedLayer>(layer: R): LayerType<R> {
  const declaration = layerTypeOf(layer.type);
  if (!declaration) throw new Error(`layer type ${layer.type} is not registered`);
  return declaration as unknown as LayerType<R>;
}

function handlerOf(layerType: LayerType<ResolvedLayer>): LayerHandler {
  const handler: LayerHandler = {
    fields: layerType.fields.map((field) => field.name).filter((name) => name !== "inputs"),
    analyze: (ctx, inputs, environment) => layerType.analyze(ctx, inputs, environment),
  };
  if (layerType.merge) handler.merge = true;
  return handler;
}

/** The analysis view of each type (analyze.ts dispatches on it). */
export const LAYER_HANDLERS: Readonly<Record<string, LayerHandler>> = Object.fromEntries(
  LAYER_TYPE_LIST.map((layerType) => [layerType.type, handlerOf(layerType)]),
);

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
