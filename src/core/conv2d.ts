/** conv2d, contract of spec-format.md §3 (PyTorch Conv2d, plus `flip` for true convolution). */
import { applyActivation } from "./activations";
import { kernelBackend } from "./backend";
import { computeConv2dInfo, type Conv2dOptions } from "./conv2dInfo";
import { padConvInput } from "./kernels/padInput";
import { checkArgument, checkShapeMatchesData, checkTensor3, type Tensor } from "./tensor";
import { allocateFloats } from "./budget/allocationGuard";

export type { Conv2dOptions } from "./conv2dInfo";

/**
 * x: [C, H, W]; weight: [O, C/groups, kh, kw]; bias: O values or null. Returns [O, H', W'].
 * Cross-correlation like torch.nn.functional.conv2d unless `flip` is set. `activation`
 * "relu" applies relu to the result (fused into the kernel when the backend can).
 */
export function conv2d(x: Tensor, weight: Tensor, bias: Float32Array | null, options: Conv2dOptions = {}, activation?: "relu"): Tensor {
  checkTensor3(x, "x");
  checkShapeMatchesData(weight, "weight");
  const info = computeConv2dInfo(x.shape, weight.shape, options);
  checkArgument(bias === null || bias.length === info.outChannels, () => `bias: expected ${info.outChannels} values (one per output channel), got ${bias?.length}`);
  const output = allocateFloats(info.outChannels * info.outHeight * info.outWidth);
  const backend = kernelBackend();
  const padded = padConvInput(info, x.data, backend.padsItself === true);
  const fused = activation === "relu" && backend.fusesRelu === true;
  backend.conv2dChannelRange(padded.info, padded.input, weight.data, bias, output, 0, info.outChannels, fused);
  const result = { shape: [info.outChannels, info.outHeight, info.outWidth], data: output };
  return activation === "relu" && !fused ? applyActivation(result, { type: "relu" }) : result;
}
