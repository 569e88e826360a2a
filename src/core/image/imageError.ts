/** Problems with a user's image file: data, never a crash. */

export type ImageErrorCode =
  | "empty-file"
  | "file-too-large"
  | "too-many-pixels"
  | "unsupported-format"
  | "corrupt-file";

export interface ImageError {
  code: ImageErrorCode;
  /** What is wrong, with the numbers, and what the user can do. */
  message: string;
}

export type ImageResult<T> = { ok: true; value: T } | { ok: false; error: ImageError };

export function imageOk<T>(value: T): ImageResult<T> {
  return { ok: true, value };
}

export function imageFailure<T>(code: ImageErrorCode, message: string): ImageResult<T> {
  return { ok: false, error: { code, message } };
}

export interface ImageLimits {
  /** Largest accepted file, bytes (default 25 MB). */
  maxFileBytes: number;
  /** Largest accepted image, pixels (default 40 MP). */
  maxPixels: number;
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = { maxFileBytes: 25 * 1024 * 1024, maxPixels: 40_000_000 };
