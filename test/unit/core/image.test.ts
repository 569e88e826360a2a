/** Image decoding, refusal as data, resizing, channel conversion and display encoding. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { encode } from "fast-png";
import { describe, expect, it } from "vitest";
import { channelToGray8, decodeImage, encodeGrayPng, prepareImage, resizeRaster, tensorFrom, type RasterImage } from "../../../src/core";

const samples = join(__dirname, "../../../media/samples");
const sample = (name: string): Uint8Array => new Uint8Array(readFileSync(join(samples, name)));

function raster(width: number, height: number, values: number[], colorChannels: 1 | 3 = 1): RasterImage {
  return { width, height, colorChannels, stride: colorChannels, data: Uint8Array.from(values), maxValue: 255, format: "png" };
}

describe("decoding", () => {
  it("reads the bundled gray PNG and RGB JPEG", () => {
    const camera = decodeImage(sample("camera.png"));
    const cat = decodeImage(sample("chelsea.jpg"));
    expect(camera.ok && {
      width: camera.value.width, height: camera.value.height, channels: camera.value.colorChannels,
    }).toEqual({ width: 256, height: 256, channels: 1 });
    expect(cat.ok && {
      width: cat.value.width, height: cat.value.height, channels: cat.value.colorChannels,
    }).toEqual({ width: 256, height: 170, channels: 3 });
  });

  it("drops alpha, scales 16-bit, expands palettes and 1-bit gray", () => {
    const rgba = encode({ width: 1, height: 1, data: Uint8Array.from([255, 0, 51, 7]), channels: 4, depth: 8 });
    const gray16 = encode({ width: 2, height: 1, data: Uint16Array.from([0, 65535]), channels: 1, depth: 16 });
    const palette = encode({
      width: 2, height: 1, data: Uint8Array.from([1, 0]), channels: 1, depth: 8, palette: [[255, 0, 0], [0, 0, 255]],
    });
    const oneBit = encode({ width: 9, height: 1, data: Uint8Array.from([0b10100000, 0b10000000]), channels: 1, depth: 1 });
    const values = (bytes: Uint8Array, shape: number[]): number[] => {
      const result = prepareImage(bytes, shape);
      if (!result.ok) throw new Error(result.error.message);
      return Array.from(result.value.data, (value) => Math.round(value * 1000) / 1000);
    };
    expect(values(rgba, [3, 1, 1])).toEqual([1, 0, 0.2]);
    expect(values(gray16, [1, 1, 2])).toEqual([0, 1]);
    expect(values(palette, [3, 1, 2])).toEqual([0, 1, 0, 0, 1, 0]);
    expect(values(oneBit, [1, 1, 9])).toEqual([1, 0, 1, 0, 0, 0, 0, 0, 1]);
  });
});

describe("refusals are ImageErrors, never exceptions", () => {
  const camera = sample("camera.png");
  const hugeHeader = camera.slice();
  new DataView(hugeHeader.buffer).setUint32(16, 100_000);
  new DataView(hugeHeader.buffer).setUint32(20, 100_000);
  const cases: [string, Uint8Array, object, string, RegExp][] = [
    ["empty file", new Uint8Array(0), {}, "empty-file", /empty/],
    ["file over the byte cap", camera, { limits: { maxFileBytes: 1000, maxPixels: 40e6 } }, "file-too-large", /limit is 0\.0 MB/],
    ["image over the pixel cap", hugeHeader, {}, "too-many-pixels", /100000×100000.*Downscale it, e\.g\. to 6324×6324/],
    ["truncated PNG", camera.slice(0, camera.length / 2), {}, "corrupt-file", /corrupt or truncated/],
    ["truncated JPEG", sample("rocket.jpg").slice(0, 5000), {}, "corrupt-file", /JPEG file could not be decoded/],
    ["GIF", new TextEncoder().encode("GIF89a\u0001\u0000\u0001\u0000"), {}, "unsupported-format", /GIF files are not supported\. Supported formats: PNG .* and JPEG/],
    ["text file", new TextEncoder().encode("hello, world"), {}, "unsupported-format", /Convert the image to PNG or JPEG/],
  ];
  it.each(cases)("%s", (_label, bytes, options, code, message) => {
    const result = prepareImage(bytes, [3, 32, 32], options);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message).toMatch(message);
    }
  });
});

describe("resizing and channels", () => {
  it("shrinking averages areas exactly", () => {
    const image = raster(4, 2, [0, 255, 51, 51, 255, 0, 102, 102]);
    expect(Array.from(resizeRaster(image, 1, 2).data, (value) => Math.round(value * 255))).toEqual([128, 77]);
  });

  it("growing is bilinear with half-pixel centres (torch align_corners=False)", () => {
    const image = raster(2, 1, [0, 255]);
    expect(Array.from(resizeRaster(image, 1, 4).data)).toEqual([0, 0.25, 0.75, 1]);
  });

  it("RGB → 1 channel by BT.601 luma, gray → 3 by replication, then mean/std", () => {
    const rgb = raster(1, 1, [255, 0, 0], 3);
    const png = encode({ width: 1, height: 1, data: rgb.data as Uint8Array, channels: 3, depth: 8 });
    const gray = prepareImage(png, [1, 1, 1]);
    expect(gray.ok && gray.value.data[0]).toBeCloseTo(0.299, 6);
    const replicated = prepareImage(sample("camera.png"), [3, 16, 16], { mean: [0.5], std: [0.25] });
    if (!replicated.ok) throw new Error("decode failed");
    expect(replicated.value.shape).toEqual([3, 16, 16]);
    expect(Array.from(replicated.value.data.subarray(0, 256))).toEqual(Array.from(replicated.value.data.subarray(512, 768)));
    expect(Math.min(...replicated.value.data)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...replicated.value.data)).toBeLessThanOrEqual(2);
  });
});

describe("display encoding", () => {
  it("normalises a channel to 0..255 and downsamples big maps", () => {
    const map = tensorFrom([2, 2, 2], [-1, 0, 1, 3, 5, 5, 5, 5]);
    expect(Array.from(channelToGray8(map, 0).pixels)).toEqual([0, 64, 128, 255]);
    expect(Array.from(channelToGray8(map, 1).pixels)).toEqual([0, 0, 0, 0]);
    const big = tensorFrom([1, 100, 50], Array.from({ length: 5000 }, (_unused, index) => index));
    const shown = channelToGray8(big, 0, 500);
    expect([shown.height, shown.width]).toEqual([31, 15]);
  });

  it("PNG-encodes gray images that decode back identically", () => {
    const pixels = Uint8Array.from([0, 50, 100, 150, 200, 250]);
    const decoded = decodeImage(encodeGrayPng({ width: 3, height: 2, pixels }));
    expect(decoded.ok && Array.from(decoded.value.data)).toEqual(Array.from(pixels));
  });
});
