// Bundles a TypeScript entry point for the benchmarks into dist/bench/ (already ignored by
// git and ESLint, like every build output) and imports it.
import * as esbuild from "esbuild";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join } from "node:path";

const benchDirectory = fileURLToPath(new URL(".", import.meta.url));
const root = join(benchDirectory, "..");

/** Bundles `entry` (relative to the repository root) as an ES module and imports it. */
export async function buildAndImport(entry, name) {
  const outfile = join(root, "dist", "bench", `${name}.mjs`);
  await esbuild.build({
    entryPoints: [join(root, entry)],
    outfile,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // jsonc-parser's "main" is a UMD build esbuild cannot follow; its "module" is plain ESM.
    mainFields: ["module", "main"],
    minify: false,
    sourcemap: false,
    logLevel: "warning",
  });
  return import(`${pathToFileURL(outfile).href}?t=${Date.now()}`);
}
