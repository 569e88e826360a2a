// `cnn-designer check model.cnn.json [more files] [--json] [--format table|markdown|csv] [--order chw|hwc]`
// The I/O shell around args.ts and format.ts: reads files, runs the engine, prints, exits.
import { readFileSync } from "node:fs";
import { analyze } from "../engine";
import packageJson from "../../package.json";
import { parseArgs, USAGE, type CheckCommand } from "./args";
import { exitCode, formatFileReport, toJsonReport, type FileResult } from "./format";

const READ_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: "no such file",
  EISDIR: "it is a directory",
  EACCES: "permission denied",
};

function describeReadError(error: unknown): string {
  const code = error instanceof Error && "code" in error ? String(error.code) : "";
  return READ_ERRORS[code] ?? (error instanceof Error ? error.message : String(error));
}

/** Reads and analyses one file; only reading can fail (analyze never throws on input). */
function checkFile(file: string): FileResult {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    return { file, readError: `cannot read ${file}: ${describeReadError(error)}` };
  }
  return { file, text, analysis: analyze(text) };
}

function runCheck(command: CheckCommand): number {
  const results = command.files.map(checkFile);
  if (command.json) {
    process.stdout.write(toJsonReport(results, command));
    return exitCode(results);
  }
  let first = true;
  for (const result of results) {
    if ("readError" in result) {
      process.stderr.write(`cnn-designer: ${result.readError}\n`);
      continue;
    }
    const report = formatFileReport(result, command, first);
    if (!first && command.format !== "csv") process.stdout.write("\n");
    process.stdout.write(report.stdout);
    process.stderr.write(report.stderr);
    first = false;
  }
  return exitCode(results);
}

function main(argv: string[]): number {
  const parsed = parseArgs(argv);
  switch (parsed.kind) {
    case "help":
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case "version":
      process.stdout.write(`${packageJson.version}\n`);
      return 0;
    case "usage-error":
      process.stderr.write(`cnn-designer: ${parsed.message}\n\n${USAGE}\n`);
      return 2;
    case "check":
      return runCheck(parsed);
  }
}

process.exitCode = main(process.argv.slice(2));
