/**
 * How wasmConv.ts lays a conv input out in linear memory, zero padding included.
 *
 * The input is staged "phase-split": for stride (sh, sw) each padded channel becomes sh·sw
 * planes of Hs×Ws = ⌈Hp/sh⌉×⌈Wp/sw⌉ pixels, plane (py, px) holding the padded pixels
 * (y·sh+py, x·sw+px). Then every tap (ci, ky, kx) of every output pixel (oy, ox) reads
 * plane-relative pixel n + offset(tap) with n = oy·Ws + ox: the convolution is a GEMM over
 * a contiguous pixel axis whose B operand is the staged input itself (implicit im2col).
 * Padding is written here as zeros around the copied rows, so callers never pad in JS.
 */
import type { Conv2dInfo } from "../conv2dInfo";
import type { KernelExports } from "./wasmInstance";

/** Geometry of the staged input. */
export interface Staging {
  phaseHeight: number;
  phaseWidth: number;
  /** Floats per input channel (sh·sw planes). */
  channelFloats: number;
}

/** The same convolution on the zero-padded input: pads folded into the input size. */
export function paddedGeometry(info: Conv2dInfo): Conv2dInfo {
  if (info.padTop + info.padBottom + info.padLeft + info.padRight === 0) return info;
  return {
    ...info,
    inHeight: info.inHeight + info.padTop + info.padBottom,
    inWidth: info.inWidth + info.padLeft + info.padRight,
    padTop: 0, padBottom: 0, padLeft: 0, padRight: 0,
  };
}

/** Staging of a padded geometry (see paddedGeometry). */
export function stagingOf(padded: Conv2dInfo): Staging {
  const phaseHeight = Math.ceil(padded.inHeight / padded.strideHeight);
  const phaseWidth = Math.ceil(padded.inWidth / padded.strideWidth);
  return { phaseHeight, phaseWidth, channelFloats: padded.strideHeight * padded.strideWidth * phaseHeight * phaseWidth };
}

/** Float offset of each tap (ci, ky, kx) of one group, relative to the group's first channel. */
export function tapOffsets(info: Conv2dInfo, staging: Staging): Int32Array {
  const { kernelHeight, kernelWidth, strideHeight, strideWidth } = info;
  const planeFloats = staging.phaseHeight * staging.phaseWidth;
  const offsets = new Int32Array(info.inChannelsPerGroup * kernelHeight * kernelWidth);
  let index = 0;
  for (let channel = 0; channel < info.inChannelsPerGroup; channel++) {
    for (let ky = 0; ky < kernelHeight; ky++) {
      const rowShift = ky * info.dilationHeight;
      for (let kx = 0; kx < kernelWidth; kx++) {
        const columnShift = kx * info.dilationWidth;
        const plane = (rowShift % strideHeight) * strideWidth + (columnShift % strideWidth);
        offsets[index++] = channel * staging.channelFloats + plane * planeFloats
          + Math.floor(rowShift / strideHeight) * staging.phaseWidth + Math.floor(columnShift / strideWidth);
      }
    }
  }
  return offsets;
}

/** Where stageInput writes: float indices into `memory`. */
export interface StagingTarget {
  memory: Float32Array;
  /** Start of the staged input. */
  at: number;
  /** Zeros also written past the last channel (reads of dropped grid columns reach them). */
  extraFloats: number;
  /** Room for a raw copy of the input (padded or strided layouts only). */
  scratchAt: number;
}

/** Whether stageInput needs StagingTarget.scratchAt (strided layouts). */
export function stagingNeedsScratch(info: Conv2dInfo): boolean {
  return info.strideHeight * info.strideWidth > 1;
}

/**
 * Writes the unpadded input of `info` (pads not folded in) as the staging of its padded
 * geometry. Stride 1: a plain copy, padded in place in wasm (padInPlace); strided: a raw
 * copy into scratch, zeros, then one strided copyRows per channel and phase plane.
 */
export function stageInput(kernels: StagingKernels, info: Conv2dInfo, staging: Staging, input: Float32Array, target: StagingTarget): void {
  const { memory, at, extraFloats, scratchAt } = target;
  const end = at + info.inChannels * staging.channelFloats;
  if (!stagingNeedsScratch(info)) {
    memory.set(input, at);
    const { padTop, padLeft, inHeight, inWidth } = info;
    if (padTop + padLeft + info.padBottom + info.padRight === 0) memory.fill(0, end, end + extraFloats);
    else kernels.padInPlace(
      4 * at, info.inChannels, inHeight, 4 * inWidth, 4 * staging.phaseWidth, 4 * staging.channelFloats,
      4 * (padTop * staging.phaseWidth + padLeft), 4 * (end + extraFloats),
    );
    return;
  }
  memory.set(input, scratchAt);
  memory.fill(0, at, end + extraFloats);
  const { strideHeight, strideWidth, inHeight, inWidth, padTop, padLeft } = info;
  const planeFloats = staging.phaseHeight * staging.phaseWidth;
  for (let py = 0; py < strideHeight; py++) {
    const firstY = positiveModulo(py - padTop, strideHeight);
    const rows = firstY < inHeight ? Math.ceil((inHeight - firstY) / strideHeight) : 0;
    for (let px = 0; px < strideWidth; px++) {
      const firstX = positiveModulo(px - padLeft, strideWidth);
      const count = firstX < inWidth ? Math.ceil((inWidth - firstX) / strideWidth) : 0;
      const planeStart = (py * strideWidth + px) * planeFloats
        + ((firstY + padTop - py) / strideHeight) * staging.phaseWidth + (firstX + padLeft - px) / strideWidth;
      for (let channel = 0; channel < info.inChannels; channel++) {
        const source = scratchAt + (channel * inHeight + firstY) * inWidth + firstX;
        const destination = at + channel * staging.channelFloats + planeStart;
        kernels.copyRows(4 * source, 4 * strideHeight * inWidth, 4 * strideWidth, 4 * destination, 4 * staging.phaseWidth, rows, count);
      }
    }
  }
}

/** The wasm kernels staging uses (byte addresses; see scripts/wasm-templates.mjs). */
export type StagingKernels = Pick<KernelExports, "copyRows" | "padInPlace">;

function positiveModulo(value: number, modulus: number): number {
  return ((value % modulus) + modulus) % modulus;
}
