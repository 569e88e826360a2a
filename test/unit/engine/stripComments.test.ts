import { describe, expect, it } from "vitest";
import { analyze } from "../../../src/engine";
import { stripJsonComments } from "../../../src/engine/stripComments";

describe("stripJsonComments", () => {
  it("blanks line and block comments and keeps every offset and line break", () => {
    const text = '// head\n{ "a": 1, /* two\nlines */ "b": [2] }\r\n// tail';
    const stripped = stripJsonComments(text);
    expect(stripped).toBe('       \n{ "a": 1,       \n         "b": [2] }\r\n       ');
    expect(stripped?.length).toBe(text.length);
    expect(JSON.parse(stripped ?? "")).toEqual({ a: 1, b: [2] });
  });

  it("leaves comment markers inside strings alone, escaped quotes included", () => {
    const text = '{ "url": "http://x/*y*/", "q": "say \\"//\\"" } // c';
    expect(JSON.parse(stripJsonComments(text) ?? "")).toEqual({ url: "http://x/*y*/", q: 'say "//"' });
  });

  it("returns undefined when there is nothing to strip or a comment never ends", () => {
    expect(stripJsonComments('{ "a": "no comment" }')).toBeUndefined();
    expect(stripJsonComments('{ "a": "x/y" }')).toBeUndefined();
    expect(stripJsonComments('{ "a": 1 } /* open')).toBeUndefined();
  });

  it("gives analyze the same result and the same diagnostic offsets as without comments", () => {
    const plain = '{ "input": [1, 7, 7], "layers": [ { "id": "c", "type": "conv2d", "filters": 2, "kernel": 9 } ] }';
    const commented = plain.replace('"layers"', '/* the layers */ "layers"').replace("{ \"input\"", "// net\n{ \"input\"");
    const [before, after] = [analyze(plain), analyze(commented)];
    expect(after.diagnostics.map((d) => d.code)).toEqual(before.diagnostics.map((d) => d.code));
    const shift = commented.indexOf('"kernel"') - plain.indexOf('"kernel"');
    expect(after.diagnostics[0]?.offset).toBe((before.diagnostics[0]?.offset ?? 0) + shift);
  });
});
