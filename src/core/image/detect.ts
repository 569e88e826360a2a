/** Image format by magic bytes, and the dimensions from the header (before any decoding). */

export type ImageFormat = "png" | "jpeg" | "gif" | "bmp" | "webp" | "tiff" | "heic" | "unknown";

export const SUPPORTED_FORMATS_TEXT = "PNG (8/16-bit, gray, RGB, palette, with or without alpha) and JPEG (baseline or progressive)";

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return bytes.length >= offset + signature.length && signature.every((value, index) => bytes[offset + index] === value);
}

function ascii(text: string): number[] {
  return Array.from(text, (character) => character.charCodeAt(0));
}

export function detectImageFormat(bytes: Uint8Array): ImageFormat {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(bytes, ascii("GIF8"))) return "gif";
  if (startsWith(bytes, ascii("BM"))) return "bmp";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "webp";
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return "tiff";
  if (startsWith(bytes, ascii("ftyp"), 4)) return "heic";
  return "unknown";
}

export interface ImageDimensions {
  width: number;
  height: number;
}

function readUint16BigEndian(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] << 8) | bytes[offset + 1];
}

function readUint32BigEndian(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] << 24) >>> 0) + (bytes[offset + 1] << 16) + (bytes[offset + 2] << 8) + bytes[offset + 3];
}

/** Width and height from the PNG IHDR chunk, or null when the header is missing. */
export function readPngDimensions(bytes: Uint8Array): ImageDimensions | null {
  if (bytes.length < 24 || !startsWith(bytes, ascii("IHDR"), 12)) return null;
  return { width: readUint32BigEndian(bytes, 16), height: readUint32BigEndian(bytes, 20) };
}

const JPEG_START_OF_FRAME = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** Width and height from the first JPEG start-of-frame segment, or null when there is none. */
export function readJpegDimensions(bytes: Uint8Array): ImageDimensions | null {
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1];
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      offset += 2;
      continue;
    }
    if (JPEG_START_OF_FRAME.has(marker)) {
      if (offset + 9 > bytes.length) return null;
      return { height: readUint16BigEndian(bytes, offset + 5), width: readUint16BigEndian(bytes, offset + 7) };
    }
    offset += 2 + readUint16BigEndian(bytes, offset + 2);
  }
  return null;
}
