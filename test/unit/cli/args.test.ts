import { describe, expect, it } from "vitest";
import { parseArgs } from "../../../src/cli/args";

describe("parseArgs", () => {
  it("reads a check of one file with the defaults", () => {
    expect(parseArgs(["check", "a.cnn.json"])).toEqual({ kind: "check", files: ["a.cnn.json"], json: false, format: "table", order: "CHW", allNotes: false });
  });

  it("reads several files and every option, in any position", () => {
    expect(parseArgs(["--order", "hwc", "check", "a.cnn.json", "--format", "csv", "b.cnn.json"])).toEqual({
      kind: "check", files: ["a.cnn.json", "b.cnn.json"], json: false, format: "csv", order: "HWC", allNotes: false,
    });
    expect(parseArgs(["check", "a", "--all-notes"])).toMatchObject({ allNotes: true });
    expect(parseArgs(["check", "a", "--all-notes=yes"])).toEqual({ kind: "usage-error", message: "--all-notes takes no value" });
    expect(parseArgs(["export", "a", "--to", "json", "--all-notes"])).toEqual({ kind: "usage-error", message: "--all-notes belongs to check" });
    expect(parseArgs(["check", "--format=markdown", "--order=CHW", "a"])).toMatchObject({ format: "markdown", order: "CHW" });
    expect(parseArgs(["check", "--json", "a"])).toMatchObject({ json: true, format: "table" });
  });

  it("takes everything after -- as files", () => {
    expect(parseArgs(["check", "--", "--json", "-x"])).toMatchObject({ files: ["--json", "-x"], json: false });
  });

  it.each(["pytorch", "json", "markdown", "csv", "text", "svg"])("reads an export --to %s, to stdout or to -o's file", (to) => {
    expect(parseArgs(["export", "a.cnn.json", "--to", to])).toEqual({ kind: "export", file: "a.cnn.json", to, order: "CHW" });
    expect(parseArgs(["export", `--to=${to}`, "-o", "out", "a.cnn.json"])).toEqual({ kind: "export", file: "a.cnn.json", to, output: "out", order: "CHW" });
    expect(parseArgs(["export", "a", "--to", to, "--output=x", "--order", "hwc"])).toMatchObject({ output: "x", order: "HWC" });
  });

  it("answers help and version before anything else", () => {
    expect(parseArgs(["check", "--bogus", "--help"])).toEqual({ kind: "help" });
    expect(parseArgs(["-h"])).toEqual({ kind: "help" });
    expect(parseArgs(["--version"])).toEqual({ kind: "version" });
    expect(parseArgs(["-v", "check"])).toEqual({ kind: "version" });
  });

  it.each([
    [[], "missing command"],
    [["lint", "a"], 'unknown command "lint"'],
    [["export", "a", "--to", "onnx"], "--to onnx is not available yet"],
    [["export", "a", "--to", "pdf"], '--to must be pytorch, json, markdown, csv, text, svg, not "pdf"'],
    [["export", "a"], "export needs --to"],
    [["export", "--to", "json"], "export takes exactly one file, not 0"],
    [["export", "a", "b", "--to", "json"], "export takes exactly one file, not 2"],
    [["export", "a", "--to", "json", "-o"], "-o needs a value"],
    [["export", "a", "--to", "json", "--json"], "--json belongs to check"],
    [["export", "a", "--to", "csv", "--format", "csv"], "--format belongs to check"],
    [["check", "a", "--to", "json"], "--to belongs to export"],
    [["check", "a", "-o", "x"], "-o belongs to export"],
    [["check"], "at least one file"],
    [["check", "a", "--format", "html"], '--format must be table, markdown or csv, not "html"'],
    [["check", "a", "--format"], "--format needs a value"],
    [["check", "a", "--order", "whc"], '--order must be chw or hwc, not "whc"'],
    [["check", "a", "--order="], "--order needs a value"],
    [["check", "a", "--verbose"], "unknown option --verbose"],
    [["check", "a", "--json=yes"], "--json takes no value"],
    [["check", "a", "--json", "--format", "csv"], "--json and --format cannot be combined"],
  ])("rejects %j", (argv, message) => {
    const parsed = parseArgs(argv);
    expect(parsed.kind).toBe("usage-error");
    expect(parsed.kind === "usage-error" && parsed.message).toContain(message);
  });
});
