/**
 * Depthwise convolutions by chunks of channels (wasm/wasmChannelChunks.ts) give the floats
 * of one unchunked call, fused followers and channel ranges included.
 */
import { describe, expect, it } from "vitest";
import { computeConv2dInfo } from "../../../src/core";
import { batchNormCoefficients } from "../../../src/core/batchNorm2d";
import type { ConvFollowers } from "../../../src/core/convFollowers";
import { wasmConv2dChannelRange } from "../../../src/core/wasm/wasmConv";
import { wasmConv2dChannelRangeInChunks } from "../../../src/core/wasm/wasmChannelChunks";
import { instantiateKernelsSync } from "../../../src/core/wasm/wasmInstance";
import { randomTensor, seededRandom } from "./reference";

const kernels = instantiateKernelsSync("plain");

function followers(channels: number, floats: number): ConvFollowers {
  return {
    batchNorm: {
      ...batchNormCoefficients(channels, { eps: 0.5, bias: new Float32Array(channels).fill(-0.25) }), output: new Float32Array(floats),
    },
    relu: { output: new Float32Array(floats) },
  };
}

describe("depthwise by chunks of channels", () => {
  it.each([
    ["3×3 s1 p1", { padding: 1 }],
    ["3×3 s2 p1, flipped", { stride: 2, padding: 1, flip: true }],
    ["5×5 dilated", { padding: 4, dilation: 2 }],
  ] as const)("%s: the same floats as one call, in ranges [0,9), [9,40)", (_name, options) => {
    const random = seededRandom(41);
    const channels = 40;
    const x = randomTensor(random, [channels, 70, 66]);
    const kernel = "dilation" in options ? 5 : 3;
    const weight = randomTensor(random, [channels, 1, kernel, kernel]);
    const bias = randomTensor(random, [channels]).data;
    const info = computeConv2dInfo(x.shape, weight.shape, { ...options, groups: channels });
    const floats = channels * info.outHeight * info.outWidth;
    const taps = kernel * kernel;
    const whole = { output: new Float32Array(floats), followers: followers(channels, floats) };
    wasmConv2dChannelRange(kernels, info, x.data, weight.data, bias, whole.output, 0, channels, false, false, whole.followers);
    const chunked = { output: new Float32Array(floats), followers: followers(channels, floats) };
    for (const [start, end] of [[0, 9], [9, channels]]) {
      const weights = weight.data.subarray(start * taps, end * taps);
      wasmConv2dChannelRangeInChunks(kernels, info, x.data, weights, bias, chunked.output, start, end, false, false, chunked.followers);
    }
    expect(kernels.stagedInput).toBeNull();
    expect(Array.from(chunked.output)).toEqual(Array.from(whole.output));
    expect(Array.from(chunked.followers.batchNorm!.output)).toEqual(Array.from(whole.followers.batchNorm!.output));
    expect(Array.from(chunked.followers.relu!.output)).toEqual(Array.from(whole.followers.relu!.output));
  });
});
