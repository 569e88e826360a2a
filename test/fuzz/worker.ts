/**
 * The fuzz tier's worker (bundled by run.mjs, run in a worker_threads Worker): generates case
 * `index` of run `seed` (or takes a given text) and puts it through every entry point the
 * product has for a file: analyze (text and object), locating every diagnostic and related
 * location, the JSON and PyTorch exporters, the summary tables and the CLI's report. Each call
 * is announced to the runner ("begin"/"end"), which kills the worker when one overruns.
 * A throw or a broken invariant is a failure of the case; the runner collects them.
 */
import { parseTree, type Node } from "jsonc-parser";
import { parentPort, workerData } from "node:worker_threads";
import { formatFileReport, toJsonReport } from "../../src/cli/checkReport";
import type { CheckCommand } from "../../src/cli/args";
import { analyze, locate, type Analysis, type Diagnostic, type JsonPath } from "../../src/engine";
import { exportPytorch, exportSpecJson } from "../../src/engine/export";
import { locateInTree, type TextRange } from "../../src/engine/locate";
import { CSV_HEADER, summarize, toCsv, toMarkdown, toTextTable } from "../../src/engine/summary";
import { makeCase, type Template } from "./generate";

export interface CaseRequest {
  seed: number;
  index: number;
  /** Run this text instead of generating the case (--file). */
  text?: string;
}

export interface CallFailure {
  call: string;
  message: string;
}

const port = parentPort;
if (!port) throw new Error("worker.ts runs in a worker thread");
const templates = (workerData as { templates: Template[] }).templates;

/** Characters that must never reach a target raw (as src/engine/export/escapes.ts lists them). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|\p{Cs}/gu;

function describeCharacter(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`;
}

/** The first unsafe character of `text` that `allowed` does not accept, described, or undefined. */
function unsafeCharacter(text: string, allowed: (character: string, offset: number) => boolean): string | undefined {
  UNSAFE.lastIndex = 0;
  for (let match = UNSAFE.exec(text); match; match = UNSAFE.exec(text)) {
    if (!allowed(match[0], match.index)) {
      const context = JSON.stringify(text.slice(Math.max(0, match.index - 30), match.index + 10));
      return `raw ${describeCharacter(match[0])} at offset ${match.index} (…${context.slice(1, -1)}…)`;
    }
  }
  return undefined;
}

/** Terminal text may keep line feeds, tabs and CRLF (escapes.ts terminalText). */
const terminalAllowed = (text: string) => (character: string, offset: number) => character === "\n" || character === "\t" || (character === "\r" && text[offset + 1] === "\n");
const onlyLineFeeds = () => (character: string) => character === "\n";

class Checker {
  readonly failures: CallFailure[] = [];
  current = "";

  fail(message: string): void {
    if (this.failures.length < 20) this.failures.push({ call: this.current, message });
  }

  expect(condition: boolean, message: () => string): void {
    if (!condition) this.fail(message());
  }

  safe(what: string, text: unknown, allowed: (text: string) => (character: string, offset: number) => boolean): void {
    if (typeof text !== "string") {
      this.fail(`${what} is not a string (${typeof text})`);
      return;
    }
    const problem = unsafeCharacter(text, allowed(text));
    if (problem) this.fail(`${what}: ${problem}`);
  }
}

function memory(): { heapUsed: number; arrayBuffers: number } {
  const usage = process.memoryUsage();
  return { heapUsed: usage.heapUsed, arrayBuffers: usage.arrayBuffers };
}

/** Runs one announced call: the runner's watchdog times it. Throws become failures. */
function call<T>(checker: Checker, name: string, body: () => T): T | undefined {
  checker.current = name;
  port!.postMessage({ type: "begin", call: name });
  const started = performance.now();
  let result: T | undefined;
  try {
    result = body();
  } catch (error) {
    checker.fail(`threw ${error instanceof Error ? `${error.name}: ${error.message}\n${(error.stack ?? "").split("\n").slice(1, 6).join("\n")}` : String(error)}`);
  }
  port!.postMessage({ type: "end", call: name, ms: performance.now() - started, ...memory() });
  return result;
}

