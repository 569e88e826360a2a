/**
 * Hostile files, checked by Python itself: every PyTorch export (templates, extra specs and
 * hostile designs) parses with Python's `ast`; the hostile designs, whose names and file names
 * hold `"""`, line breaks of every kind followed by statements that would write a marker
 * file, backslashes (`\U`, `\N{`), NUL, an encoding declaration, bidirectional controls and
 * lone surrogates, run as scripts: the model builds and runs, and no marker file appears.
 * The export's string literals (pythonString) read back, through ast.literal_eval, as the text.
 *
 * Needs torch in /usr/bin/python3, as checkExport.test.ts (skipped without it, except in CI).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pythonString } from "../../src/engine/export/escapes";
import { exportPytorch } from "../../src/engine/export/pytorch";
import { EXTRA_SPECS } from "./extraSpecs";

const PYTHON = "/usr/bin/python3";
const templatesDir = resolve(__dirname, "../../media/templates");

interface DriverResult {
  parse: Record<string, string | null>;
  run: Record<string, { printed: string; error: string | null }>;
  literals: boolean[];
}

interface HostileCase {
  name: string;
  designName?: string;
  sourceName?: string;
}

/** The statements each hostile text tries to run: both would create `marker`. */
function payloads(marker: string): string[] {
  return [`import os; os.system("touch ${marker}")`, `open(${JSON.stringify(marker)}, "w").write("pwned")`];
}

function hostileCases(marker: string): HostileCase[] {
  const [system, open] = payloads(marker);
  return [
    { name: "triple-quotes", designName: `x"""\n${system}\n"""`, sourceName: `a"""\n${open}\n""".cnn.json` },
    { name: "carriage-return", designName: `x\r${system}\r`, sourceName: `b\r${open}.cnn.json` },
    { name: "unicode-line-breaks", designName: `x\u2028${system}\u2029${open}\u0085${system}\u000c\u000b${open}` },
    { name: "backslashes-and-nul", designName: `C:\\Users\\new\\U0001\\N{x}\\x\u0000${system}`, sourceName: "C:\\Users\\name\\Documents\\nets\\U1.cnn.json" },
    { name: "encoding-declaration", designName: `-*- coding: utf-7 -*- +AAo-${system.replace(/"/g, "+ACI-")}`, sourceName: "# -*- coding: utf-7 -*-" },
    { name: "bidi-and-surrogates", designName: `\u202e\u2066${system}\u2069 \ud800 😀 \u001b]52;c;aGk=\u0007` },
    { name: "no-name", sourceName: `${system}\n${open}.cnn.json` },
  ];
}

function hostileSpec(designName: string | undefined): object {
  return {
    version: 1, ...(designName === undefined ? {} : { name: designName }), input: [1, 8, 8],
    layers: [
      { id: "c1", type: "conv2d", filters: 2, kernel: 3, activation: "relu" },
      { id: "layer1.0.conv", type: "conv2d", filters: 2, kernel: 3, padding: "same" },
      { id: "flat", type: "flatten" },
      { id: "out", type: "linear", units: 3 },
    ],
  };
}

function exportTo(directory: string, name: string, spec: string | object, sourceName?: string): string {
  const result = exportPytorch(spec, { sourceName });
  if (!result.ok) throw new Error(`${name}: ${result.message}`);
  const file = join(directory, `${name.replace(/[^A-Za-z0-9]/g, "_")}.py`);
  writeFileSync(file, result.text);
  return file;
}

function torchProblem(): string | null {
  const probe = spawnSync(PYTHON, ["-c", "import torch"], { encoding: "utf8", timeout: 60_000 });
  if (probe.error) return `${PYTHON} cannot run (${probe.error.message})`;
  return probe.status === 0 ? null : `${PYTHON} cannot import torch; install python3-torch`;
}

const LITERALS = ['say """hi"""\n', "C:\\Users\\new\\U0001", "nul\u0000 cr\r ls\u2028 nel\u0085", "bidi\u202e lone\ud800 emoji😀", "\u001b]52;c;aGk=\u0007"];

const problem = torchProblem();
if (problem && !process.env.CI) console.log(`Hostile export check skipped: ${problem}`);

describe.skipIf(problem !== null && !process.env.CI)("hostile PyTorch exports, checked by Python", () => {
  let directory = "";
  let marker = "";
  let cases: HostileCase[] = [];
  const hostileFiles = new Map<string, string>();
  let allFiles: string[] = [];
  let result: DriverResult = { parse: {}, run: {}, literals: [] };

  beforeAll(() => {
    if (problem) throw new Error(`CI must have PyTorch: ${problem}`);
    directory = mkdtempSync(join(tmpdir(), "cnn-hostile-"));
    marker = join(directory, "pwned-marker");
    cases = hostileCases(marker);
    for (const testCase of cases) hostileFiles.set(testCase.name, exportTo(directory, `hostile-${testCase.name}`, hostileSpec(testCase.designName), testCase.sourceName));
    const templates = readdirSync(templatesDir).filter((file) => file.endsWith(".cnn.json")).sort()
      .map((file) => exportTo(directory, file, readFileSync(join(templatesDir, file), "utf8"), file));
    const extras = Object.entries(EXTRA_SPECS).map(([name, spec]) => exportTo(directory, `extra-${name}`, spec));
    allFiles = [...templates, ...extras, ...hostileFiles.values()];
    const jobs = { parse: allFiles, run: [...hostileFiles.values()], literals: LITERALS.map((text) => [pythonString(text), text]) };
    const jobsFile = join(directory, "jobs.json");
    writeFileSync(jobsFile, JSON.stringify(jobs));
    const run = spawnSync(PYTHON, [join(__dirname, "hostile_run.py"), jobsFile], { encoding: "utf8", cwd: directory, timeout: 280_000, maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`hostile_run.py failed (${run.status ?? run.signal}): ${run.stderr}`);
    result = JSON.parse(run.stdout) as DriverResult;
  });
  afterAll(() => {
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it("every export (templates, extra specs, hostile designs) parses with Python's ast", () => {
    expect(Object.keys(result.parse)).toHaveLength(allFiles.length);
    const failures = Object.entries(result.parse).filter(([, error]) => error !== null);
    expect(failures).toEqual([]);
  });

  it.each(["triple-quotes", "carriage-return", "unicode-line-breaks", "backslashes-and-nul", "encoding-declaration", "bidi-and-surrogates", "no-name"])(
    "%s: runs as a script, builds and runs the model, and runs nothing else",
    (name) => {
      const outcome = result.run[hostileFiles.get(name) as string];
      expect(outcome.error).toBeNull();
      expect(outcome.printed).toContain("output shape: [1, 3]");
      expect(existsSync(marker)).toBe(false);
    },
  );

  it("pythonString literals read back as the text (ast.literal_eval)", () => {
    expect(result.literals).toEqual(LITERALS.map(() => true));
  });
});
