/** "Did you mean" helpers: a bounded edit distance and the closest candidate. */

/** Levenshtein distance, giving up (returning limit + 1) once it exceeds `limit`. */
export function editDistance(first: string, second: string, limit = 3): number {
  if (Math.abs(first.length - second.length) > limit) return limit + 1;
  let previous = Array.from({ length: second.length + 1 }, (_, index) => index);
  for (let row = 1; row <= first.length; row++) {
    const current = [row];
    let rowMinimum = row;
    for (let column = 1; column <= second.length; column++) {
      const cost = first[row - 1] === second[column - 1] ? 0 : 1;
      current[column] = Math.min(previous[column] + 1, current[column - 1] + 1, previous[column - 1] + cost);
      rowMinimum = Math.min(rowMinimum, current[column]);
    }
    if (rowMinimum > limit) return limit + 1;
    previous = current;
  }
  return previous[second.length];
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/**
 * The candidate closest to `name`: same letters ignoring case and separators first, then an
 * alias, then an edit distance ≤ 2 (≤ 1 for short names).
 */
export function closestName(name: string, candidates: readonly string[], aliases: Readonly<Record<string, string>> = {}): string | undefined {
  if (name.length > 64) return undefined;
  const normalised = normalise(name);
  const exact = candidates.find((candidate) => normalise(candidate) === normalised);
  if (exact) return exact;
  const alias = Object.prototype.hasOwnProperty.call(aliases, normalised) ? aliases[normalised] : undefined;
  if (alias && candidates.includes(alias)) return alias;
  const limit = name.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const distance = editDistance(normalised, normalise(candidate), limit);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** PyTorch / Keras spellings of our layer keys. */
export const KEY_ALIASES: Readonly<Record<string, string>> = {
  kernelsize: "kernel", outchannels: "filters", outfeatures: "units", p: "rate", negativeslope: "slope",
  poolsize: "kernel", strides: "stride", dilationrate: "dilation", usebias: "bias", outputsize: "outputSize",
  outputpadding: "outputPadding", ceilmode: "ceilMode", countincludepad: "countIncludePad", dropout: "rate",
  input: "inputs", from: "inputs", flip: "flipKernel", weight: "weights", kernels: "weights",
};
