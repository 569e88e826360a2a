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
    let suffix = this.nextSuffix.get(base) ?? 2;
    while (this.has(`${base}_${suffix}`)) suffix++;
    this.nextSuffix.set(base, suffix);
    return `${base}_${suffix}`;
  }
}
