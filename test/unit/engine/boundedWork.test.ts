/**
 * Issue #15 (hostile files): work grows with the text, not faster. Counts the work itself
 * (tree parses, id look-ups) and checks each closed form / bounded search against the plain
 * definition on every small case, so the bounds cost no exactness.
 */
import type * as JsoncParser from "jsonc-parser";
import { describe, expect, it, vi } from "vitest";

vi.mock("jsonc-parser", async (importOriginal) => {
  const original = await importOriginal<typeof JsoncParser>();
  return { ...original, parseTree: vi.fn(original.parseTree) };
});

import { parseTree } from "jsonc-parser";
import { analyze, locate, positionInText } from "../../../src/engine";
import { unusedSuffix } from "../../../src/engine/freshIds";
import { MAX_FIX_CANDIDATES } from "../../../src/engine/limits";
import { nearestGroups } from "../../../src/engine/layers/convCommon";
import { paddingOnlyOutputs } from "../../../src/engine/layers/paddingOnlyWindows";
import { paddingThatReadsAll, strideThatReadsAll, type UnreadOptions, type WindowGeometry } from "../../../src/engine/layers/window";
import { convOutputSize } from "../../../src/engine/geometry";
import { summarize, toTextTable } from "../../../src/engine/summary";
import { unreadAxis } from "../../../src/engine/unread";

class CountingSet extends Set<string> {
  lookups = 0;
  override has(value: string): boolean {
    this.lookups++;
    return super.has(value);
  }
}

describe("locating", () => {
  it("parses a text once however many paths are located, the analysis included (3,000 related locations used to mean 3,000 parses)", () => {
    const layers = [{ id: "bad", type: "flatten" }, ...Array.from({ length: 3000 }, (_, index) => ({ id: `r${index}`, type: "conv2d", filters: 4, kernel: 3, inputs: ["bad"] }))];
    const text = JSON.stringify({ input: [1, 8, 8], layers }, null, 1);
    vi.mocked(parseTree).mockClear();
    const analysis = analyze(text);
    expect(analysis.diagnostics).toHaveLength(3000);
    const producer = locate(text, ["layers", 0]);
    for (const diagnostic of analysis.diagnostics) {
      for (const related of diagnostic.related ?? []) expect(locate(text, related.path)).toEqual(producer);
    }
    expect(vi.mocked(parseTree)).toHaveBeenCalledTimes(1);
  });

  it("finds keys of a 20,000-key object through an index, the last duplicate winning as in JSON.parse", () => {
    const keys = Array.from({ length: 20000 }, (_, index) => `"k${index}": ${index}`);
    const text = `{${keys.join(", ")}, "k5": "last"}`;
    expect(text.slice(locate(text, ["k19999"]).offset).startsWith("19999")).toBe(true);
    expect(text.slice(locate(text, ["k5"]).offset).startsWith('"last"')).toBe(true);
  });

  it("positionInText agrees with counting line ends, in one pass per text", () => {
    const text = "a\nbc\r\n\nd";
    for (let offset = -1; offset <= text.length + 1; offset++) {
      const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
      const line = before.split("\n").length;
      expect(positionInText(text, offset)).toEqual({ line, column: before.length - before.lastIndexOf("\n") });
    }
  });
});

describe("fresh ids", () => {
  it("15,000 requests against ids x_2 … x_15001 cost O(ids), not O(requests · ids)", () => {
    const ids = new CountingSet(Array.from({ length: 15000 }, (_, index) => `x_${index + 2}`));
    for (let request = 0; request < 15000; request++) expect(unusedSuffix("x", ids, 2)).toBe("x_15002");
    expect(ids.lookups).toBe(15001);
  });

  it("8,000 linear layers needing a flatten all get flatten_8001, analysed in linear work", () => {
    const layers = Array.from({ length: 8000 }, (_, index) => ({ id: `flatten_${index + 1}`, type: "linear", units: 2, inputs: ["input"] }));
    const analysis = analyze({ input: [1, 2, 2], layers });
    expect(analysis.diagnostics).toHaveLength(8000);
    expect(analysis.diagnostics[7999].fixes?.[0].edits[0]).toEqual({ kind: "set", path: ["layers", 7999, "inputs"], value: ["flatten_8001"] });
  });
});

describe("no argument spreads over file-sized arrays", () => {
  it("a concat of 200,000 inputs and a 200,000-row table", () => {
    const analysis = analyze({ input: [1, 1, 1], layers: [{ id: "a", type: "relu" }, { id: "c", type: "concat", inputs: Array(200000).fill("a") }] });
    expect(analysis.nodes[1].outputShape).toEqual([200000, 1, 1]);
    const summary = summarize(analysis);
    expect(summary.rows[1].depth).toBe(2);
    summary.rows = Array.from({ length: 200000 }, () => summary.rows[0]);
    expect(toTextTable(summary).split("\n").length).toBeGreaterThan(200000);
  });
});

