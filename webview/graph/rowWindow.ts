/**
 * Windowed rendering of the shape table: above `windowingThreshold` rows only the rows in view
 * (plus a margin) are in the DOM, between two spacer rows of the right height, so a
 * 10,000-layer file renders ~100 rows instead of 10,000 (each with seven cells). Pure (unit
 * tested); the React hook that feeds it is useRowWindow.ts.
 */
export const windowingThreshold = 300;
const marginRows = 30;

export interface RowWindow {
  /** First rendered row index. */
  start: number;
  /** One past the last rendered row index. */
  end: number;
}

/** The rows to render for a scroll position; all of them at or below the threshold. */
export function rowWindow(count: number, scrollTop: number, viewportHeight: number, rowHeight: number): RowWindow {
  if (count <= windowingThreshold) return { start: 0, end: count };
  const height = Math.max(1, rowHeight);
  const first = Math.floor(Math.max(0, scrollTop) / height);
  const start = Math.max(0, Math.min(count - 1, first) - marginRows);
  const end = Math.min(count, first + Math.ceil(Math.max(height, viewportHeight) / height) + marginRows);
  return { start, end };
}

/** Scroll offset that brings row `index` into view below a header and above a footer, or the same offset when it is. */
export function scrollTopFor(
  index: number, rowHeight: number, current: number, viewportHeight: number, header: number, footer: number,
): number {
  const top = index * rowHeight;
  const bottom = top + rowHeight + header + footer - viewportHeight;
  if (current > top) return top;
  if (current < bottom) return bottom;
  return current;
}
