import { describe, expect, it } from "vitest";
import { BINARY_PROBE_BYTES, binaryFileMessage, firstZeroByte } from "../../../src/extension/binaryText";

describe("binary *.cnn.json detection", () => {
  it("finds the first zero byte in the head VS Code probes", () => {
    expect(firstZeroByte(Uint8Array.from([0x7b, 0x22, 0x00, 0x01, 0x00]))).toBe(2);
    const late = new Uint8Array(BINARY_PROBE_BYTES + 10).fill(0x20);
    late[BINARY_PROBE_BYTES + 3] = 0;
    expect(firstZeroByte(late)).toBe(-1);
    late[BINARY_PROBE_BYTES - 1] = 0;
    expect(firstZeroByte(late)).toBe(BINARY_PROBE_BYTES - 1);
  });

  it("treats JSON text, UTF-8 included, as text", () => {
    expect(firstZeroByte(new TextEncoder().encode(`{ "name": "Réseau – 3×3", "layers": [] }`))).toBe(-1);
    expect(firstZeroByte(new Uint8Array())).toBe(-1);
  });

  it("says which file, where, and what to do", () => {
    const message = binaryFileMessage("x.cnn.json", 7);
    expect(message).toContain("x.cnn.json is not a text file (a zero byte at offset 7)");
    expect(message).toContain("Restore it");
  });
});
