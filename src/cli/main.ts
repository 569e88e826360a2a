// `cnn-designer check <file>... [--json] [--format table|markdown|csv] [--order chw|hwc]`
// `cnn-designer export <file> --to pytorch|json|markdown|csv|text|svg [-o out]`
// The I/O shell around args.ts, checkReport.ts and exportDocument.ts: reads files, runs the engine,
// prints (every terminal write through terminalText: nothing from a file reaches it raw), exits.
import { readFileSync, writeFileSync } from "node:fs";
import { analyze } from "../engine";
import { terminalText } from "../engine/export/escapes";
import packageJson from "../../package.json";
import { parseArgs, USAGE, type CheckCommand, type ExportCommand } from "./args";
import { exportDocument } from "./exportDocument";
import { exitCode, formatFileReport, toJsonReport, type FileResult } from "./checkReport";

const READ_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: "no such file or directory",
  EISDIR: "it is a directory",
  EACCES: "permission denied",
};

function describeFileError(error: unknown): string {
  const code = error instanceof Error && "code" in error ? String(error.code) : "";
  return READ_ERRORS[code] ?? (error instanceof Error ? error.message : String(error));
}

function printOut(text: string): void {
  process.stdout.write(terminalText(text));
}

function printError(text: string): void {
  process.stderr.write(terminalText(text));
}

/** Reads and analyses one file; only reading can fail (analyze never throws on input). A UTF-8 BOM is dropped, as VS Code does. */
function checkFile(file: string, allNotes = false): FileResult {
  let text: string;
  try {
    text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch (error) {
    return { file, readError: `cannot read ${file}: ${describeFileError(error)}` };
  }
  return { file, text, analysis: analyze(text, { quietReadNotes: !allNotes }) };
}

function runCheck(command: CheckCommand): number {
  const results = command.files.map((file) => checkFile(file, command.allNotes));
  if (command.json) {
    printOut(toJsonReport(results, command));
    return exitCode(results);
  }
  let first = true;
  for (const result of results) {
    if ("readError" in result) {
      printError(`cnn-designer: ${result.readError}\n`);
      continue;
    }
    const report = formatFileReport(result, command, first);
    if (!first && command.format !== "csv") printOut("\n");
    printOut(report.stdout);
    printError(report.stderr);
    first = false;
  }
  return exitCode(results);
}

/** Writes the document to -o's file or stdout; 2 when the file cannot be written. */
function deliver(document: string, output: string | undefined): number {
  if (output === undefined) {
    printOut(document);
    return 0;
  }
  try {
    writeFileSync(output, document);
    return 0;
  } catch (error) {
    printError(`cnn-designer: cannot write ${output}: ${describeFileError(error)}\n`);
    return 2;
  }
}

async function runExport(command: ExportCommand): Promise<number> {
  const result = checkFile(command.file);
  if ("readError" in result) {
    printError(`cnn-designer: ${result.readError}\n`);
    return 2;
  }
  // ELK (1.5 MB of JavaScript) is loaded only for a diagram.
  const loadElk = async () => (await import("../diagram/bundledElk")).createBundledElk();
  const outcome = await exportDocument(result, command, loadElk);
  const delivered = outcome.document === null ? 0 : deliver(outcome.document, command.output);
  printError(outcome.messages);
  return delivered === 0 ? outcome.exitCode : delivered;
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv);
  switch (parsed.kind) {
    case "help":
      printOut(`${USAGE}\n`);
      return 0;
    case "version":
      printOut(`${packageJson.version}\n`);
      return 0;
    case "usage-error":
      printError(`cnn-designer: ${parsed.message}\n\n${USAGE}\n`);
      return 2;
    case "check":
      return runCheck(parsed);
    case "export":
      return runExport(parsed);
  }
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    printError(`cnn-designer: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
