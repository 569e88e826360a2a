// `npm run package`: builds the production bundles (vsce runs vscode:prepublish) and writes
// cnn-designer-<version>.vsix holding only what runs (see .vscodeignore), then reports its size
// and contents so a stray file is seen at once. vsce must print no warning: package.json carries
// the listing fields (repository, icon, …), and the README's relative links and images are
// rewritten to the repository on GitHub (docs/ and media/readme/ are not shipped).
import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";

const { name, version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const out = `${name}-${version}.vsix`;
execFileSync(
  "npx",
  ["vsce", "package", "--no-dependencies", "--out", out],
  { stdio: ["ignore", "inherit", "inherit"] },
);
// The archive's own listing (vsce adds its manifest files to what `vsce ls` shows).
const files = execFileSync("unzip", ["-Z1", out], { encoding: "utf8" }).trim().split("\n").filter((entry) => !entry.endsWith("/"));
console.log(`\n${out}: ${(statSync(out).size / 1024).toFixed(0)} KiB, ${files.length} files:`);
console.log(files.map((file) => `  ${file}`).join("\n"));
