/** Shape and number formatting for screens. */

export type ShapeOrder = "CHW" | "HWC";

/** [16,10,10] → "16×10×10" (CHW) or "10×10×16" (HWC); [120] → "120"; null → "?". */
export function formatShape(shape: readonly number[] | null | undefined, order: ShapeOrder = "CHW"): string {
  if (!shape || shape.length === 0) return "?";
  const ordered = order === "HWC" && shape.length === 3 ? [shape[1], shape[2], shape[0]] : shape;
  return ordered.join("×");
}

/** 2416 → "2,416" (grouping with commas, locale-independent). */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const [whole, fraction] = String(Math.abs(value)).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${value < 0 ? "−" : ""}${grouped}${fraction ? `.${fraction}` : ""}`;
}
