/** The shipped kernels against the naive reference on seeded random shapes and arguments. */
import { describe, expect, it } from "vitest";
import { avgPool2d, conv2d, convTranspose2d, maxPool2d, minPool2d, type Tensor } from "../../../src/core";
import { randomTensor, referenceConv2d, referenceConvTranspose2d, referencePool2d, seededRandom } from "./reference";

function expectClose(actual: Tensor, expected: Tensor, label: string): void {
  expect(actual.shape, label).toEqual(expected.shape);
  let worst = 0;
  let largest = 1;
  for (let i = 0; i < expected.data.length; i++) {
    // A dilated max-pool window that sees only padding gives −∞, in PyTorch 1.13 too.
    if (actual.data[i] === expected.data[i]) continue;
    worst = Math.max(worst, Math.abs(actual.data[i] - expected.data[i]));
    largest = Math.max(largest, Math.abs(expected.data[i]));
  }
  expect(worst, label).toBeLessThanOrEqual(1e-5 * largest);
}

const random = seededRandom(12345);
const integer = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));

describe("conv2d vs reference (random)", () => {
  it("agrees on 150 random cases (stride, 4-sided padding, dilation, groups, flip)", () => {
    let checked = 0;
    while (checked < 150) {
      const groups = integer(1, 3);
      const channels = groups * integer(1, 3);
      const outChannels = groups * integer(1, 3);
      const kernel: [number, number] = [integer(1, 4), integer(1, 4)];
      const stride: [number, number] = [integer(1, 3), integer(1, 3)];
      const dilation: [number, number] = [integer(1, 3), integer(1, 2)];
      const padding: [number, number, number, number] = [integer(0, 3), integer(0, 3), integer(0, 3), integer(0, 3)];
      const height = integer(1, 12);
      const width = integer(1, 12);
      if (height + padding[0] + padding[1] < dilation[0] * (kernel[0] - 1) + 1) continue;
      if (width + padding[2] + padding[3] < dilation[1] * (kernel[1] - 1) + 1) continue;
      const x = randomTensor(random, [channels, height, width]);
      const weight = randomTensor(random, [outChannels, channels / groups, ...kernel]);
      const bias = random() < 0.5 ? null : randomTensor(random, [outChannels]).data;
      const flip = random() < 0.5;
      const label = JSON.stringify({ shape: x.shape, weight: weight.shape, stride, padding, dilation, groups, flip });
      expectClose(
        conv2d(x, weight, bias, { stride, padding, dilation, groups, flip }),
        referenceConv2d(x, weight, bias, { stride, padding, dilation, groups, flip }), label,
      );
      checked++;
    }
  });
});

describe("conv2d 3×3 fast paths vs reference", () => {
  it.each([
    [5, 1, 1, false], [6, 2, 1, true], [6, 3, 2, false], [7, 1, 2, true], [4, 4, 1, false],
  ])("%i filters, groups %i, dilation %i, flip %s (paired and single channels, with and without padding)", (filters, groups, dilation, flip) => {
    const x = randomTensor(random, [groups * 2, 9, 11]);
    const weight = randomTensor(random, [filters * groups, 2, 3, 3]);
    const bias = randomTensor(random, [filters * groups]).data;
    for (const padding of [[0, 0, 0, 0], [1, 2, 0, 3]] as [number, number, number, number][]) {
      const options = { stride: [1, 2] as [number, number], padding, dilation: [dilation, dilation] as [number, number], groups, flip };
      expectClose(conv2d(x, weight, bias, options), referenceConv2d(x, weight, bias, options), JSON.stringify(options));
    }
  });
});

describe("convTranspose2d vs reference (random)", () => {
  it("agrees on 120 random cases", () => {
    let checked = 0;
    while (checked < 120) {
      const groups = integer(1, 2);
      const channels = groups * integer(1, 3);
      const outPerGroup = integer(1, 3);
      const kernel: [number, number] = [integer(1, 4), integer(1, 4)];
      const stride: [number, number] = [integer(1, 3), integer(1, 3)];
      const dilation: [number, number] = [integer(1, 2), integer(1, 3)];
      const padding: [number, number] = [integer(0, 2), integer(0, 2)];
      const outputPadding: [number, number] = [
        integer(0, Math.max(stride[0], dilation[0]) - 1), integer(0, Math.max(stride[1], dilation[1]) - 1),
      ];
      const x = randomTensor(random, [channels, integer(1, 7), integer(1, 7)]);
      const outHeight = (x.shape[1] - 1) * stride[0] - 2 * padding[0] + dilation[0] * (kernel[0] - 1) + outputPadding[0] + 1;
      const outWidth = (x.shape[2] - 1) * stride[1] - 2 * padding[1] + dilation[1] * (kernel[1] - 1) + outputPadding[1] + 1;
      if (outHeight < 1 || outWidth < 1) continue;
      const weight = randomTensor(random, [channels, outPerGroup, ...kernel]);
      const bias = random() < 0.5 ? null : randomTensor(random, [outPerGroup * groups]).data;
      const options = { stride, padding, outputPadding, dilation, groups };
      expectClose(
        convTranspose2d(x, weight, bias, options), referenceConvTranspose2d(x, weight, bias, options),
        JSON.stringify({ shape: x.shape, weight: weight.shape, ...options }),
      );
      checked++;
    }
  });
});

describe("pools vs reference (random)", () => {
  it("max, min and avg agree on 150 random cases each", () => {
    let checked = 0;
    while (checked < 150) {
      const kernel: [number, number] = [integer(1, 4), integer(1, 4)];
      const stride: [number, number] = [integer(1, 3), integer(1, 3)];
      const padding: [number, number] = [integer(0, Math.floor(kernel[0] / 2)), integer(0, Math.floor(kernel[1] / 2))];
      const dilation: [number, number] = [integer(1, 2), integer(1, 2)];
      const ceilMode = random() < 0.5;
      const countIncludePad = random() < 0.5;
      const x = randomTensor(random, [integer(1, 3), integer(1, 11), integer(1, 11)]);
      if (
        x.shape[1] + 2 * padding[0] < dilation[0] * (kernel[0] - 1) + 1 ||
        x.shape[2] + 2 * padding[1] < dilation[1] * (kernel[1] - 1) + 1
      ) {
        continue;
      }
      if (x.shape[1] + 2 * padding[0] < kernel[0] || x.shape[2] + 2 * padding[1] < kernel[1]) continue;
      const options = { kernel, stride, padding, dilation, ceilMode, countIncludePad };
      const label = JSON.stringify({ shape: x.shape, ...options });
      expectClose(maxPool2d(x, options), referencePool2d(x, "max", options), `max ${label}`);
      expectClose(minPool2d(x, options), referencePool2d(x, "min", options), `min ${label}`);
      const averageOptions = { ...options, dilation: [1, 1] as [number, number] };
      expectClose(avgPool2d(x, averageOptions), referencePool2d(x, "avg", averageOptions), `avg ${label}`);
      checked++;
    }
  });
});
