/** The geometry record of one conv2d call, computed once and consumed by the kernels. */
import { convOutputSize } from "../engine/geometry";
import { resolveConvPadding, toPair, type ConvPaddingArgument, type SidePadding, type SpatialArgument } from "./kernelArguments";
import { checkArgument } from "./tensor";

export interface Conv2dOptions {
  stride?: SpatialArgument;
  /** number | [h, w] | "same" | "valid", or explicit sides [top, bottom, left, right]. */
  padding?: ConvPaddingArgument | SidePadding;
  dilation?: SpatialArgument;
  groups?: number;
  /** True convolution: the kernel rotated 180°. Default false = cross-correlation. */
  flip?: boolean;
}

export interface Conv2dInfo {
  inChannels: number;
  inHeight: number;
  inWidth: number;
  outChannels: number;
  outHeight: number;
  outWidth: number;
  kernelHeight: number;
  kernelWidth: number;
  strideHeight: number;
  strideWidth: number;
  dilationHeight: number;
  dilationWidth: number;
  padTop: number;
  padBottom: number;
  padLeft: number;
  padRight: number;
  groups: number;
  inChannelsPerGroup: number;
  outChannelsPerGroup: number;
  flip: boolean;
}

/** Validates a conv2d call ([C,H,W] input, [O, C/groups, kh, kw] weight) and resolves it. */
export function computeConv2dInfo(inputShape: readonly number[], weightShape: readonly number[], options: Conv2dOptions = {}): Conv2dInfo {
  checkArgument(weightShape.length === 4, () => `weight: expected a 4-D [O, C/groups, kh, kw] tensor, got shape [${weightShape.join(", ")}]`);
  const [inChannels, inHeight, inWidth] = inputShape;
  const [outChannels, inChannelsPerGroup, kernelHeight, kernelWidth] = weightShape;
  const groups = options.groups ?? 1;
  checkArgument(Number.isInteger(groups) && groups >= 1, () => `groups: must be an integer ≥ 1, got ${groups}`);
  checkArgument(inChannels % groups === 0, () => `groups: input channels (${inChannels}) must be divisible by groups (${groups})`);
  checkArgument(outChannels % groups === 0, () => `groups: output channels (${outChannels}) must be divisible by groups (${groups})`);
  checkArgument(inChannelsPerGroup === inChannels / groups, () => `weight: dimension 1 must be C/groups = ${inChannels / groups}, got ${inChannelsPerGroup}`);
  const stride = toPair(options.stride ?? 1, "stride", 1);
  const dilation = toPair(options.dilation ?? 1, "dilation", 1);
  const [padTop, padBottom, padLeft, padRight] = resolveConvPadding(options.padding ?? 0, [kernelHeight, kernelWidth], dilation, stride);
  const outHeight = convOutputSize(inHeight, kernelHeight, stride[0], padTop, padBottom, dilation[0]);
  const outWidth = convOutputSize(inWidth, kernelWidth, stride[1], padLeft, padRight, dilation[1]);
  checkArgument(outHeight >= 1 && outWidth >= 1, () => `kernel: the (dilated) kernel ${kernelHeight}×${kernelWidth} does not fit the padded input ${inHeight}×${inWidth} (output would be ${outHeight}×${outWidth}; it must be at least 1×1)`);
  return {
    inChannels, inHeight, inWidth, outChannels, outHeight, outWidth, kernelHeight, kernelWidth,
    strideHeight: stride[0], strideWidth: stride[1], dilationHeight: dilation[0], dilationWidth: dilation[1],
    padTop, padBottom, padLeft, padRight, groups, inChannelsPerGroup, outChannelsPerGroup: outChannels / groups,
    flip: options.flip ?? false,
  };
}
