/**
 * Text edits by offset, the shape jsonc-parser uses: `{ offset, length, content }` replaces
 * `length` characters at `offset` of the text the edit was computed against.
 */
export interface TextEdit {
  offset: number;
  length: number;
  content: string;
}

/** Applies non-overlapping edits (all relative to `text`); throws on overlap (a programmer error). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  let result = "";
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.offset < cursor) {
      throw new Error(`Overlapping edits at offset ${edit.offset}`);
    }
    result += text.slice(cursor, edit.offset) + edit.content;
    cursor = edit.offset + edit.length;
  }
  return result + text.slice(cursor);
}

/** Shrinks an edit to the part that really changes (common prefix and suffix dropped). */
export function minimizeEdit(text: string, edit: TextEdit): TextEdit | undefined {
  const before = text.slice(edit.offset, edit.offset + edit.length);
  let prefix = 0;
  const maxPrefix = Math.min(before.length, edit.content.length);
  while (prefix < maxPrefix && before[prefix] === edit.content[prefix]) prefix++;
  let suffix = 0;
  const maxSuffix = maxPrefix - prefix;
  while (
    suffix < maxSuffix &&
    before[before.length - 1 - suffix] === edit.content[edit.content.length - 1 - suffix]
  ) {
    suffix++;
  }
  const length = before.length - prefix - suffix;
  const content = edit.content.slice(prefix, edit.content.length - suffix);
  if (length === 0 && content.length === 0) return undefined;
  return { offset: edit.offset + prefix, length, content };
}

/**
 * Builds one list of edits against an original text from several steps, each computed
 * against the text the previous steps produced (re-parse between steps, edit the result).
 * The steps' edits are rebased onto the original, merging where they touch.
 */
export class EditSession {
  private readonly rebased: TextEdit[] = [];
  private current: string;

  constructor(readonly original: string) {
    this.current = original;
  }

  /** The text after every step so far. */
  get text(): string {
    return this.current;
  }

  /** Adds a step: edits relative to `this.text`, non-overlapping. */
  apply(edits: readonly TextEdit[]): void {
    const descending = [...edits].sort((a, b) => b.offset - a.offset);
    for (const edit of descending) this.applyOne(edit);
  }

  /** The minimal edits that turn `original` into `text`, sorted by offset. */
  edits(): TextEdit[] {
    const result: TextEdit[] = [];
    for (const edit of this.rebased) {
      const minimal = minimizeEdit(this.original, edit);
      if (minimal) result.push(minimal);
    }
    return result;
  }

  private applyOne(edit: TextEdit): void {
    const next = applyTextEdits(this.current, [edit]);
    const editEnd = edit.offset + edit.length;
    let deltaBefore = 0;
    let firstMerged = -1;
    let lastMerged = -1;
    let mergedDelta = 0;
    let mergedStart = 0;
    let mergedEnd = 0;
    let position = 0; // running delta while scanning
    for (let i = 0; i < this.rebased.length; i++) {
      const existing = this.rebased[i];
      const currentStart = existing.offset + position;
      const currentEnd = currentStart + existing.content.length;
      const delta = existing.content.length - existing.length;
      if (currentEnd < edit.offset) {
        deltaBefore += delta;
      } else if (currentStart <= editEnd) {
        if (firstMerged < 0) {
          firstMerged = i;
          mergedStart = currentStart;
        }
        lastMerged = i;
        mergedEnd = currentEnd;
        mergedDelta += delta;
      } else {
        break;
      }
      position += delta;
    }
    if (firstMerged < 0) {
      const offset = edit.offset - deltaBefore;
      const at = this.rebased.findIndex((existing) => existing.offset > offset);
      const rebasedEdit = { offset, length: edit.length, content: edit.content };
      this.rebased.splice(at < 0 ? this.rebased.length : at, 0, rebasedEdit);
    } else {
      const start = Math.min(edit.offset, mergedStart);
      const end = Math.max(editEnd, mergedEnd);
      const originalStart = start - deltaBefore;
      const originalEnd = end - deltaBefore - mergedDelta;
      const content = next.slice(start, end + edit.content.length - edit.length);
      const merged = { offset: originalStart, length: originalEnd - originalStart, content };
      this.rebased.splice(firstMerged, lastMerged - firstMerged + 1, merged);
    }
    this.current = next;
  }
}
