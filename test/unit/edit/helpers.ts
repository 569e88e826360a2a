import { expect } from "vitest";
import { applyIntent, applyTextEdits, type EditIntent } from "../../../src/engine/edit";

/** Applies an intent and checks the result byte for byte, both as text and as edits. */
export function expectIntent(before: string, intent: EditIntent, after: string): void {
  const result = applyIntent(before, intent);
  if (!result.ok) throw new Error(`refused: ${result.error.code}: ${result.error.message}`);
  expect(result.text).toBe(after);
  expect(applyTextEdits(before, result.edits)).toBe(after);
}

/** Expects a refusal with the given code and the text untouched. */
export function expectRefusal(before: string, intent: EditIntent, code: string): string {
  const result = applyIntent(before, intent);
  if (result.ok) throw new Error(`expected a refusal (${code}), got:\n${result.text}`);
  expect(result.error.code).toBe(code);
  return result.error.message;
}

/** A LeNet-like template in the templates' style: header comment, one line per layer. */
export const compact = `// A small net.
{
  "version": 1,
  "input": [1, 28, 28],
  "layers": [
    { "id": "c1", "type": "conv2d", "filters": 6, "kernel": 5 },
    { "id": "s2", "type": "maxpool2d", "kernel": 2 },
    { "id": "c3", "type": "conv2d", "filters": 16, "kernel": 5 }, // the second conv
    { "id": "flat", "type": "flatten" },
    { "id": "out", "type": "linear", "units": 10 }
  ]
}
`;

/** Multi-line layers, comments between and after values, a trailing comma, an unknown key. */
export const multiline = `{
  // comment at top
  "version": 1,
  "input": [3, 64, 64], // trailing
  "layers": [
    {
      "id": "a",
      "type": "conv2d", // the stem
      "filters": 4,
      "kernel": 3,
    },
    // next comes b
    {
      "id": "b",
      "type": "relu"
    }
  ],
  "extra": { "keep": true }
}
`;
