// Timing helpers shared by the benchmark sections.
import { performance } from "node:perf_hooks";

/** Median wall time in milliseconds of `run()` over `runs` calls after `warmup` untimed calls. */
export function medianMilliseconds(run, { warmup = 5, runs = 21 } = {}) {
  for (let index = 0; index < warmup; index++) run();
  const times = [];
  for (let index = 0; index < runs; index++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Prints rows of equal-length arrays as aligned columns (first column left, others right). */
export function printTable(rows) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => String(row[column]).length)));
  for (const row of rows) {
    console.log(row.map((cell, column) => (column === 0 ? String(cell).padEnd(widths[column]) : String(cell).padStart(widths[column]))).join("  "));
  }
}
