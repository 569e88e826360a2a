// `npm run bench [section...]`: runs the benchmark sections (all by default) one after another.
// A section is a module exporting an async function that prints its own table; add new ones
// (the convolution core, …) to SECTIONS.
import { benchAnalyze } from "./analyze.mjs";
import { benchCore } from "./core.mjs";

const SECTIONS = {
  analyze: benchAnalyze,
  core: benchCore,
};

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !(name in SECTIONS));
if (unknown.length > 0) {
  console.error(`unknown benchmark section(s): ${unknown.join(", ")}; known: ${Object.keys(SECTIONS).join(", ")}`);
  process.exitCode = 2;
} else {
  for (const name of requested.length > 0 ? requested : Object.keys(SECTIONS)) {
    console.log(`\n== ${name} ==`);
    await SECTIONS[name]();
  }
}
