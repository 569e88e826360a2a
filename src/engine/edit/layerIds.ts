/** Fresh ids for layers the editor creates: a short prefix per type and the first free number. */

const prefixes: Record<string, string> = {
  conv2d: "conv",
  convtranspose2d: "up",
  maxpool2d: "pool",
  avgpool2d: "pool",
  minpool2d: "pool",
  adaptiveavgpool2d: "pool",
  adaptivemaxpool2d: "pool",
  globalavgpool2d: "gap",
  globalmaxpool2d: "gmp",
  batchnorm2d: "bn",
  dropout: "drop",
  flatten: "flat",
  linear: "fc",
  concat: "cat",
};

/** `conv1`, `conv2`, … : the first one not in `taken` (which should hold "input" too). */
export function uniqueLayerId(type: string, taken: ReadonlySet<string>): string {
  const prefix = prefixes[type] ?? (type.replace(/[^A-Za-z0-9_]/g, "") || "layer");
  const safePrefix = /^[A-Za-z_]/.test(prefix) ? prefix : `layer_${prefix}`;
  for (let number = 1; ; number++) {
    const candidate = `${safePrefix}${number}`;
    if (!taken.has(candidate) && candidate !== "input") return candidate;
  }
}
