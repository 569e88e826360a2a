// `cnn-designer export` end to end, and what the built CLI lets reach a terminal: bundle
// src/cli/main.ts as esbuild.mjs does into a temporary folder, run it with node.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../../../src/engine";

const root = join(__dirname, "../../..");
const lenet = join(root, "media/templates/lenet5.cnn.json");
let workDirectory = "";
let cliPath = "";

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cliPath, ...args], { encoding: "utf8", cwd: workDirectory });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function writeSpec(name: string, content: string | object): string {
  const path = join(workDirectory, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return path;
}

/** Characters a terminal acts on, other than line feed, tab and the CR of a CRLF. */
function terminalControls(text: string): string[] {
  // eslint-disable-next-line no-control-regex -- control characters are what is tested
  return [...text.replace(/\r\n/g, "\n")].filter((character) => /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/.test(character));
}

const broken = {
  version: 1, name: "Broken", input: [1, 8, 8],
  layers: [{ id: "c1", type: "conv2d", filters: 2, kernel: 3 }, { id: "big", type: "conv2d", filters: 2, kernel: 30 }],
};
const hostileName = 'Evil"""\nimport os\u001b]52;c;aGk=\u0007\u009b2J\r<b>|</b>';

beforeAll(async () => {
  workDirectory = mkdtempSync(join(tmpdir(), "cnn-cli-export-"));
  cliPath = join(workDirectory, "cli.js");
  await build({
    entryPoints: [join(root, "src/cli/main.ts")], outfile: cliPath, bundle: true, platform: "node", format: "cjs",
    target: "node20", banner: { js: "#!/usr/bin/env node" }, logLevel: "silent", mainFields: ["module", "main"],
  });
});

afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

describe("cnn-designer export", () => {
  it("--to pytorch prints a module for a valid design, exit 0", () => {
    const result = run("export", lenet, "--to", "pytorch");
    expect(result).toMatchObject({ status: 0, stderr: "" });
    expect(result.stdout).toContain("class LeNet5(nn.Module):");
    expect(result.stdout).toContain("# Source: lenet5.cnn.json");
  });

  it("--to json prints the normalised spec, which analyses as the original", () => {
    const result = run("export", lenet, "--to", "json");
    expect(result.status).toBe(0);
    expect(analyze(result.stdout).totals).toEqual(analyze(readFileSync(lenet, "utf8")).totals);
  });

  it("--to text is the table check prints; markdown and csv are check's too", () => {
    expect(run("export", lenet, "--to", "text").stdout).toBe(run("check", lenet).stdout);
    expect(run("export", lenet, "--to", "markdown").stdout).toBe(run("check", lenet, "--format", "markdown").stdout);
    const csv = run("export", lenet, "--to", "csv");
    expect(csv.stdout).toBe(run("check", lenet, "--format", "csv").stdout);
    expect(csv.stdout.split("\r\n")[0]).toMatch(/^id,type,operation,/);
  });

  it("--to svg draws every layer in the light palette", () => {
    const result = run("export", lenet, "--to", "svg");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg /);
    expect(result.stdout).toContain("<title>LeNet-5 (CNN Designer)</title>");
    expect(result.stdout).toContain('fill="#ffffff"');
    for (const id of ["c1", "s2", "c3", "s4", "flat", "f5", "f6", "out"]) expect(result.stdout).toContain(`data-id="${id}"`);
  });

  it("-o writes the file and prints nothing", () => {
    const target = join(workDirectory, "lenet.py");
    const result = run("export", lenet, "--to", "pytorch", "-o", target);
    expect(result).toEqual({ status: 0, stdout: "", stderr: "" });
    expect(readFileSync(target, "utf8")).toBe(run("export", lenet, "--to", "pytorch").stdout);
  });

  it.each(["json", "svg", "text", "markdown", "csv"])("a design with errors: --to %s is still written, errors marked, exit 1", (to) => {
    const file = writeSpec("broken.cnn.json", broken);
    const target = join(workDirectory, `broken.${to}`);
    const result = run("export", file, "--to", to, "-o", target);
    expect(result.status).toBe(1);
    const written = readFileSync(target, "utf8");
    const marked = { json: '"errors": [', svg: 'class="badge-error"', text: "error kernel-exceeds-input", markdown: "error kernel-exceeds-input", csv: "big,conv2d" }[to] as string;
    expect(written).toContain(marked);
    if (to !== "text" && to !== "markdown") expect(result.stderr).toMatch(/broken\.cnn\.json:\d+:\d+: error kernel-exceeds-input /);
  });

  it("a design with errors: --to pytorch refuses, lists the errors, writes nothing, exit 1", () => {
    const file = writeSpec("broken.cnn.json", broken);
    const target = join(workDirectory, "refused.py");
    const result = run("export", file, "--to", "pytorch", "-o", target);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/broken\.cnn\.json:\d+:\d+: error kernel-exceeds-input /);
    expect(result.stderr).toContain("broken.cnn.json: 1 error, ");
    expect(existsSync(target)).toBe(false);
  });

  it("text that is not JSON: json, svg and pytorch refuse with the error, exit 1", () => {
    const file = writeSpec("garbage.cnn.json", "{ nope");
    for (const to of ["json", "svg", "pytorch"]) {
      const result = run("export", file, "--to", to);
      expect({ to, status: result.status, stdout: result.stdout }).toEqual({ to, status: 1, stdout: "" });
      expect(result.stderr).toMatch(/garbage\.cnn\.json:1:\d+: error /);
    }
  });

  it("exit 2: onnx (not yet), bad arguments, a file it cannot read, an -o it cannot write", () => {
    const onnx = run("export", lenet, "--to", "onnx");
    expect(onnx.status).toBe(2);
    expect(onnx.stderr).toMatch(/^cnn-designer: --to onnx is not available yet/);
    expect(run("export", lenet).status).toBe(2);
    expect(run("export", lenet, "--to", "json", "--format", "csv").status).toBe(2);
    const missing = run("export", "nowhere.cnn.json", "--to", "json");
    expect(missing).toMatchObject({ status: 2, stdout: "" });
    expect(missing.stderr).toContain("cannot read nowhere.cnn.json: no such file");
    const unwritable = run("export", lenet, "--to", "json", "-o", join(workDirectory, "no/such/dir/x.json"));
    expect(unwritable.status).toBe(2);
    expect(unwritable.stderr).toContain("cannot write");
  });

  it("accepts a file that starts with a UTF-8 byte order mark, as VS Code does", () => {
    const file = writeSpec("bom.cnn.json", `\ufeff${readFileSync(lenet, "utf8")}`);
    expect(run("check", file)).toMatchObject({ status: 0, stderr: "" });
    const exported = run("export", file, "--to", "json");
    expect(exported.status).toBe(0);
    expect(exported.stdout.startsWith("{")).toBe(true);
  });
});

