/** Command-line parsing for `cnn-designer` (pure: no I/O). */
import type { ShapeOrder } from "../engine";

export type OutputFormat = "table" | "markdown" | "csv";

export interface CheckCommand {
  kind: "check";
  files: string[];
  json: boolean;
  format: OutputFormat;
  order: ShapeOrder;
}

export type ParsedArgs =
  | CheckCommand
  | { kind: "help" }
  | { kind: "version" }
  /** Bad arguments: print the message and the usage, exit 2. */
  | { kind: "usage-error"; message: string };

export const USAGE = `Usage: cnn-designer check <file.cnn.json>... [options]

Checks network files: prints each one's summary table (shapes, parameters, MACs,
receptive fields, memory) and its problems as file:line:column: severity code message.

Options:
  --format table|markdown|csv  how to print the summary (default: table)
  --order chw|hwc              write shapes C×H×W (default) or H×W×C
  --json                       print everything as one JSON document instead
  -h, --help                   show this help
  -v, --version                show the version

Exit status: 0 when no file has an error, 1 when one has, 2 on bad arguments or a file
that cannot be read.`;

const FORMATS: readonly OutputFormat[] = ["table", "markdown", "csv"];
const ORDERS: Readonly<Record<string, ShapeOrder>> = { chw: "CHW", hwc: "HWC" };

interface OptionState {
  files: string[];
  json: boolean;
  format?: OutputFormat;
  order: ShapeOrder;
}

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
function applyOption(state: OptionState, name: string, inlineValue: string | undefined, takeNext: () => string | undefined): string | undefined {
  if (name === "--json") {
    if (inlineValue !== undefined) return "--json takes no value";
    state.json = true;
    return undefined;
  }
  if (name !== "--format" && name !== "--order") return `unknown option ${name}`;
  const value = inlineValue ?? takeNext();
  if (value === undefined || value === "") return `${name} needs a value`;
  if (name === "--format") {
    if (!(FORMATS as readonly string[]).includes(value)) return `--format must be table, markdown or csv, not "${value}"`;
    state.format = value as OutputFormat;
    return undefined;
  }
  const order = ORDERS[value.toLowerCase()];
  if (!order) return `--order must be chw or hwc, not "${value}"`;
  state.order = order;
  return undefined;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  if (argv.some((argument) => argument === "-h" || argument === "--help")) return { kind: "help" };
  if (argv.some((argument) => argument === "-v" || argument === "--version")) return { kind: "version" };
  const state: OptionState = { files: [], json: false, order: "CHW" };
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
  if (command !== "check") return usageError(`unknown command "${command}"; the only command is check`);
  if (files.length === 0) return usageError("check needs at least one file");
  if (state.json && state.format !== undefined) return usageError("--json and --format cannot be combined");
  return { kind: "check", files, json: state.json, format: state.format ?? "table", order: state.order };
}
