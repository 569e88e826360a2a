/** Hand-computed cases and argument errors of the core kernels. */
import { describe, expect, it } from "vitest";
import {
  adaptiveWindow, applyActivation, avgPool2d, batchNorm2d, concat, conv2d, convTranspose2d, erf, gelu, linear, maxPool2d, softmax,
  tensorFrom, type Tensor,
} from "../../../src/core";

const ramp3x3 = tensorFrom([1, 3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
const ones3x3 = tensorFrom([1, 1, 3, 3], new Array(9).fill(1));

describe("conv2d, hand-computed", () => {
  it("3×3 box over a 3×3 ramp with padding 1 sums each neighbourhood", () => {
    expect(Array.from(conv2d(ramp3x3, ones3x3, null, { padding: 1 }).data)).toEqual([12, 21, 16, 27, 45, 33, 24, 39, 28]);
  });

  it("cross-correlation reads the kernel as written, flip rotates it 180°", () => {
    const impulse = tensorFrom([1, 3, 3], [1, 0, 0, 0, 0, 0, 0, 0, 0]);
    const kernel = tensorFrom([1, 1, 3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(conv2d(impulse, kernel, null).data)).toEqual([1]);
    expect(Array.from(conv2d(impulse, kernel, null, { flip: true }).data)).toEqual([9]);
  });

  it("'same' with an even 2×2 kernel pads the extra pixel bottom/right", () => {
    const result = conv2d(ramp3x3, tensorFrom([1, 1, 2, 2], [1, 1, 1, 1]), null, { padding: "same" });
    expect(result.shape).toEqual([1, 3, 3]);
    expect(Array.from(result.data)).toEqual([12, 16, 9, 24, 28, 15, 15, 17, 9]);
  });

  it("bias is added once per output value; depthwise keeps channels apart", () => {
    const x = tensorFrom([2, 1, 1], [2, 3]);
    const result = conv2d(x, tensorFrom([2, 1, 1, 1], [10, 100]), Float32Array.from([1, -1]), { groups: 2 });
    expect(Array.from(result.data)).toEqual([21, 299]);
  });
});

describe("argument errors name the argument and the rule", () => {
  const x = ramp3x3;
  const cases: [string, () => unknown, RegExp][] = [
    ["groups not dividing channels", () => conv2d(tensorFrom([3, 3, 3], new Array(27).fill(0)), tensorFrom([2, 1, 1, 1], [1, 1]), null, { groups: 2 }), /^groups: .*divisible/],
    ["stride 0", () => conv2d(x, ones3x3, null, { stride: 0 }), /^stride: must be an integer ≥ 1/],
    ["'same' with stride 2", () => conv2d(x, ones3x3, null, { padding: "same", stride: 2 }), /^padding: "same" needs stride 1/],
    ["kernel larger than the input", () => conv2d(x, tensorFrom([1, 1, 4, 4], new Array(16).fill(1)), null), /^kernel: .*does not fit/],
    ["bias of the wrong length", () => conv2d(x, ones3x3, Float32Array.from([1, 2])), /^bias: expected 1 values/],
    ["weight channels not C/groups", () => conv2d(x, tensorFrom([1, 2, 1, 1], [1, 1]), null), /^weight: dimension 1 must be C\/groups = 1/],
    ["2-D input", () => conv2d(tensorFrom([3, 3], new Array(9).fill(0)), ones3x3, null), /^x: expected a 3-D \[C, H, W\] tensor/],
    ["data not filling the shape", () => conv2d({ shape: [1, 3, 3], data: new Float32Array(8) }, ones3x3, null), /^x: data has 8 values/],
    ["pool padding over half the kernel", () => maxPool2d(x, { kernel: 2, padding: 2 }), /^padding: must be at most half the kernel/],
    ["outputPadding not below stride or dilation", () => convTranspose2d(x, ones3x3, null, { stride: 2, outputPadding: 2 }), /^outputPadding: must be smaller than either stride or dilation/],
    ["linear feature mismatch", () => linear(tensorFrom([4], [1, 2, 3, 4]), tensorFrom([2, 3], [1, 1, 1, 1, 1, 1]), null), /^x: expected 3 features/],
    ["concat of different sizes", () => concat([x, tensorFrom([1, 2, 2], [1, 2, 3, 4])]), /^inputs: concat needs \[C, 3, 3\]/],
    ["unknown activation", () => applyActivation(x, { type: "swish" as "silu" }), /^activation: unknown type "swish"/],
    ["batch norm with wrong parameter count", () => batchNorm2d(x, { runningMean: Float32Array.from([1, 2]) }), /^runningMean: expected 1 values/],
  ];
  it.each(cases)("%s", (_label, call, message) => {
    expect(call).toThrowError(message);
  });
});

describe("pools and activations, hand-computed", () => {
  it("avg pool 2×2 stride 1 over the ramp", () => {
    expect(Array.from(avgPool2d(ramp3x3, { kernel: 2, stride: 1 }).data)).toEqual([3, 4, 6, 7]);
  });

  it("max pool ceil mode keeps the overhanging window", () => {
    const result = maxPool2d(ramp3x3, { kernel: 2, ceilMode: true });
    expect(result.shape).toEqual([1, 2, 2]);
    expect(Array.from(result.data)).toEqual([5, 6, 8, 9]);
  });

  it("adaptive windows follow floor(i·H/oh) .. ceil((i+1)·H/oh)", () => {
    expect([0, 1, 2].map((index) => adaptiveWindow(index, 7, 3))).toEqual([[0, 3], [2, 5], [4, 7]]);
  });

  it("softmax over channels sums to 1 at every pixel", () => {
    const x: Tensor = tensorFrom([3, 1, 2], [1, -1, 2, 0, 3, 5]);
    const result = softmax(x);
    for (const pixel of [0, 1]) expect(result.data[pixel] + result.data[2 + pixel] + result.data[4 + pixel]).toBeCloseTo(1, 6);
    expect(result.data[4]).toBeCloseTo(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3)), 6);
  });

  it("erf and gelu match known values", () => {
    expect(erf(0.5)).toBeCloseTo(0.5204998778130465, 12);
    expect(erf(-2)).toBeCloseTo(-0.9953222650189527, 12);
    expect(erf(3.5)).toBeCloseTo(0.9999992569016276, 6);
    expect(gelu(1)).toBeCloseTo(0.8413447460685429, 10);
  });

  it("leaky relu uses the given slope", () => {
    expect(Array.from(applyActivation(tensorFrom([2], [-2, 3]), { type: "leakyrelu", slope: 0.5 }).data)).toEqual([-1, 3]);
  });
});