describe("nothing from a file reaches the terminal raw", () => {
  const spec = { ...broken, name: hostileName, layers: [...broken.layers, { id: "bad\u001b[2Jid\nx", type: "relu" }] };

  it.each([
    ["check"], ["check", "--format", "markdown"], ["check", "--format", "csv"], ["check", "--json"],
  ])("%s %s %s", (...args) => {
    const file = writeSpec("hostile.cnn.json", spec);
    const result = run(...args, file);
    expect(result.status).toBe(1);
    expect(terminalControls(result.stdout)).toEqual([]);
    expect(terminalControls(result.stderr)).toEqual([]);
    if (args.includes("--json")) expect(JSON.parse(result.stdout).files[0].name).toBe(hostileName);
    else expect(`${result.stdout}${result.stderr}`).toContain("\\x1b"); // shown, not obeyed
  });

  it.each(["pytorch", "json", "markdown", "csv", "text", "svg"])("export --to %s", (to) => {
    const file = writeSpec("hostile-valid.cnn.json", { ...broken, name: hostileName, layers: broken.layers.slice(0, 1) });
    const result = run("export", file, "--to", to);
    expect(result.status).toBe(0);
    expect(terminalControls(result.stdout)).toEqual([]);
    expect(terminalControls(result.stderr)).toEqual([]);
  });
});
