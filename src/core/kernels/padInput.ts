/**
 * Zero-pads a conv input once per call, so the kernel sees an unpadded problem whose whole
 * output is "interior" (no bounds checks). Costs one copy of the input; the output size is
 * unchanged. A backend that pads while staging (`backendPads`, KernelBackend.padsItself)
 * gets the input as it is.
 */
import type { Conv2dInfo } from "../conv2dInfo";
import { allocateFloats } from "../budget/allocationGuard";

export function padConvInput(info: Conv2dInfo, input: Float32Array, backendPads = false): { info: Conv2dInfo; input: Float32Array } {
  const { padTop, padBottom, padLeft, padRight, inHeight, inWidth, inChannels } = info;
  if (backendPads || (padTop === 0 && padBottom === 0 && padLeft === 0 && padRight === 0)) return { info, input };
  const paddedHeight = inHeight + padTop + padBottom;
  const paddedWidth = inWidth + padLeft + padRight;
  const padded = allocateFloats(inChannels * paddedHeight * paddedWidth);
  for (let c = 0; c < inChannels; c++) {
    for (let y = 0; y < inHeight; y++) {
      const source = (c * inHeight + y) * inWidth;
      padded.set(input.subarray(source, source + inWidth), (c * paddedHeight + y + padTop) * paddedWidth + padLeft);
    }
  }
  return {
    info: { ...info, inHeight: paddedHeight, inWidth: paddedWidth, padTop: 0, padBottom: 0, padLeft: 0, padRight: 0 },
    input: padded,
  };
}
