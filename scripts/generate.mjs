// Writes what is generated from the layer-type registry (src/engine/layers/registry.ts):
// schemas/cnn.schema.json and the blocks between `<!-- generated:…:start -->` and
// `<!-- generated:…:end -->` in docs/spec-format.md and README.md. The outputs are computed by
// scripts/generate/outputs.ts, bundled here with esbuild (the engine is TypeScript) and run in Node.
//   node scripts/generate.mjs            (npm run generate) write the files
//   node scripts/generate.mjs --check    exit 1, naming the stale files, when a checked-in output differs
//   --root DIR                           read and write the outputs under DIR instead of the repository (tests)
import * as esbuild from "esbuild";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function parseOptions(argv) {
  const options = { check: false, root: repoRoot };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === "--check") options.check = true;
    else if (argument === "--root") options.root = resolve(argv[++index] ?? "");
    else throw new Error(`unknown option ${argument} (use --check, --root DIR)`);
  }
  return options;
}

/** The generator module, bundled to a temporary .mjs and imported. */
async function loadOutputs() {
  const folder = mkdtempSync(join(tmpdir(), "cnn-generate-"));
  try {
    const outfile = join(folder, "outputs.mjs");
    await esbuild.build({
      entryPoints: [join(repoRoot, "scripts/generate/outputs.ts")],
      outfile,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      logLevel: "warning",
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const options = parseOptions(process.argv.slice(2));
const { GENERATED_FILES } = await loadOutputs();
const stale = [];
for (const file of GENERATED_FILES) {
  const target = join(options.root, file.path);
  const current = existsSync(target) ? readFileSync(target, "utf8") : "";
  const text = file.render(current);
  if (text === current) continue;
  stale.push(file.path);
  if (!options.check) {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    console.log(`wrote ${file.path}`);
  }
}
if (options.check) {
  if (stale.length > 0) {
    console.error(`stale generated files: ${stale.join(", ")}; run \`npm run generate\`.`);
    process.exit(1);
  }
  console.log(`generated files are up to date (${GENERATED_FILES.map((file) => file.path).join(", ")}).`);
} else if (stale.length === 0) {
  console.log("generated files were already up to date.");
}
