/**
 * Which input rows (or columns) a strided window never reads. Coordinates are in the padded
 * input: [0, before) is padding, [before, before + input) the image, then padding after.
 */
import { effectiveKernelSize } from "./outputSize";

export interface AxisWindow {
  input: number;
  kernel: number;
  stride: number;
  dilation: number;
  padBefore: number;
  padAfter: number;
  output: number;
}

export interface UnreadAxis {
  /** Image rows/columns never read. */
  image: number;
  /** Padding rows/columns never read (the padding then acts asymmetrically). */
  padding: number;
  /** Image indices never read (at most 8 listed). */
  imageIndices: number[];
  /** True when every unread image index is at the end (bottom/right). */
  onlyAtEnd: boolean;
}

/** Above this padded length the check is skipped (keeps analyze fast on absurd sizes). */
const MAX_MARKED = 1 << 16;

export const NOTHING_UNREAD: UnreadAxis = { image: 0, padding: 0, imageIndices: [], onlyAtEnd: true };

export function unreadAxis(window: AxisWindow): UnreadAxis {
  const padded = window.input + window.padBefore + window.padAfter;
  if (window.output < 1 || padded > MAX_MARKED || window.output * window.kernel > MAX_MARKED * 4) return NOTHING_UNREAD;
  if (window.dilation === 1 && window.stride <= window.kernel) return trailingUnread(window, padded);
  const read = new Uint8Array(padded);
  for (let outputIndex = 0; outputIndex < window.output; outputIndex++) {
    for (let tap = 0; tap < window.kernel; tap++) {
      const position = outputIndex * window.stride + tap * window.dilation;
      if (position < padded) read[position] = 1;
    }
  }
  return summarise(read, window);
}

/** Contiguous windows: only a tail can be unread. */
function trailingUnread(window: AxisWindow, padded: number): UnreadAxis {
  const lastRead = (window.output - 1) * window.stride + effectiveKernelSize(window.kernel, window.dilation) - 1;
  const unread = Math.max(0, padded - 1 - lastRead);
  const padding = Math.min(unread, window.padAfter);
  const image = unread - padding;
  const imageIndices: number[] = [];
  for (let index = window.input - image; index < window.input && imageIndices.length < 8; index++) imageIndices.push(index);
  return { image, padding, imageIndices, onlyAtEnd: true };
}

function summarise(read: Uint8Array, window: AxisWindow): UnreadAxis {
  let image = 0;
  let padding = 0;
  let lastReadImage = -1;
  const imageIndices: number[] = [];
  for (let position = 0; position < read.length; position++) {
    const imageIndex = position - window.padBefore;
    const inImage = imageIndex >= 0 && imageIndex < window.input;
    if (read[position]) {
      if (inImage) lastReadImage = imageIndex;
    } else if (inImage) {
      image++;
      if (imageIndices.length < 8) imageIndices.push(imageIndex);
    } else {
      padding++;
    }
  }
  const onlyAtEnd = imageIndices.every((index) => index > lastReadImage);
  return { image, padding, imageIndices, onlyAtEnd };
}