/** RFC 4180 records (quoted fields may hold commas, quotes, CR and LF). */
function csvRecords(text: string): string[][] | string {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let at = 0;
  while (at < text.length) {
    if (text[at] === '"' && field === "") {
      let value = "";
      let position = at + 1;
      for (;;) {
        if (position >= text.length) return `unterminated quoted field at offset ${at}`;
        if (text[position] === '"') {
          if (text[position + 1] === '"') {
            value += '"';
            position += 2;
            continue;
          }
          break;
        }
        value += text[position++];
      }
      field = value;
      at = position + 1;
      if (at < text.length && !/^(,|\r\n|\n)/.test(text.slice(at, at + 2))) return `text after a quoted field at offset ${at}`;
      continue;
    }
    const character = text[at];
    if (character === ",") {
      record.push(field);
      field = "";
      at++;
    } else if (character === "\n" || (character === "\r" && text[at + 1] === "\n")) {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      at += character === "\n" ? 1 : 2;
    } else if (character === '"' || character === "\r") {
      return `raw ${JSON.stringify(character)} in an unquoted field at offset ${at}`;
    } else {
      field += character;
      at++;
    }
  }
  if (field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/**
 * CSV reaches spreadsheets: it must parse into one header and one record per row, every
 * record as wide as the header (raw characters inside quoted fields are CSV's business).
 */
function checkCsv(checker: Checker, what: string, text: string, rows: number, width: number): void {
  const records = csvRecords(text);
  if (typeof records === "string") return checker.fail(`${what}: ${records}`);
  checker.expect(records.length === rows + 1, () => `${what}: ${records.length} records for ${rows} rows and a header`);
  const wrong = records.findIndex((record) => record.length !== width);
  checker.expect(wrong < 0, () => `${what}: record ${wrong} has ${records[wrong]?.length} fields, not ${width}`);
}

function isPath(path: unknown): path is JsonPath {
  return Array.isArray(path) && path.every((segment) => typeof segment === "string" || (typeof segment === "number" && Number.isInteger(segment) && segment >= 0));
}

function checkAnalysis(checker: Checker, analysis: Analysis, text: string | undefined): void {
  checker.expect(Array.isArray(analysis.nodes) && Array.isArray(analysis.diagnostics), () => "nodes/diagnostics are not arrays");
  checker.expect(typeof analysis.totals?.params === "number" && typeof analysis.totals?.macs === "number", () => `bad totals ${JSON.stringify(analysis.totals)}`);
  let reported = 0;
  for (const diagnostic of analysis.diagnostics) {
    if (reported >= 3) break;
    const problem = diagnosticProblem(diagnostic, text);
    if (problem) {
      checker.fail(`${problem}: ${JSON.stringify(diagnostic).slice(0, 300)}`);
      reported++;
    }
  }
}

function diagnosticProblem(diagnostic: Diagnostic, text: string | undefined): string | undefined {
  if (diagnostic.code === "internal-error") return "internal-error diagnostic (the engine threw inside)";
  if (!["error", "warning", "info"].includes(diagnostic.severity)) return "bad severity";
  if (typeof diagnostic.code !== "string" || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(diagnostic.code)) return "code is not kebab-case";
  if (typeof diagnostic.message !== "string" || diagnostic.message.length === 0) return "empty message";
  if (!isPath(diagnostic.path)) return "bad path";
  for (const related of diagnostic.related ?? []) if (!isPath(related.path) || typeof related.message !== "string") return "bad related location";
  if (text !== undefined && diagnostic.offset !== undefined) {
    const { offset, length = 0 } = diagnostic;
    if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0 || offset + length > text.length) return `offset ${offset}+${length} outside the text (${text.length})`;
  }
  return undefined;
}

function rangeProblem(range: TextRange, text: string): string | undefined {
  const { offset, length } = range;
  if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0 || offset + length > text.length) return `range ${offset}+${length} outside the text (${text.length})`;
  return undefined;
}

/** Every diagnostic's path and related paths located in one parsed tree; the public locate() (which parses) on the first `publicCalls`. */
function checkLocations(checker: Checker, analysis: Analysis, text: string, publicCalls: number): void {
  let root: Node | undefined;
  try {
    root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  } catch {
    root = undefined; // nested too deeply for jsonc-parser: only the public locate() is checked
  }
  const paths: JsonPath[] = [];
  for (const diagnostic of analysis.diagnostics) {
    paths.push(diagnostic.path);
    for (const related of diagnostic.related ?? []) paths.push(related.path);
  }
  let reported = 0;
  for (const [position, path] of paths.entries()) {
    const ranges: TextRange[] = [];
    if (root) ranges.push(locateInTree(root, path));
    if (position < publicCalls || !root) ranges.push(locate(text, path));
    if (position >= publicCalls && !root) break;
    for (const range of ranges) {
      const problem = rangeProblem(range, text);
      if (problem && reported++ < 3) checker.fail(`${JSON.stringify(path).slice(0, 100)}: ${problem}`);
    }
    if (ranges.length === 2 && (ranges[0].offset !== ranges[1].offset || ranges[0].length !== ranges[1].length) && reported++ < 3) {
      checker.fail(`locate() and locateInTree() disagree on ${JSON.stringify(path).slice(0, 100)}`);
    }
  }
}

function hasErrors(analysis: Analysis): boolean {
  return analysis.input === null || analysis.diagnostics.some((diagnostic) => diagnostic.severity === "error");
}

/** Plain JSON (after a BOM) as an object, or undefined. */
function asObject(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\ufeff/, ""));
  } catch {
    return undefined;
  }
}

/** Above this size the JSON export is not re-analysed (the heavy cases: keeps the tier fast). */
const BIG_TEXT = 100_000;

/**
 * Each case runs one variant of the exporters, tables and reports, rotating with `variant` (the
 * case index), so that every variant runs on every mutation class without running all of them
 * on every case.
 */
