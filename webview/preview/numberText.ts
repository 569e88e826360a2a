/** Short number formatting for captions (pure). */

/** 3 significant digits, a real minus sign, exponent form for very large or small values. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  const text = magnitude >= 1e4 || magnitude < 1e-3 ? value.toExponential(2).replace(/\.?0+e/, "e") : String(Number(value.toPrecision(3)));
  return text.replace("-", "−");
}

/** "−3.9 … 4.0" */
export function formatRange(minimum: number, maximum: number): string {
  return `${formatValue(minimum)} … ${formatValue(maximum)}`;
}
