// Each target's escaping rule (src/engine/export/escapes.ts). The Python forms are also checked
// by Python itself (ast.literal_eval) in test/pytorch/hostileExport.test.ts.
import { describe, expect, it } from "vitest";
import { csvField, jsonWithSafeCharacters, markdownCell, pythonComment, pythonString, terminalText, visibleEscapes } from "../../../src/engine/export/escapes";

/** OSC 52: asks the terminal to put "hello" on the clipboard. */
const clipboardWrite = "\u001b]52;c;aGVsbG8=\u0007";

describe("visibleEscapes", () => {
  it.each([
    ["\u001b[31mred", "\\x1b[31mred"],
    ["a\u0000b", "a\\x00b"],
    ["line\nbreak\r\n", "line\\x0abreak\\x0d\\x0a"],
    ["tab\there", "tab\\x09here"],
    ["del\u007f", "del\\x7f"],
    ["c1 csi\u009b2J", "c1 csi\\x9b2J"],
    ["sep\u2028par\u2029", "sep\\u2028par\\u2029"],
    ["bidi\u202eevil\u2066", "bidi\\u202eevil\\u2066"],
    ["bom\ufeff", "bom\\ufeff"],
    ["lone\ud800surrogate", "lone\\ud800surrogate"],
  ])("%j → %j", (text, expected) => {
    expect(visibleEscapes(text)).toBe(expected);
  });

  it("keeps printable text, accents and emoji (surrogate pairs) as they are", () => {
    expect(visibleEscapes("Réseau ×3 → 😀 C:\\Users")).toBe("Réseau ×3 → 😀 C:\\Users");
  });
});

describe("terminalText", () => {
  it("keeps line feeds, tabs and CRLF; escapes ESC, BEL, C1 and a lone CR", () => {
    expect(terminalText(`a\tb\nc\r\nd${clipboardWrite}\rover\u009b`)).toBe("a\tb\nc\r\nd\\x1b]52;c;aGVsbG8=\\x07\\x0dover\\x9b");
  });

  it("leaves no control character but line feed, tab and CR-before-LF", () => {
    const all = Array.from({ length: 0xa0 }, (_, code) => String.fromCharCode(code)).join("");
    const printed = terminalText(all);
    // eslint-disable-next-line no-control-regex -- control characters are what is tested
    const controls = [...printed].filter((character) => /[\u0000-\u001f\u007f-\u009f]/.test(character));
    expect(controls).toEqual(["\t", "\n"]);
  });
});

describe("jsonWithSafeCharacters", () => {
  it("writes C1, separators, bidirectional controls and BOM as \\u escapes: the same JSON value", () => {
    const value = { name: `x\u0085\u2028\u202e\ufeff\u007f${clipboardWrite}`, list: [1, 2] };
    const text = jsonWithSafeCharacters(JSON.stringify(value, null, 2));
    expect(JSON.parse(text)).toEqual(value);
    expect(text).toContain("\\u0085\\u2028\\u202e\\ufeff\\u007f\\u001b]52");
    expect(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\ufeff]/.test(text)).toBe(false);
    expect(text.split("\n")).toHaveLength(7); // the indentation's line breaks stay
  });
});

describe("pythonString", () => {
  it.each([
    ['say """hi"""', '"say \\"\\"\\"hi\\"\\"\\""'],
    ["C:\\Users\\new", '"C:\\\\Users\\\\new"'],
    ["a\nimport os\r\u0000", '"a\\x0aimport os\\x0d\\x00"'],
    ["\u2028é😀", '"\\u2028\\xe9\\U0001f600"'],
    ["lone\udc00", '"lone\\udc00"'],
  ])("%j → %j", (text, expected) => {
    expect(pythonString(text)).toBe(expected);
  });

  it("is printable ASCII between its quotes, with no unescaped quote", () => {
    const literal = pythonString(`"\\${clipboardWrite}\u2028😀\n'`);
    expect(/^"[\x20-\x7e]*"$/.test(literal)).toBe(true);
    expect(literal.slice(1, -1).replace(/\\./g, "")).not.toContain('"');
  });
});

describe("pythonComment", () => {
  it("is one line starting with # whatever the text holds", () => {
    const comment = pythonComment('x"""\nimport os; os.system("touch /tmp/p")\r\u2028\u0085\u000c');
    expect(comment.startsWith("# ")).toBe(true);
    // eslint-disable-next-line no-control-regex -- control characters are what is tested
    expect(/[\n\r\u2028\u2029\u0085\u000c]/.test(comment)).toBe(false);
    expect(comment).toBe('# x"""\\x0aimport os; os.system("touch /tmp/p")\\x0d\\u2028\\x85\\x0c');
  });
});

/** The cells of a Markdown table row: split on pipes that are not backslash-escaped. */
function rowCells(row: string): string[] {
  return row.replace(/\\./g, "__").split("|").slice(1, -1);
}

describe("markdownCell", () => {
  it.each([
    ["A|B", "A\\|B"],
    ["two\nlines\r\nand\u2028more", "two lines and more"],
    ["<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"],
    ["Tom & Jerry", "Tom &amp; Jerry"],
    ["back\\slash", "back\\\\slash"],
    ["[click](javascript:alert(1)) *bold* `code` ~~gone~~", "\\[click\\](javascript:alert(1)) \\*bold\\* \\`code\\` \\~\\~gone\\~\\~"],
    [`esc${clipboardWrite}`, "esc\\\\x1b\\]52;c;aGVsbG8=\\\\x07"],
  ])("%j → %j", (text, expected) => {
    expect(markdownCell(text)).toBe(expected);
  });

  it("keeps a row of hostile cells one row with the same number of columns", () => {
    const row = `| ${["a|b|c", "x\n| y | z |", "<b>|</b>", "\\|"].map(markdownCell).join(" | ")} |`;
    expect(row.split("\n")).toHaveLength(1);
    expect(rowCells(row)).toHaveLength(4);
    expect(row).not.toMatch(/<[a-z/]/i);
  });
});

describe("csvField", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["\t=1", "'\t=1"],
    ["=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""],
    ["=a,b", "\"'=a,b\""],
  ])("neutralises the formula %j → %j", (text, expected) => {
    expect(csvField(text)).toBe(expected);
  });

  it("keeps numbers numbers, as numbers or as numeric text", () => {
    expect(csvField(-1)).toBe("-1");
    expect(csvField(0.5)).toBe("0.5");
    expect(csvField("-1")).toBe("-1");
    expect(csvField("+2.5")).toBe("+2.5");
  });

  it("leaves ordinary text alone and still quotes as RFC 4180 says", () => {
    expect(csvField("conv 3×3 /1 ×4 - relu")).toBe("conv 3×3 /1 ×4 - relu");
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
  });
});
