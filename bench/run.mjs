// `npm run bench [section...] [--only <name>]`: runs the benchmark sections (all by default)
// one after another. A section is a module exporting an async function that prints its own
// table; add new ones to SECTIONS. `--only <name>` (or `--only=<name>`) keeps the workloads
// whose name contains <name> (sections without workloads ignore it).
import { benchAnalyze } from "./analyze.mjs";
import { benchCore } from "./core.mjs";
import { benchEdit } from "./edit.mjs";
import { benchScaling } from "./scaling.mjs";
import { benchUi } from "./ui.mjs";

const SECTIONS = {
  analyze: benchAnalyze,
  core: benchCore,
  edit: benchEdit,
  scaling: benchScaling,
  ui: benchUi,
};

/** Section names and options from the command line. */
export function parseArguments(argv) {
  const sections = [];
  const options = {};
  const problems = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === "--only") {
      if (index + 1 >= argv.length) problems.push("--only needs a workload name");
      else options.only = argv[++index];
    } else if (arg.startsWith("--only=")) {
      options.only = arg.slice("--only=".length);
    } else if (arg.startsWith("--")) {
      problems.push(`unknown option ${arg} (known: --only <name>)`);
    } else if (arg in SECTIONS) {
      sections.push(arg);
    } else {
      problems.push(`unknown benchmark section ${arg}; known: ${Object.keys(SECTIONS).join(", ")}`);
    }
  }
  return { sections, options, problems };
}

const { sections, options, problems } = parseArguments(process.argv.slice(2));
if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  process.exitCode = 2;
} else {
  for (const name of sections.length > 0 ? sections : Object.keys(SECTIONS)) {
    console.log(`\n== ${name} ==`);
    await SECTIONS[name](options);
  }
}
