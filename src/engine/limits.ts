/**
 * The engine's caps, in one place (docs/spec-format.md "Caps"). A *.cnn.json may come from
 * any repository and the extension host is shared, so no loop, recursion or allocation of
 * the analysis may grow with a number written in the file: work grows with the text's size,
 * or stops at one of these caps with a diagnostic that names it.
 */

/**
 * 2^53 − 1: the largest integer a JavaScript number holds exactly. Field values above it
 * are `value-too-large`; output sizes, element counts, parameters and MACs above it are
 * `size-exceeds-exact-range` (the layer gets no shape rather than a silently rounded one).
 */
export const MAX_EXACT_INTEGER = Number.MAX_SAFE_INTEGER;

/**
 * The unread-rows check splits a window's reads into classes of equal offset modulo the
 * stride (or the dilation); above this many classes (dilation and stride both large and
 * coprime, with a large kernel) it does not decide and says so: `unread-check-skipped`.
 */
export const MAX_UNREAD_PATTERN_CLASSES = 64;

/**
 * Fix searches (padding or stride that reads every pixel, dilation whose windows all read
 * the image) try this many values next to the current one, plus a few computed in closed
 * form; each candidate is verified exactly, so a fix is always right, if not always the
 * nearest one for absurd values.
 */
export const MAX_FIX_CANDIDATES = 16;

/** Trial divisions when looking for the valid `groups` nearest to the written one (exact up to 2^24 channels). */
export const MAX_DIVISOR_TRIALS = 4096;

/** "Did you mean" for an unknown input looks at this many preceding layers at most. */
export const MAX_SUGGESTION_CANDIDATES = 128;

/** Names longer than this get no "did you mean" suggestion. */
export const MAX_SUGGESTED_NAME_LENGTH = 64;

/** Parse errors reported for one text (the rest are consequences of the first ones). */
export const MAX_PARSE_ERRORS = 20;

/** Unread image rows/columns (and padding-only windows) listed by index in a message. */
export const MAX_LISTED_INDICES = 8;

/**
 * The JSON export writes values (kept unknown keys, fields written as the file has them)
 * nested at most this deep, as the editor reads at most this many levels
 * (src/extension/documentAnalysis.ts); deeper, the export is refused with a message naming
 * the value, rather than recursing without bound.
 */
export const MAX_EXPORT_NESTING = 1000;

/**
 * The command line prints at most this many diagnostics of a file (the first ones in file
 * order), then one line saying how many more there are; its count line and `--json` still
 * have all of them. (VS Code's Problems panel shows 1,000 per file too.)
 */
export const MAX_PRINTED_DIAGNOSTICS = 1000;
