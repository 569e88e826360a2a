/**
 * VS Code refuses to open a file as a text document when its first 512 bytes hold a zero byte
 * (its own binary detection), before any custom text editor sees it; the user then gets only a
 * generic "could not be opened" error. This finds that byte so we can say what is wrong.
 */
export const BINARY_PROBE_BYTES = 512;

/** Offset of the first zero byte within the probe window, or -1 when the head looks like text. */
export function firstZeroByte(bytes: Uint8Array): number {
  const end = Math.min(bytes.length, BINARY_PROBE_BYTES);
  for (let offset = 0; offset < end; offset++) if (bytes[offset] === 0) return offset;
  return -1;
}

/** The message shown for a binary *.cnn.json file. */
export function binaryFileMessage(fileName: string, offset: number): string {
  return `${fileName} is not a text file (a zero byte at offset ${offset}), so neither CNN Designer nor the text editor can open it: a *.cnn.json file is JSON text. Restore it (for example from git) or rename it if it is not a layer spec.`;
}
