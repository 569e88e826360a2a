/**
 * Which input rows (or columns) a strided window never reads. Coordinates are in the padded
 * input: [0, before) is padding, [before, before + input) the image, then padding after.
 * Computed in closed form (readSet.ts), so the cost does not depend on the sizes; when the
 * read pattern is too irregular (limits.ts) the answer is "not checked", never "all read".
 */
import { MAX_EXACT_INTEGER, MAX_LISTED_INDICES } from "./limits";
import { countRead, countWindowReads, lastRead, nextUnread, windowReadSet } from "./readSet";

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
  /** False when the check could not decide (the counts below are then meaningless zeros). */
  checked: boolean;
  /** Image rows/columns never read. */
  image: number;
  /** Padding rows/columns never read (the padding then acts asymmetrically). */
  padding: number;
  /** Image indices never read (at most MAX_LISTED_INDICES listed). */
  imageIndices: number[];
  /** True when every unread image index is at the end (bottom/right). */
  onlyAtEnd: boolean;
}

export const NOTHING_UNREAD: UnreadAxis = { checked: true, image: 0, padding: 0, imageIndices: [], onlyAtEnd: true };

export const NOT_CHECKED: UnreadAxis = { checked: false, image: 0, padding: 0, imageIndices: [], onlyAtEnd: true };

/** Just the number of image rows/columns never read (what fix searches need), or undefined when not decidable. */
export function unreadImageCount(window: AxisWindow): number | undefined {
  if (window.output < 1) return 0;
  if (!(window.input + window.padBefore + window.padAfter <= MAX_EXACT_INTEGER / 2)) return undefined;
  const read = countWindowReads(
    window.output, window.stride, window.kernel, window.dilation, window.padBefore, window.padBefore + window.input,
  );
  return read === undefined ? undefined : window.input - read;
}

export function unreadAxis(window: AxisWindow): UnreadAxis {
  if (window.output < 1) return NOTHING_UNREAD;
  const padded = window.input + window.padBefore + window.padAfter;
  if (!(padded <= MAX_EXACT_INTEGER / 2)) return NOT_CHECKED;
  const set = windowReadSet(window.output, window.stride, window.kernel, window.dilation);
  if (!set) return NOT_CHECKED;
  const imageStart = window.padBefore;
  const imageEnd = window.padBefore + window.input;
  const readImage = countRead(set, imageStart, imageEnd);
  const readAll = countRead(set, 0, padded);
  const lastReadImage = lastRead(set, imageStart, imageEnd) - imageStart;
  const imageIndices: number[] = [];
  for (
    let position = nextUnread(set, imageStart, imageEnd);
    position !== undefined && imageIndices.length < MAX_LISTED_INDICES;
    position = nextUnread(set, position + 1, imageEnd)
  ) {
    imageIndices.push(position - imageStart);
  }
  const onlyAtEnd = imageIndices.length === 0 || imageIndices[0] > Math.max(-1, lastReadImage);
  return {
    checked: true, image: window.input - readImage, padding: padded - window.input - (readAll - readImage), imageIndices, onlyAtEnd,
  };
}
