/** Command-line parsing for `cnn-designer` (pure: no I/O). */
import type { ShapeOrder } from "../engine";

export type OutputFormat = "table" | "markdown" | "csv";

/** What `export --to` writes (onnx is answered with a usage error until it exists). */
export type ExportFormat = "pytorch" | "json" | "markdown" | "csv" | "text" | "svg";

export interface CheckCommand {
  kind: "check";
  files: string[];
  json: boolean;
  format: OutputFormat;
  order: ShapeOrder;
  /** --all-notes: also the notes about reads that lose no pixel (unread padding, a skipped pixel another branch reads). */
  allNotes?: boolean;
}

export interface ExportCommand {
  kind: "export";
  file: string;
  to: ExportFormat;
  /** The file to write; undefined: stdout. */
  output?: string;
  order: ShapeOrder;
}

export type ParsedArgs =
  | CheckCommand
  | ExportCommand
  | { kind: "help" }
  | { kind: "version" }
  /** Bad arguments: print the message and the usage, exit 2. */
  | { kind: "usage-error"; message: string };

export const USAGE = `Usage: cnn-designer check <file.cnn.json>... [options]
       cnn-designer export <file.cnn.json> --to pytorch|json|markdown|csv|text|svg [-o out]

check prints each file's summary table (shapes, parameters, MACs, receptive fields,
memory) and its problems as file:line:column: severity code message.
export writes one file as PyTorch code, normalised JSON, a shape table (markdown, csv, or
text: the table check prints) or an SVG diagram, to stdout unless -o names a file. A design
with errors is still written (errors marked) except as pytorch, which it refuses.

Options:
  --format table|markdown|csv  (check) how to print the summary (default: table)
  --json                       (check) print everything as one JSON document instead
  --to FORMAT                  (export) what to write
  -o, --output FILE            (export) write it to FILE instead of stdout
  --order chw|hwc              write shapes C×H×W (default) or H×W×C
  --all-notes                  (check) also list the notes on reads that lose no image pixel:
                               padding a stride never reaches, pixels a parallel branch reads
  -h, --help                   show this help
  -v, --version                show the version

Exit status: 0 when no file has an error, 1 when one has (pytorch: refused), 2 on bad
arguments or a file that cannot be read or written.`;

const FORMATS: readonly OutputFormat[] = ["table", "markdown", "csv"];
const EXPORT_FORMATS: readonly ExportFormat[] = ["pytorch", "json", "markdown", "csv", "text", "svg"];
const ORDERS: Readonly<Record<string, ShapeOrder>> = { chw: "CHW", hwc: "HWC" };

interface OptionState {
  files: string[];
  json: boolean;
  allNotes?: boolean;
  format?: OutputFormat;
  order?: ShapeOrder;
  to?: string;
  output?: string;
}

/** Options that take a value (`--name value` or `--name=value`; `-o value`). */
const VALUE_OPTIONS = ["--format", "--order", "--to", "-o", "--output"];

function usageError(message: string): ParsedArgs {
  return { kind: "usage-error", message };
}

/** Splits `--name=value` into its parts; other arguments come back whole. */
function splitOption(argument: string): [string, string | undefined] {
  const equals = argument.indexOf("=");
  return argument.startsWith("--") && equals > 0 ? [argument.slice(0, equals), argument.slice(equals + 1)] : [argument, undefined];
}

/**
 * Applies one option to the state; returns an error message, or undefined when fine.
 * Options that need a value and were not written `--name=value` consume the next argument.
 */
function applyOption(
  state: OptionState, name: string, inlineValue: string | undefined, takeNext: () => string | undefined,
): string | undefined {
  if (name === "--json" || name === "--all-notes") {
    if (inlineValue !== undefined) return `${name} takes no value`;
    if (name === "--json") state.json = true;
    else state.allNotes = true;
    return undefined;
  }
  if (!VALUE_OPTIONS.includes(name)) return `unknown option ${name}`;
  const value = inlineValue ?? takeNext();
  if (value === undefined || value === "") return `${name} needs a value`;
  return applyValue(state, name, value);
}

function applyValue(state: OptionState, name: string, value: string): string | undefined {
  switch (name) {
    case "--format":
      if (!(FORMATS as readonly string[]).includes(value)) return `--format must be table, markdown or csv, not "${value}"`;
      state.format = value as OutputFormat;
      return undefined;
    case "--order": {
      const order = ORDERS[value.toLowerCase()];
      if (!order) return `--order must be chw or hwc, not "${value}"`;
      state.order = order;
      return undefined;
    }
    case "--to":
      state.to = value;
      return undefined;
    default:
      state.output = value;
      return undefined;
  }
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  if (argv.some((argument) => argument === "-h" || argument === "--help")) return { kind: "help" };
  if (argv.some((argument) => argument === "-v" || argument === "--version")) return { kind: "version" };
  const state: OptionState = { files: [], json: false, allNotes: false };
  const positional: string[] = [];
  let index = 0;
  const takeNext = () => (index + 1 < argv.length ? argv[++index] : undefined);
  for (; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === "--") {
      positional.push(...argv.slice(index + 1));
      break;
    }
    if (argument.startsWith("-") && argument !== "-") {
      const [name, inlineValue] = splitOption(argument);
      const problem = applyOption(state, name, inlineValue, takeNext);
      if (problem) return usageError(problem);
    } else {
      positional.push(argument);
    }
  }
  return toCommand(state, positional);
}

function toCommand(state: OptionState, positional: string[]): ParsedArgs {
  const [command, ...files] = positional;
  if (command === undefined) return usageError("missing command: try `cnn-designer check model.cnn.json`");
  if (command === "check") return toCheckCommand(state, files);
  if (command === "export") return toExportCommand(state, files);
  return usageError(`unknown command "${command}"; the commands are check and export`);
}

function toCheckCommand(state: OptionState, files: string[]): ParsedArgs {
  if (state.to !== undefined || state.output !== undefined) return usageError(`${state.to !== undefined ? "--to" : "-o"} belongs to export, not check`);
  if (files.length === 0) return usageError("check needs at least one file");
  if (state.json && state.format !== undefined) return usageError("--json and --format cannot be combined");
  return { kind: "check", files, json: state.json, format: state.format ?? "table", order: state.order ?? "CHW", allNotes: state.allNotes };
}

function toExportCommand(state: OptionState, files: string[]): ParsedArgs {
  if (state.json || state.format !== undefined) return usageError(`${state.json ? "--json" : "--format"} belongs to check; export takes --to`);
  if (state.allNotes) return usageError("--all-notes belongs to check");
  if (files.length !== 1) return usageError(`export takes exactly one file, not ${files.length}`);
  if (state.to === undefined) return usageError(`export needs --to ${EXPORT_FORMATS.join("|")}`);
  if (state.to === "onnx") return usageError("--to onnx is not available yet; this version exports pytorch, json, markdown, csv, text and svg");
  if (!(EXPORT_FORMATS as readonly string[]).includes(state.to)) return usageError(`--to must be ${EXPORT_FORMATS.join(", ")}, not "${state.to}"`);
  const command: ExportCommand = { kind: "export", file: files[0], to: state.to as ExportFormat, order: state.order ?? "CHW" };
  if (state.output !== undefined) command.output = state.output;
  return command;
}
