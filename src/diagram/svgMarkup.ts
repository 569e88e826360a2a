/**
 * Small helpers for writing SVG as text: escaping, colours as fill/stroke plus opacity (so
 * that viewers without CSS Color 4 show them), number formatting and text fitting by an
 * estimated glyph width (a standalone SVG cannot measure its text).
 */

/** Characters XML 1.0 does not allow at all (C0 controls except tab, newline, carriage return). */
// eslint-disable-next-line no-control-regex -- matching the control characters is the point
const forbiddenCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text and attribute values: `& < > " '` become entities, forbidden characters are dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(forbiddenCharacters, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** One decimal at most, no "-0". */
export function formatNumber(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Object.is(rounded, -0) ? "0" : String(rounded);
}

const rgbaPattern = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/i;
const hexAlphaPattern = /^#([0-9a-f]{6})([0-9a-f]{2})$|^#([0-9a-f]{3})([0-9a-f])$/i;

interface SplitColour {
  colour: string;
  opacity?: number;
}

function alphaValue(text: string): number {
  return text.endsWith("%") ? Number(text.slice(0, -1)) / 100 : Number(text);
}

/** `rgba(1, 2, 3, 0.5)` → `rgb(1, 2, 3)` + 0.5; `#11223380` → `#112233` + 0.5; anything else as is. */
export function splitAlpha(colour: string): SplitColour {
  const text = colour.trim();
  const rgba = rgbaPattern.exec(text);
  if (rgba) {
    const opacity = rgba[4] === undefined ? undefined : alphaValue(rgba[4]);
    return { colour: `rgb(${rgba[1]}, ${rgba[2]}, ${rgba[3]})`, opacity: opacity === 1 ? undefined : opacity };
  }
  const hex = hexAlphaPattern.exec(text);
  if (hex) {
    const alpha = hex[2] !== undefined ? parseInt(hex[2], 16) / 255 : parseInt(hex[4] + hex[4], 16) / 255;
    return { colour: `#${hex[1] ?? hex[3]}`, opacity: alpha === 1 ? undefined : Math.round(alpha * 1000) / 1000 };
  }
  return { colour: text === "" ? "none" : text };
}

/** ` fill="rgb(…)" fill-opacity="0.5"` (leading space), for `fill` or `stroke`. */
export function paint(attribute: "fill" | "stroke", colour: string): string {
  const { colour: solid, opacity } = splitAlpha(colour);
  const base = ` ${attribute}="${escapeXml(solid)}"`;
  return opacity === undefined ? base : `${base} ${attribute}-opacity="${Math.round(opacity * 1000) / 1000}"`;
}

/** Average advance of a glyph, in ems, per font (generous, so fitted text rarely overflows). */
export const glyphWidth = { sans: 0.58, sansBold: 0.62, mono: 0.6 } as const;

export type FontKind = keyof typeof glyphWidth;

export function estimateTextWidth(text: string, fontSize: number, font: FontKind): number {
  return [...text].length * fontSize * glyphWidth[font];
}

/** The text, cut with "…" so that its estimated width fits `maxWidth` (empty when nothing fits). */
export function fitText(text: string, maxWidth: number, fontSize: number, font: FontKind): string {
  const characters = [...text];
  const perCharacter = fontSize * glyphWidth[font];
  const capacity = Math.floor(maxWidth / perCharacter);
  if (characters.length <= capacity) return text;
  if (capacity < 2) return "";
  return `${characters.slice(0, capacity - 1).join("")}…`;
}