/** The old searches, by definition: every padding above the current one / every stride below. */
function bruteForce(geometry: WindowGeometry, options: UnreadOptions, axis: 0 | 1) {
  const unreadWith = (stride: number, padding: number) => {
    const output = options.outputFor(axis, stride, padding);
    return output < 1 ? undefined : unreadAxis({
      input: geometry.input[axis], kernel: geometry.kernel[axis], stride, dilation: geometry.dilation[axis], padBefore: padding,
      padAfter: padding, output,
    }).image;
  };
  let padding: number | undefined;
  for (
    let candidate = geometry.padBefore[axis] + 1;
    candidate <= geometry.dilation[axis] * (geometry.kernel[axis] - 1) + 1 && padding === undefined;
    candidate++
  ) {
    if (unreadWith(geometry.stride[axis], candidate) === 0) padding = candidate;
  }
  let stride: number | undefined;
  for (let candidate = geometry.stride[axis] - 1; candidate >= 1 && stride === undefined; candidate--) {
    if (unreadWith(candidate, geometry.padBefore[axis]) === 0) stride = candidate;
  }
  return { padding, stride };
}

describe("bounded fix searches equal the exhaustive ones on every small case", () => {
  it("stride (always) and padding (undilated, or within the candidates) that read every pixel: conv up to stride 30, kernel 12, dilation 3", () => {
    let compared = 0;
    for (let input = 1; input <= 40; input += 3) {
      for (let kernel = 1; kernel <= 12; kernel++) {
        for (let stride = 2; stride <= 30; stride += 2) {
          for (const dilation of [1, 2, 3]) {
            for (const padding of [0, 1, 3]) {
              const options: UnreadOptions = {
                paddingAdjustable: true, outputFor: (_axis, s, p) => convOutputSize(input, kernel, s, p, p, dilation),
              };
              const output = options.outputFor(0, stride, padding);
              if (output < 1) continue;
              const geometry: WindowGeometry = {
                input: [input, input], kernel: [kernel, kernel], stride: [stride, stride], dilation: [dilation, dilation],
                padBefore: [padding, padding], padAfter: [padding, padding], output: [output, output],
              };
              const expected = bruteForce(geometry, options, 0);
              const found = { padding: paddingThatReadsAll(geometry, 0, options), stride: strideThatReadsAll(geometry, 0, options) };
              expect(found.stride, JSON.stringify(geometry)).toEqual(expected.stride);
              const effectiveKernel = dilation * (kernel - 1) + 1;
              if (dilation === 1 || effectiveKernel - padding <= MAX_FIX_CANDIDATES) {
                expect(found.padding, JSON.stringify(geometry)).toEqual(expected.padding);
                compared++;
              } else if (found.padding !== undefined) {
                // a dilated window spanning more than the candidates: a valid padding, maybe not the smallest
                expect(found.padding).toBeGreaterThanOrEqual(expected.padding ?? Infinity);
                expect(unreadAxis({
                  input, kernel, stride, dilation, padBefore: found.padding, padAfter: found.padding,
                  output: options.outputFor(0, stride, found.padding),
                }).image).toBe(0);
              }
            }
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(5000);
  });

  it("padding-only pool windows: the floor-sum count equals checking every tap", () => {
    for (let input = 1; input <= 6; input++) {
      for (let kernel = 2; kernel <= 5; kernel++) {
        for (let padding = 1; padding <= Math.floor(kernel / 2); padding++) {
          for (let stride = 1; stride <= 4; stride++) {
            for (let dilation = 1; dilation <= 12; dilation++) {
              const span = input + 2 * padding - dilation * (kernel - 1) - 1;
              if (span < 0) continue;
              const output = Math.floor(span / stride) + 1;
              const expected: number[] = [];
              for (let index = 0; index < output; index++) {
                const taps = Array.from({ length: kernel }, (_, tap) => index * stride + tap * dilation - padding);
                if (!taps.some((position) => position >= 0 && position < input)) expected.push(index);
              }
              const found = paddingOnlyOutputs({ input, kernel, stride, dilation, padding, output });
              expect({ count: found.count, first: found.first }).toEqual({ count: expected.length, first: expected.slice(0, 8) });
            }
          }
        }
      }
    }
  });

  it("nearest groups: every divisor considered up to 2^24 channels; bounded above", () => {
    const exhaustive = (groups: number, total: number) => {
      let best = 1;
      for (let candidate = 1; candidate <= total; candidate++) {
        if (total % candidate === 0 && Math.abs(candidate - groups) < Math.abs(best - groups)) best = candidate;
      }
      return best;
    };
    for (let total = 1; total <= 300; total++) for (const groups of [2, 3, 7, 16, 100, 299, 5000]) expect(nearestGroups(groups, total), `${groups} of ${total}`).toBe(exhaustive(groups, total));
    expect(nearestGroups(1e15, 2 ** 52 + 1)).toBeGreaterThan(1);
    expect((2 ** 52 + 1) % nearestGroups(1e15, 2 ** 52 + 1)).toBe(0);
  });
});
