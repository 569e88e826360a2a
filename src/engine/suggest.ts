/** "Did you mean" helpers: a bounded edit distance and the closest candidate. */
import { MAX_SUGGESTED_NAME_LENGTH } from "./limits";

/** Two reusable rows for editDistance (no allocation per call: it runs for every candidate of every suggestion). */
let previousRow = new Int32Array(72);
let currentRow = new Int32Array(72);

/**
 * Levenshtein distance, giving up (returning limit + 1) once it exceeds `limit`. Only the
 * band |row − column| ≤ limit is computed (cells outside it exceed the limit anyway), so a
 * comparison costs O(length · limit), not O(length²).
 */
export function editDistance(first: string, second: string, limit = 3): number {
  if (Math.abs(first.length - second.length) > limit) return limit + 1;
  const width = second.length + 1;
  const beyond = limit + 1;
  if (previousRow.length < width) {
    previousRow = new Int32Array(width);
    currentRow = new Int32Array(width);
  }
  let previous = previousRow;
  let current = currentRow;
  for (let column = 0; column < width; column++) previous[column] = Math.min(column, beyond);
  for (let row = 1; row <= first.length; row++) {
    const from = Math.max(1, row - limit);
    const to = Math.min(width - 1, row + limit);
    current[0] = Math.min(row, beyond);
    if (from > 1) current[from - 1] = beyond;
    let rowMinimum = from === 1 ? current[0] : beyond;
    for (let column = from; column <= to; column++) {
      const cost = first.charCodeAt(row - 1) === second.charCodeAt(column - 1) ? 0 : 1;
      const above = column <= row - 1 + limit ? previous[column] : beyond;
      current[column] = Math.min(above + 1, current[column - 1] + 1, previous[column - 1] + cost, beyond);
      rowMinimum = Math.min(rowMinimum, current[column]);
    }
    if (to + 1 < width) current[to + 1] = beyond;
    if (rowMinimum > limit) return beyond;
    [previous, current] = [current, previous];
  }
  return previous[second.length];
}

/** Lower case, letters and digits only: "Conv_2D" → "conv2d". */
export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/**
 * The candidate closest to `name`: same letters ignoring case and separators first, then an
 * alias, then an edit distance ≤ 2 (≤ 1 for short names). `normalised` may pass the
 * candidates' normaliseName forms when the caller has them already.
 */
export function closestName(
  name: string, candidates: readonly string[], aliases: Readonly<Record<string, string>> = {}, normalised?: readonly string[],
): string | undefined {
  if (name.length > MAX_SUGGESTED_NAME_LENGTH) return undefined;
  const wanted = normaliseName(name);
  const forms = normalised ?? candidates.map(normaliseName);
  const exact = forms.indexOf(wanted);
  if (exact >= 0) return candidates[exact];
  const alias = Object.prototype.hasOwnProperty.call(aliases, wanted) ? aliases[wanted] : undefined;
  if (alias && candidates.includes(alias)) return alias;
  const limit = name.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  forms.forEach((form, index) => {
    const distance = editDistance(wanted, form, limit);
    if (distance < bestDistance) {
      best = candidates[index];
      bestDistance = distance;
    }
  });
  return best;
}

/** PyTorch / Keras spellings of our layer keys. */
export const KEY_ALIASES: Readonly<Record<string, string>> = {
  kernelsize: "kernel", outchannels: "filters", outfeatures: "units", p: "rate", negativeslope: "slope",
  poolsize: "kernel", strides: "stride", dilationrate: "dilation", usebias: "bias", outputsize: "outputSize",
  outputpadding: "outputPadding", ceilmode: "ceilMode", countincludepad: "countIncludePad", dropout: "rate",
  input: "inputs", from: "inputs", flip: "flipKernel", weight: "weights", kernels: "weights",
};
