/**
 * The convolution core's entry point (contract: spec-format.md §3). Pure TypeScript: no
 * vscode, no DOM, no Node built-ins (the worker in ./worker is the only Node-specific part).
 */
export type { Tensor } from "./tensor";
export { elementCount, tensorFrom, zerosTensor } from "./tensor";

export { conv2d, type Conv2dOptions } from "./conv2d";
export { computeConv2dInfo, type Conv2dInfo } from "./conv2dInfo";
export { convTranspose2d, computeConvTranspose2dInfo, type ConvTranspose2dOptions, type ConvTranspose2dInfo } from "./convTranspose2d";
export { maxPool2d, avgPool2d, minPool2d, computePool2dInfo, type MaxPool2dOptions, type AvgPool2dOptions, type Pool2dInfo } from "./pool2d";
export { adaptiveAvgPool2d, adaptiveMaxPool2d, globalAvgPool2d, globalMaxPool2d, adaptiveWindow } from "./adaptivePool2d";
export { linear } from "./linear";
export { batchNorm2d, type BatchNorm2dParams } from "./batchNorm2d";
export { add, concat, flatten } from "./tensorOps";
export { applyActivation, softmax, relu, relu6, leakyRelu, elu, sigmoid, tanh, gelu, silu, hardswish, erf } from "./activations";
export { convOutputSize, poolOutputSize, convTransposeOutputSize } from "../engine/geometry";
export { resolveConvPadding } from "./kernelArguments";
export { ready, setKernelBackend, kernelBackend, type KernelBackend } from "./backend";

export { convWeightBlock, convBias, convTransposeWeights, convTransposeBias, linearWeightRows, linearBias, type WeightContext } from "./weights/previewWeights";
export { streamSeed, uniformAt } from "./weights/prng";

export { decodeImage, type RasterImage } from "./image/decode";
export { detectImageFormat, type ImageFormat, SUPPORTED_FORMATS_TEXT } from "./image/detect";
export { DEFAULT_IMAGE_LIMITS, type ImageError, type ImageErrorCode, type ImageLimits, type ImageResult } from "./image/imageError";
export { prepareImage, convertChannels, normalize, type InputNormalization, type PrepareImageOptions } from "./image/prepare";
export { resizeRaster } from "./image/resize";
export { channelToGray8, encodeGrayPng, encodeRgbPng, type GrayImage } from "./image/display";

export { runNetwork, NETWORK_INPUT_ID } from "./runner/runNetwork";
export type * from "./runner/runTypes";

export { WorkerTeam, type WorkerTeamOptions, type TeamRun } from "./parallel/team";
export { createHelper, type Helper } from "./parallel/helper";
export type { HelperMessage } from "./parallel/protocol";
export type { GivenWeights } from "./runner/convLayer";
