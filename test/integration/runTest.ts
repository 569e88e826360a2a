// Desktop route: runs the extension-host tests in a downloaded desktop VS Code (Electron),
// the way @vscode/test-electron is meant to be used on a developer machine or a CI with
// internet access and a display (xvfb-run -a on Linux). These machines cannot download
// VS Code, so `npm run test:integration` uses test/integration/runInCodeServer.mjs instead:
// the same dist/test/integration/index.js, run inside code-server through a browser.
//
// Build and run (from the repository root):
//   node esbuild.mjs
//   npx esbuild test/integration/runTest.ts --bundle --platform=node --format=cjs \
//     --external:@vscode/test-electron --outfile=dist/test/runTest.js
//   xvfb-run -a node dist/test/runTest.js        # VSCODE_VERSION=1.139.1 to pin
import * as path from "node:path";
import { runTests } from "@vscode/test-electron";

async function main(): Promise<void> {
  const repositoryRoot = path.resolve(__dirname, "../..");
  const extensionTestsPath = path.join(repositoryRoot, "dist/test/integration/index.js");
  const workspaceFolder = path.join(repositoryRoot, "test/integration/workspace");
  await runTests({
    version: process.env.VSCODE_VERSION ?? "stable",
    extensionDevelopmentPath: repositoryRoot,
    extensionTestsPath,
    // Only our extension (and VS Code's built-ins, which the JSON schema test needs) load.
    launchArgs: [workspaceFolder, "--disable-extensions", "--disable-workspace-trust", "--skip-welcome", "--skip-release-notes"],
  });
}

main().catch((error: unknown) => {
  console.error("Extension-host tests failed:", error instanceof Error ? error.message : error);
  process.exit(1);
});
