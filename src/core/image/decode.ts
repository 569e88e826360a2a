/**
 * Decodes PNG (fast-png) and JPEG (jpeg-js) bytes into a raster, refusing oversized,
 * corrupt, truncated and unsupported files with an ImageError instead of throwing.
 */
import { convertIndexedToRgb, decode as decodePng, type DecodedPng } from "fast-png";
import { decode as decodeJpeg } from "jpeg-js";
import { detectImageFormat, readJpegDimensions, readPngDimensions, SUPPORTED_FORMATS_TEXT, type ImageDimensions, type ImageFormat } from "./detect";
import { DEFAULT_IMAGE_LIMITS, imageFailure, imageOk, type ImageLimits, type ImageResult } from "./imageError";

/** Interleaved samples; alpha, when present, is skipped through `stride`. */
export interface RasterImage {
  width: number;
  height: number;
  /** 1 = gray, 3 = RGB. */
  colorChannels: 1 | 3;
  /** Samples per pixel in `data` (colour channels plus alpha, if any). */
  stride: number;
  data: Uint8Array | Uint8ClampedArray | Uint16Array;
  /** 255, 65535, or 2^depth − 1 for low-bit-depth gray. */
  maxValue: number;
  format: "png" | "jpeg";
}

const FORMAT_NAMES: Record<ImageFormat, string> = {
  png: "PNG", jpeg: "JPEG", gif: "GIF", bmp: "BMP", webp: "WebP", tiff: "TIFF", heic: "HEIC/AVIF", unknown: "this",
};

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function decodeImage(bytes: Uint8Array, limits: ImageLimits = DEFAULT_IMAGE_LIMITS): ImageResult<RasterImage> {
  if (bytes.length === 0) return imageFailure("empty-file", "The image file is empty. Choose a PNG or JPEG photo.");
  if (bytes.length > limits.maxFileBytes) {
    return imageFailure("file-too-large", `The image file is ${megabytes(bytes.length)}; the limit is ${megabytes(limits.maxFileBytes)}. Save a smaller copy (a preview needs only a few hundred pixels per side).`);
  }
  const format = detectImageFormat(bytes);
  if (format !== "png" && format !== "jpeg") {
    return imageFailure("unsupported-format", `${FORMAT_NAMES[format]} files are not supported. Supported formats: ${SUPPORTED_FORMATS_TEXT}. Convert the image to PNG or JPEG.`);
  }
  const dimensions = format === "png" ? readPngDimensions(bytes) : readJpegDimensions(bytes);
  if (dimensions === null || dimensions.width === 0 || dimensions.height === 0) {
    return imageFailure("corrupt-file", `The ${FORMAT_NAMES[format]} file has no valid header (it may be corrupt or truncated). Re-export the image and try again.`);
  }
  const pixelProblem = checkPixelCount(dimensions, limits);
  if (pixelProblem !== null) return pixelProblem;
  try {
    return imageOk(format === "png" ? rasterFromPng(decodePng(bytes)) : rasterFromJpeg(bytes, limits));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return imageFailure("corrupt-file", `The ${FORMAT_NAMES[format]} file could not be decoded (${reason}); it may be corrupt or truncated. Re-export the image and try again.`);
  }
}

function checkPixelCount(dimensions: ImageDimensions, limits: ImageLimits): ImageResult<RasterImage> | null {
  const pixels = dimensions.width * dimensions.height;
  if (pixels <= limits.maxPixels) return null;
  const scale = Math.sqrt(limits.maxPixels / pixels);
  const suggestion = `${Math.floor(dimensions.width * scale)}×${Math.floor(dimensions.height * scale)}`;
  return imageFailure("too-many-pixels", `The image is ${dimensions.width}×${dimensions.height} (${(pixels / 1e6).toFixed(1)} MP); the limit is ${(limits.maxPixels / 1e6).toFixed(0)} MP. Downscale it, e.g. to ${suggestion} or smaller, and try again.`);
}

function rasterFromPng(png: DecodedPng): RasterImage {
  const base = { width: png.width, height: png.height, format: "png" as const };
  if (png.palette) {
    const stride = png.palette[0]?.length ?? 3;
    return { ...base, colorChannels: 3, stride, data: convertIndexedToRgb(png), maxValue: 255 };
  }
  const colorChannels = png.channels >= 3 ? 3 : 1;
  if (png.depth < 8) {
    return { ...base, colorChannels: 1, stride: 1, data: unpackLowBitDepth(png), maxValue: 2 ** png.depth - 1 };
  }
  return { ...base, colorChannels, stride: png.channels, data: png.data, maxValue: png.depth === 16 ? 65535 : 255 };
}

/** 1-, 2- and 4-bit gray rows are packed most-significant bits first, each row byte-aligned. */
function unpackLowBitDepth(png: DecodedPng): Uint8Array {
  const { width, height, depth } = png;
  const rowBytes = Math.ceil((width * depth) / 8);
  const mask = (1 << depth) - 1;
  const unpacked = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const bitOffset = x * depth;
      const byte = png.data[y * rowBytes + (bitOffset >> 3)];
      unpacked[y * width + x] = (byte >> (8 - depth - (bitOffset & 7))) & mask;
    }
  }
  return unpacked;
}

function rasterFromJpeg(bytes: Uint8Array, limits: ImageLimits): RasterImage {
  const decoded = decodeJpeg(bytes, {
    useTArray: true,
    formatAsRGBA: false,
    tolerantDecoding: false,
    maxResolutionInMP: limits.maxPixels / 1e6,
    maxMemoryUsageInMB: 1024,
  });
  return { width: decoded.width, height: decoded.height, colorChannels: 3, stride: 3, data: decoded.data, maxValue: 255, format: "jpeg" };
}
