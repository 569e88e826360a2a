/** convTranspose2d, contract of spec-format.md §3 (PyTorch ConvTranspose2d). */
import { convTransposeOutputSize } from "../engine/geometry";
import { endValidIndex, firstValidIndex, toPair, type SpatialArgument } from "./kernelArguments";
import { checkArgument, checkShapeMatchesData, checkTensor3, type Tensor } from "./tensor";
import { allocateFloats } from "./budget/allocationGuard";

export interface ConvTranspose2dOptions {
  stride?: SpatialArgument;
  padding?: SpatialArgument;
  outputPadding?: SpatialArgument;
  dilation?: SpatialArgument;
  groups?: number;
}

export interface ConvTranspose2dInfo {
  inChannels: number; inHeight: number; inWidth: number;
  outChannels: number; outHeight: number; outWidth: number;
  kernelHeight: number; kernelWidth: number;
  strideHeight: number; strideWidth: number;
  padHeight: number; padWidth: number;
  dilationHeight: number; dilationWidth: number;
  groups: number; inChannelsPerGroup: number; outChannelsPerGroup: number;
}

export function computeConvTranspose2dInfo(
  inputShape: readonly number[], weightShape: readonly number[], options: ConvTranspose2dOptions = {},
): ConvTranspose2dInfo {
  checkArgument(weightShape.length === 4, () => `weight: expected a 4-D [C, O/groups, kh, kw] tensor, got shape [${weightShape.join(", ")}]`);
  const [inChannels, inHeight, inWidth] = inputShape;
  const [weightChannels, outChannelsPerGroup, kernelHeight, kernelWidth] = weightShape;
  const groups = options.groups ?? 1;
  checkArgument(Number.isInteger(groups) && groups >= 1, () => `groups: must be an integer ≥ 1, got ${groups}`);
  checkArgument(inChannels % groups === 0, () => `groups: input channels (${inChannels}) must be divisible by groups (${groups})`);
  checkArgument(weightChannels === inChannels, () => `weight: dimension 0 must equal the input channels (${inChannels}), got ${weightChannels}`);
  const stride = toPair(options.stride ?? 1, "stride", 1);
  const padding = toPair(options.padding ?? 0, "padding", 0);
  const dilation = toPair(options.dilation ?? 1, "dilation", 1);
  const outputPadding = toPair(options.outputPadding ?? 0, "outputPadding", 0);
  for (const axis of [0, 1]) {
    checkArgument(outputPadding[axis] < stride[axis] || outputPadding[axis] < dilation[axis],
      () => `outputPadding: must be smaller than either stride or dilation (as in PyTorch), got outputPadding ${outputPadding[axis]}, stride ${stride[axis]}, dilation ${dilation[axis]}`);
  }
  const outHeight = convTransposeOutputSize(inHeight, kernelHeight, stride[0], padding[0], outputPadding[0], dilation[0]);
  const outWidth = convTransposeOutputSize(inWidth, kernelWidth, stride[1], padding[1], outputPadding[1], dilation[1]);
  checkArgument(outHeight >= 1 && outWidth >= 1, () => `padding: the output would be ${outHeight}×${outWidth}; padding [${padding.join(", ")}] is too large for this input and kernel`);
  return {
    inChannels, inHeight, inWidth, outChannels: outChannelsPerGroup * groups, outHeight, outWidth, kernelHeight, kernelWidth,
    strideHeight: stride[0], strideWidth: stride[1], padHeight: padding[0], padWidth: padding[1],
    dilationHeight: dilation[0], dilationWidth: dilation[1], groups, inChannelsPerGroup: inChannels / groups, outChannelsPerGroup,
  };
}

/**
 * x: [C, H, W]; weight: [C, O/groups, kh, kw]; bias: O values or null. Returns [O, H', W'].
 * Every input pixel scatters weight × value onto the output (the adjoint of conv2d).
 */
export function convTranspose2d(x: Tensor, weight: Tensor, bias: Float32Array | null, options: ConvTranspose2dOptions = {}): Tensor {
  checkTensor3(x, "x");
  checkShapeMatchesData(weight, "weight");
  const info = computeConvTranspose2dInfo(x.shape, weight.shape, options);
  checkArgument(bias === null || bias.length === info.outChannels, () => `bias: expected ${info.outChannels} values (one per output channel), got ${bias?.length}`);
  const output = allocateFloats(info.outChannels * info.outHeight * info.outWidth);
  const outPlane = info.outHeight * info.outWidth;
  for (let co = 0; co < info.outChannels; co++) output.fill(bias === null ? 0 : bias[co], co * outPlane, (co + 1) * outPlane);
  for (let ci = 0; ci < info.inChannels; ci++) scatterInputChannel(info, x.data, weight.data, output, ci);
  return { shape: [info.outChannels, info.outHeight, info.outWidth], data: output };
}

function scatterInputChannel(
  info: ConvTranspose2dInfo, input: Float32Array, weights: Float32Array, output: Float32Array, ci: number,
): void {
  const { inHeight, inWidth, outHeight, outWidth, kernelHeight, kernelWidth, strideHeight, strideWidth } = info;
  const group = Math.floor(ci / info.inChannelsPerGroup);
  const inBase = ci * inHeight * inWidth;
  for (let local = 0; local < info.outChannelsPerGroup; local++) {
    const outBase = (group * info.outChannelsPerGroup + local) * outHeight * outWidth;
    const weightBase = (ci * info.outChannelsPerGroup + local) * kernelHeight * kernelWidth;
    for (let ky = 0; ky < kernelHeight; ky++) {
      const rowOffset = ky * info.dilationHeight - info.padHeight;
      const iyStart = firstValidIndex(rowOffset, strideHeight);
      const iyEnd = endValidIndex(rowOffset, strideHeight, outHeight, inHeight);
      for (let kx = 0; kx < kernelWidth; kx++) {
        const weight = weights[weightBase + ky * kernelWidth + kx];
        if (weight === 0) continue;
        const columnOffset = kx * info.dilationWidth - info.padWidth;
        const ixStart = firstValidIndex(columnOffset, strideWidth);
        const ixEnd = endValidIndex(columnOffset, strideWidth, outWidth, inWidth);
        for (let iy = iyStart; iy < iyEnd; iy++) {
          const outRow = outBase + (iy * strideHeight + rowOffset) * outWidth + columnOffset;
          const inRow = inBase + iy * inWidth;
          for (let ix = ixStart; ix < ixEnd; ix++) output[outRow + ix * strideWidth] += weight * input[inRow + ix];
        }
      }
    }
  }
}
