import { describe, expect, it } from "vitest";
import { exportIdOf, isDiagramFormat, maxDiagramBytes, maxDiagramCharacters, validateViewToHost } from "../../../src/protocol";

function refusedBecause(message: unknown): string {
  const result = validateViewToHost(message);
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.value)}`);
  return result.reason;
}

describe("diagramExport messages", () => {
  it.each([
    { type: "diagramExport", exportId: 1, ok: true, format: "svg", data: "<svg/>" },
    { type: "diagramExport", exportId: 2, ok: true, format: "png", data: "iVBORw0KGgo=" },
    { type: "diagramExport", exportId: 0, ok: false, message: "The graph has not been laid out yet." },
  ])("accepts $format $ok", (message) => {
    const result = validateViewToHost(message);
    expect(result).toEqual({ ok: true, value: message });
  });

  it.each([
    [{ type: "diagramExport", ok: true, format: "svg", data: "x" }, /"exportId" must be an integer/],
    [{ type: "diagramExport", exportId: -1, ok: true, format: "svg", data: "x" }, /"exportId" must be an integer/],
    [{ type: "diagramExport", exportId: 1.5, ok: true, format: "svg", data: "x" }, /"exportId" must be an integer/],
    [{ type: "diagramExport", exportId: 1, ok: true, format: "jpeg", data: "x" }, /"format" must be "svg" or "png"/],
    [{ type: "diagramExport", exportId: 1, ok: true, format: "svg", data: 42 }, /"data" must be a string/],
    [{ type: "diagramExport", exportId: 1, ok: true, format: "svg", data: "" }, /"data" is empty/],
    [{ type: "diagramExport", exportId: 1, ok: true, format: "svg", data: "x", message: "m" }, /unexpected key "message"/],
    [{ type: "diagramExport", exportId: 1, ok: false, message: "m", data: "x" }, /unexpected key "data"/],
    [{ type: "diagramExport", exportId: 1, ok: false }, /"message" must be a string/],
    [{ type: "diagramExport", exportId: 1, ok: "yes", message: "m" }, /"ok" must be true or false/],
  ])("refuses %j", (message, reason) => {
    expect(refusedBecause(message)).toMatch(reason);
  });

  it("refuses data over the size cap with the limit in megabytes, and accepts data at the cap", () => {
    const atCap = "A".repeat(maxDiagramCharacters);
    expect(validateViewToHost({ type: "diagramExport", exportId: 3, ok: true, format: "png", data: atCap }).ok).toBe(true);
    const reason = refusedBecause({ type: "diagramExport", exportId: 3, ok: true, format: "png", data: `${atCap}A` });
    expect(reason).toBe("the diagram is larger than the 20 MB limit");
  });

  it("sizes the cap for 20 MB of PNG as base64", () => {
    expect(maxDiagramBytes).toBe(20 * 1024 * 1024);
    expect(maxDiagramCharacters).toBe(27962028);
  });

  it("finds the export id of a message that failed validation", () => {
    expect(exportIdOf({ exportId: 7, ok: true, format: "gif" })).toBe(7);
    expect(exportIdOf({ exportId: "7" })).toBeUndefined();
    expect(exportIdOf({})).toBeUndefined();
  });

  it("knows the two formats", () => {
    expect(["svg", "png", "SVG", "pdf", undefined].map(isDiagramFormat)).toEqual([true, true, false, false, false]);
  });
});
