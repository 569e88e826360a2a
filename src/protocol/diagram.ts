/**
 * Diagram export traffic: the host asks a designer panel for its graph as laid out (SVG text
 * or a PNG as base64) and the panel answers. The request comes from the host, so it carries
 * its own `exportId` (not `requestId`, which numbers the view's requests and their replies).
 */

export type DiagramFormat = "svg" | "png";

/** The largest `data` the host accepts: 20 MB of PNG as base64 (4 characters per 3 bytes). */
export const maxDiagramBytes = 20 * 1024 * 1024;
export const maxDiagramCharacters = Math.ceil(maxDiagramBytes / 3) * 4;

export type DiagramHostToView =
  /** Render the graph as laid out in `format`; answered by `diagramExport` with the same exportId. */
  { type: "exportDiagramRequest"; exportId: number; format: DiagramFormat };

export type DiagramViewToHost =
  /** The diagram: SVG text, or the PNG file's bytes as base64. */
  | { type: "diagramExport"; exportId: number; ok: true; format: DiagramFormat; data: string }
  /** Why there is no diagram (no layout yet, the canvas failed, too large…), for the user. */
  | { type: "diagramExport"; exportId: number; ok: false; message: string };

export type DiagramValidated = { ok: true; value: DiagramViewToHost } | { ok: false; reason: string };

export function isDiagramFormat(value: unknown): value is DiagramFormat {
  return value === "svg" || value === "png";
}

function strayKey(fields: Record<string, unknown>, allowed: readonly string[]): string | undefined {
  return Object.keys(fields).find((key) => !allowed.includes(key));
}

function refuse(reason: string): DiagramValidated {
  return { ok: false, reason };
}

/** The export id of a `diagramExport` message, when it has a usable one (to fail the waiting export). */
export function exportIdOf(fields: Record<string, unknown>): number | undefined {
  const id = fields.exportId;
  return typeof id === "number" && Number.isSafeInteger(id) && id >= 0 ? id : undefined;
}

/** Checks a `diagramExport` message field by field; oversized data is refused with the limit in the reason. */
export function validateDiagramExport(fields: Record<string, unknown>): DiagramValidated {
  const exportId = exportIdOf(fields);
  if (exportId === undefined) return refuse(`"exportId" must be an integer ≥ 0`);
  if (fields.ok === true) {
    const stray = strayKey(fields, ["type", "exportId", "ok", "format", "data"]);
    if (stray !== undefined) return refuse(`unexpected key "${stray}" in message diagramExport`);
    if (!isDiagramFormat(fields.format)) return refuse(`"format" must be "svg" or "png"`);
    if (typeof fields.data !== "string") return refuse(`"data" must be a string`);
    if (fields.data.length > maxDiagramCharacters) return refuse(`the diagram is larger than the ${maxDiagramBytes / 1024 / 1024} MB limit`);
    if (fields.data.length === 0) return refuse(`"data" is empty`);
    return { ok: true, value: { type: "diagramExport", exportId, ok: true, format: fields.format, data: fields.data } };
  }
  if (fields.ok === false) {
    const stray = strayKey(fields, ["type", "exportId", "ok", "message"]);
    if (stray !== undefined) return refuse(`unexpected key "${stray}" in message diagramExport`);
    if (typeof fields.message !== "string" || fields.message.length > 2000) return refuse(`"message" must be a string of at most 2000 characters`);
    return { ok: true, value: { type: "diagramExport", exportId, ok: false, message: fields.message } };
  }
  return refuse(`"ok" must be true or false`);
}
