/**
 * Fresh ids for fixes ("x_2" for a duplicate "x", "flatten_1" for an inserted flatten). The
 * file's id set does not change during an analysis, so the answer for a (set, base, first
 * suffix) is computed once: n requests cost O(n + ids) in all, not O(n · ids).
 */
const answers = new WeakMap<ReadonlySet<string>, Map<string, string>>();

/** `${base}_${suffix}` for the smallest suffix ≥ firstSuffix not in `ids`. */
export function unusedSuffix(base: string, ids: ReadonlySet<string>, firstSuffix: number): string {
  let known = answers.get(ids);
  if (!known) {
    known = new Map();
    answers.set(ids, known);
  }
  const key = `${firstSuffix}:${base}`;
  const cached = known.get(key);
  if (cached !== undefined) return cached;
  let suffix = firstSuffix;
  while (ids.has(`${base}_${suffix}`)) suffix++;
  const fresh = `${base}_${suffix}`;
  known.set(key, fresh);
  return fresh;
}
