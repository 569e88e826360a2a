/**
 * Fresh names: the first free name of a sequence. For fixes ("x_2" for a duplicate "x",
 * "flatten_1" for an inserted flatten: unusedSuffix), for the exporters (`base`, `base_2`…:
 * NameAllocator) and for layers the editor creates (`conv1`, `conv2`…: edit/layerIds.ts).
 */

/**
 * The first name `candidate(n)`, n = first, first + 1, …, that `taken` refuses, with its n.
 * `taken` is asked once per candidate, in order.
 */
export function firstFree(candidate: (n: number) => string, taken: (name: string) => boolean, first: number): { name: string; n: number } {
  let n = first;
  let name = candidate(n);
  while (taken(name)) name = candidate(++n);
  return { name, n };
}

/**
 * The file's id set does not change during an analysis, so the answer for a (set, base, first
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
  const fresh = firstFree((suffix) => `${base}_${suffix}`, (name) => ids.has(name), firstSuffix).name;
  known.set(key, fresh);
  return fresh;
}

/**
 * Unique names for the exporters: `base`, else `base_2`, `base_3`… whichever is not taken.
 * Each base resumes its search where the last one for it stopped (taken names stay taken),
 * so n names cost O(n + names skipped) probes in all, not O(n²) when thousands share a base
 * (20,000 layers whose derived ids repeat explicit ones). Pure.
 */
export class NameAllocator {
  private readonly taken: Set<string>;
  private readonly nextSuffix = new Map<string, number>();
  /** Set lookups made so far (the unit tests count them). */
  probes = 0;

  constructor(taken: Iterable<string> = []) {
    this.taken = new Set(taken);
  }

  has(name: string): boolean {
    this.probes++;
    return this.taken.has(name);
  }

  add(name: string): void {
    this.taken.add(name);
  }

  /** `base` or the first free `base_N` (N ≥ 2); not taken until add(). */
  unique(base: string): string {
    if (!this.has(base)) return base;
    const { name, n } = firstFree((suffix) => `${base}_${suffix}`, (candidate) => this.has(candidate), this.nextSuffix.get(base) ?? 2);
    this.nextSuffix.set(base, n);
    return name;
  }
}
