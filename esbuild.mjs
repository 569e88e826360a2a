// Builds every bundle: `node esbuild.mjs [--production] [--watch] [--quiet]` (--quiet: warnings
// and errors only, no size table).
// tsc only type-checks (npm run check-types); esbuild emits.
import * as esbuild from "esbuild";
import { copyFile, mkdir } from "node:fs/promises";

const production = process.argv.includes("--production");
const watch = process.argv.includes("--watch");
const quiet = process.argv.includes("--quiet");

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: quiet ? "warning" : "info",
  legalComments: "linked",
};

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  {
    ...common,
    entryPoints: { extension: "src/extension/extension.ts" },
    outdir: "dist",
    platform: "node",
    format: "cjs",
    target: "node20",
    mainFields: ["module", "main"],
    external: ["vscode"],
  },
  {
    ...common,
    entryPoints: { previewWorker: "src/core/worker/previewWorker.ts" },
    outdir: "dist",
    platform: "node",
    format: "cjs",
    target: "node20",
    mainFields: ["module", "main"],
  },
  {
    ...common,
    entryPoints: { cli: "src/cli/main.ts" },
    outdir: "dist",
    platform: "node",
    format: "cjs",
    target: "node20",
    mainFields: ["module", "main"],
    banner: { js: "#!/usr/bin/env node" },
  },
  {
    ...common,
    entryPoints: { webview: "webview/main.tsx" },
    outdir: "dist",
    platform: "browser",
    format: "iife",
    target: "es2022",
    loader: { ".ttf": "file" },
    define: { "process.env.NODE_ENV": production ? '"production"' : '"development"' },
  },
  {
    ...common,
    minify: false,
    entryPoints: { "test/integration/index": "test/integration/index.ts" },
    outdir: "dist",
    platform: "node",
    format: "cjs",
    target: "node20",
    mainFields: ["module", "main"],
    external: ["vscode", "mocha"],
  },
];

// The graph layout runs elkjs' worker build in a Web Worker (webview/graph/elkWorker.ts):
// it is loaded as a file next to webview.js, not bundled.
await mkdir("dist", { recursive: true });
await copyFile("node_modules/elkjs/lib/elk-worker.min.js", "dist/elk-worker.min.js");

if (watch) {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
