import { describe, expect, it } from "vitest";
import { MAX_UNREAD_PATTERN_CLASSES } from "../../../src/engine/limits";
import { NOT_CHECKED, unreadAxis, type AxisWindow } from "../../../src/engine/unread";

/** The definition, by marking every tap (the closed form must agree with it). */
function markedUnread(window: AxisWindow) {
  const padded = window.input + window.padBefore + window.padAfter;
  const read = new Uint8Array(padded);
  for (let output = 0; output < window.output; output++) {
    for (let tap = 0; tap < window.kernel; tap++) {
      const position = output * window.stride + tap * window.dilation;
      if (position < padded) read[position] = 1;
    }
  }
  let image = 0;
  let padding = 0;
  let lastReadImage = -1;
  const imageIndices: number[] = [];
  for (let position = 0; position < padded; position++) {
    const index = position - window.padBefore;
    const inImage = index >= 0 && index < window.input;
    if (read[position]) {
      if (inImage) lastReadImage = index;
    } else if (inImage) {
      image++;
      if (imageIndices.length < 8) imageIndices.push(index);
    } else {
      padding++;
    }
  }
  return { checked: true, image, padding, imageIndices, onlyAtEnd: imageIndices.every((index) => index > lastReadImage) };
}

/** A small deterministic pseudo-random generator (no Math.random in tests). */
function generator(seed: number): (limit: number) => number {
  let state = seed;
  return (limit) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return 1 + (state % limit);
  };
}

describe("unreadAxis (closed form)", () => {
  it("agrees with marking every tap on 5,000 small windows", () => {
    const next = generator(7);
    for (let trial = 0; trial < 5000; trial++) {
      const kernel = next(6);
      const dilation = next(5);
      const stride = next(9);
      const padBefore = next(4) - 1;
      const padAfter = next(4) - 1;
      const input = next(40);
      const ceil = next(2) === 2;
      const span = input + padBefore + padAfter - dilation * (kernel - 1) - 1;
      if (span < 0) continue;
      const output = (ceil ? Math.ceil(span / stride) : Math.floor(span / stride)) + 1;
      const window = { input, kernel, stride, dilation, padBefore, padAfter, output };
      expect(unreadAxis(window), JSON.stringify(window)).toEqual(markedUnread(window));
    }
  });

  it("decides huge sizes in closed form (stride 1e9, kernel 16000 on 32768, 2^31)", () => {
    expect(unreadAxis({ input: 64, kernel: 3, stride: 1e9, dilation: 1, padBefore: 0, padAfter: 0, output: 1 })).toMatchObject({
      checked: true, image: 61, imageIndices: [3, 4, 5, 6, 7, 8, 9, 10], onlyAtEnd: true,
    });
    expect(unreadAxis({ input: 32768, kernel: 16000, stride: 16001, dilation: 1, padBefore: 0, padAfter: 0, output: 2 })).toMatchObject({
      checked: true, image: 1 + 767, onlyAtEnd: false, imageIndices: [16000, 32001, 32002, 32003, 32004, 32005, 32006, 32007],
    });
    expect(unreadAxis({ input: 3e9, kernel: 2, stride: 2 ** 31, dilation: 1, padBefore: 0, padAfter: 0, output: 2 })).toMatchObject({
      checked: true, image: 3e9 - 4,
    });
    expect(unreadAxis({ input: 1e15, kernel: 3, stride: 2, dilation: 1, padBefore: 1, padAfter: 1, output: 5e14 })).toMatchObject({
      checked: true, image: 0,
    });
  });

  it("says 'not checked' (never 'nothing unread') past the class cap", () => {
    const classes = MAX_UNREAD_PATTERN_CLASSES + 1;
    // stride and dilation coprime and both larger than the cap, kernel and outputs too
    const window = {
      input: 1e7, kernel: classes, stride: 101, dilation: 103, padBefore: 0, padAfter: 0,
      output: Math.floor((1e7 - 103 * (classes - 1) - 1) / 101) + 1,
    };
    expect(unreadAxis(window)).toEqual(NOT_CHECKED);
    expect(unreadAxis({ ...window, kernel: MAX_UNREAD_PATTERN_CLASSES }).checked).toBe(true);
  });
});