function runCase(text: string, variant: number): CallFailure[] {
  const checker = new Checker();
  const analysis = call(checker, "analyze", () => analyze(text));
  if (analysis) call(checker, "analyze-check", () => checkAnalysis(checker, analysis, text));
  const big = text.length > BIG_TEXT;
  // The object path (analyze(value)) on the small cases; the heavy ones parse the same way twice.
  const object = big ? undefined : call(checker, "JSON.parse", () => asObject(text));
  if (object !== undefined) {
    const fromObject = call(checker, "analyze(object)", () => analyze(object as object));
    if (fromObject) checkAnalysis(checker, fromObject, undefined);
  }
  if (!analysis) return checker.failures;
  call(checker, "locate", () => checkLocations(checker, analysis, text, big ? 3 : 20));
  const errors = hasErrors(analysis);

  call(checker, "export-json", () => {
    for (const computed of [variant % 2 === 1]) {
      const result = exportSpecJson(text, { computed });
      if (!result.ok) {
        checker.expect(typeof result.message === "string" && result.message.length > 0, () => "refusal without a message");
        continue;
      }
      if (errors) checker.fail("exported a spec with errors as JSON");
      checker.safe("JSON export", result.text, onlyLineFeeds);
      let reparsed: unknown;
      try {
        reparsed = JSON.parse(result.text);
      } catch (error) {
        checker.fail(`JSON export is not JSON: ${String(error)}`);
      }
      if (reparsed !== undefined && !computed && !big) {
        const again = analyze(result.text);
        const againErrors = again.diagnostics.filter((diagnostic) => diagnostic.severity === "error");
        checker.expect(againErrors.length === 0, () => `JSON export re-analyses with errors: ${againErrors.slice(0, 2).map((diagnostic) => diagnostic.message).join(" | ")}`);
        checker.expect(again.nodes.length === analysis.nodes.length, () => `JSON export has ${again.nodes.length} layers, the spec ${analysis.nodes.length}`);
      }
    }
  });

  call(checker, "export-pytorch", () => {
    // A hostile file name on every fourth case (the file name reaches the header and the class name).
    const result = exportPytorch(text, { sourceName: variant % 4 === 3 ? "fuzz\u001b[31m\"\"\"\n.cnn.json" : "fuzz.cnn.json" });
    if (!result.ok) {
      checker.expect(typeof result.message === "string" && result.message.length > 0, () => "refusal without a message");
      return;
    }
    if (errors) checker.fail("exported a spec with errors as PyTorch");
    checker.safe("PyTorch export", result.text, onlyLineFeeds);
    checker.expect(result.modules.length === analysis.nodes.length, () => `PyTorch export has ${result.modules.length} modules for ${analysis.nodes.length} layers`);
  });

  call(checker, "tables", () => {
    for (const order of [variant % 2 === 0 ? "HWC" : "CHW"] as const) {
      const summary = summarize(analysis, { order });
      checker.expect(summary.rows.length === analysis.nodes.length, () => `summary has ${summary.rows.length} rows for ${analysis.nodes.length} layers`);
      checker.safe(`text table (${order})`, toTextTable(summary), terminalAllowed);
      checker.safe(`markdown table (${order})`, toMarkdown(summary), terminalAllowed);
      checkCsv(checker, `csv (${order})`, toCsv(summary), summary.rows.length, CSV_HEADER.length);
      if (variant % 4 === 0) checkCsv(checker, `csv with file (${order})`, toCsv(summary, { file: "fuzz.cnn.json", header: true }), summary.rows.length, CSV_HEADER.length + 1);
    }
  });

  call(checker, "cli-report", () => {
    const file = "fuzz.cnn.json";
    for (const format of [(["table", "markdown", "csv"] as const)[variant % 3]]) {
      const command: CheckCommand = { kind: "check", files: [file], json: false, format, order: "CHW" };
      // main.ts passes every terminal write through terminalText: the subprocess check (run.mjs) covers the bytes.
      const report = formatFileReport({ file, text, analysis }, command, true);
      checker.expect(typeof report.stdout === "string" && typeof report.stderr === "string", () => "report without stdout/stderr text");
    }
    if (variant % 2 === 1) return;
    const command: CheckCommand = { kind: "check", files: [file], json: true, format: "table", order: "HWC" };
    const json = toJsonReport([{ file, text, analysis }], command);
    checker.safe("CLI --json", json, onlyLineFeeds);
    try {
      JSON.parse(json);
    } catch (error) {
      checker.fail(`CLI --json is not JSON: ${String(error)}`);
    }
  });
  return checker.failures;
}

port.on("message", (request: CaseRequest) => {
  const checker = new Checker();
  const generated = call(checker, "generate", () => (request.text === undefined ? makeCase(request.seed, request.index, templates) : undefined));
  const text = request.text ?? generated?.text;
  const failures = text === undefined ? checker.failures : runCase(text, request.index);
  port.postMessage({ type: "done", index: request.index, failures, textLength: text?.length ?? 0 });
});
port.postMessage({ type: "ready" });
