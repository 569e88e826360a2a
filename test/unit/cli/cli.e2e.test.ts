// End to end: bundle src/cli/main.ts as esbuild.mjs does (node, cjs, shebang; plus mainFields
// module-first, which jsonc-parser needs: its "main" is a UMD build esbuild cannot follow) into a
// temporary folder, then run it with node on templates and broken files.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = join(__dirname, "../../..");
const lenet = join(root, "media/templates/lenet5.cnn.json");
let workDirectory = "";
let cliPath = "";

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cliPath, ...args], { encoding: "utf8", cwd: workDirectory });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function writeSpec(name: string, text: string): string {
  const path = join(workDirectory, name);
  writeFileSync(path, text);
  return path;
}

beforeAll(async () => {
  workDirectory = mkdtempSync(join(tmpdir(), "cnn-cli-"));
  cliPath = join(workDirectory, "cli.js");
  await build({
    entryPoints: [join(root, "src/cli/main.ts")], outfile: cliPath, bundle: true, platform: "node", format: "cjs",
    target: "node20", banner: { js: "#!/usr/bin/env node" }, logLevel: "silent", mainFields: ["module", "main"],
  });
});

afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

describe("cnn-designer (built)", () => {
  it("prints the package version and the help", () => {
    const version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
    expect(run("--version")).toEqual({ status: 0, stdout: `${version}\n`, stderr: "" });
    const help = run("--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: cnn-designer check/);
  });

  it("exits 2 with a clear message on bad arguments", () => {
    const result = run();
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^cnn-designer: missing command/);
    expect(run("check", lenet, "--format", "pdf").status).toBe(2);
  });

  it("exits 2 on a file it cannot read, and still checks the others", () => {
    const result = run("check", "nowhere.cnn.json", lenet);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("cnn-designer: cannot read nowhere.cnn.json: no such file");
    expect(result.stdout).toContain("Total params: 61,706");
  });

  it("prints the summary of a template and exits 0", () => {
    const result = run("check", lenet);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^LeNet-5: input 1×32×32 \(C×H×W\)\n/);
    expect(result.stdout).toMatch(/\nc1 +conv 5×5 \/1 ×6 \+ relu +6×28×28 +156 /);
    expect(result.stdout).toContain("Total params: 61,706");
    expect(result.stdout).toContain("Total MACs: 416,520");
    expect(result.stdout).toMatch(/lenet5\.cnn\.json: 0 errors, 0 warnings, \d+ notes?\n$/);
  });

  it("writes H×W×C shapes and JSON on request", () => {
    const result = run("check", lenet, "--json", "--order", "hwc");
    expect(result.status).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document.files[0].summary.totals.params).toBe(61_706);
    expect(document.files[0].summary.rows[0].outputShape).toBe("28×28×6");
  });

  it("exits 1 on a file that is not JSON, pointing at the line and column", () => {
    const broken = writeSpec("broken.cnn.json", '{\n  "version": 1,\n  "input": [1, 28, 28]\n  "layers": []\n}\n');
    const result = run("check", broken);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/broken\.cnn\.json:4:3: error [a-z-]+ /);
  });

  it("exits 1 on a layer PyTorch would reject", () => {
    const tooBig = writeSpec("big.cnn.json", JSON.stringify({
      version: 1, input: [1, 4, 4], layers: [{ id: "c", type: "conv2d", filters: 2, kernel: 7 }],
    }, null, 2));
    const result = run("check", "--format", "csv", tooBig);
    expect(result.status).toBe(1);
    expect(result.stdout.split("\r\n")[0]).toMatch(/^id,type,/);
    expect(result.stderr).toMatch(/big\.cnn\.json:\d+:\d+: error [a-z-]+ /);
  });
});
