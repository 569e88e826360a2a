// `npm run package`: builds the production bundles (vsce runs vscode:prepublish) and writes
// cnn-designer-<version>.vsix holding only what runs (see .vscodeignore), then reports its size
// and contents so a stray file is seen at once.
import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";

const { name, version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const out = `${name}-${version}.vsix`;
execFileSync(
  "npx",
  ["vsce", "package", "--no-dependencies", "--no-rewrite-relative-links", "--allow-missing-repository", "--out", out],
  { stdio: ["ignore", "inherit", "inherit"] },
);
const listing = execFileSync("npx", ["vsce", "ls", "--no-dependencies"], { encoding: "utf8" });
console.log(`\n${out}: ${(statSync(out).size / 1024).toFixed(0)} KiB, ${listing.trim().split("\n").length} files:`);
console.log(listing.trim().split("\n").map((file) => `  ${file}`).join("\n"));
