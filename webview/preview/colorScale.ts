/**
 * Colour scales for feature maps and kernels (pure). Maps arrive as 8-bit pixels where 0 is
 * the channel's minimum and 255 its maximum; a 256-entry lookup table turns them into RGBA.
 * grey: minimum → black, maximum → white. diverging: symmetric around 0, negative → blue,
 * 0 → white, positive → red, with ±max(|minimum|, |maximum|) at the ends.
 */

export type ColourScaleChoice = "auto" | "grey" | "diverging";
export type ColourScale = "grey" | "diverging";

export interface Rgb {
  red: number;
  green: number;
  blue: number;
}

export interface DivergingPalette {
  negative: Rgb;
  middle: Rgb;
  positive: Rgb;
}

/** Used when the theme gives no --vscode-charts-blue / --vscode-charts-red. */
export const DEFAULT_PALETTE: DivergingPalette = {
  negative: { red: 0x37, green: 0x94, blue: 0xff },
  middle: { red: 0xff, green: 0xff, blue: 0xff },
  positive: { red: 0xf1, green: 0x4c, blue: 0x4c },
};

/** auto: diverging when the values have a sign (the minimum is below 0), grey otherwise. */
export function resolveScale(choice: ColourScaleChoice, minimum: number): ColourScale {
  if (choice !== "auto") return choice;
  return minimum < 0 ? "diverging" : "grey";
}

/** "#rgb", "#rrggbb", "#rrggbbaa" or "rgb(r, g, b)" → Rgb; null when not understood. */
export function parseCssColour(text: string): Rgb | null {
  const value = text.trim();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(value);
  if (hex) {
    const digits = hex[1].length === 3 ? [...hex[1]].map((digit) => digit + digit).join("") : hex[1].slice(0, 6);
    return { red: parseInt(digits.slice(0, 2), 16), green: parseInt(digits.slice(2, 4), 16), blue: parseInt(digits.slice(4, 6), 16) };
  }
  const rgb = /^rgba?\(\s*(\d+)[ ,]+(\d+)[ ,]+(\d+)/i.exec(value);
  if (rgb) return { red: Number(rgb[1]), green: Number(rgb[2]), blue: Number(rgb[3]) };
  return null;
}

function mix(from: Rgb, to: Rgb, amount: number): Rgb {
  return {
    red: Math.round(from.red + (to.red - from.red) * amount),
    green: Math.round(from.green + (to.green - from.green) * amount),
    blue: Math.round(from.blue + (to.blue - from.blue) * amount),
  };
}

/** The colour of `value` on a diverging scale whose ends are ±limit (limit ≤ 0: the middle colour). */
export function divergingColour(value: number, limit: number, palette: DivergingPalette = DEFAULT_PALETTE): Rgb {
  if (!(limit > 0)) return palette.middle;
  const position = Math.max(-1, Math.min(1, value / limit));
  return position < 0 ? mix(palette.middle, palette.negative, -position) : mix(palette.middle, palette.positive, position);
}

/** The grey level of `value` between minimum (black) and maximum (white). */
export function greyColour(value: number, minimum: number, maximum: number): Rgb {
  const range = maximum - minimum;
  const level = range > 0 ? Math.round(((value - minimum) / range) * 255) : 0;
  const clamped = Math.max(0, Math.min(255, level));
  return { red: clamped, green: clamped, blue: clamped };
}

/** RGBA for each of the 256 pixel levels of a map whose levels span [minimum, maximum]. */
export function lookupTable(
  minimum: number, maximum: number, scale: ColourScale, palette: DivergingPalette = DEFAULT_PALETTE,
): Uint8ClampedArray<ArrayBuffer> {
  const table = new Uint8ClampedArray(256 * 4);
  const limit = Math.max(Math.abs(minimum), Math.abs(maximum));
  for (let level = 0; level < 256; level++) {
    const value = minimum + (level / 255) * (maximum - minimum);
    const colour = scale === "grey" ? greyColour(value, minimum, maximum) : divergingColour(value, limit, palette);
    table.set([colour.red, colour.green, colour.blue, 255], level * 4);
  }
  return table;
}

/** 8-bit map pixels → RGBA through a lookup table. */
export function colourizePixels(pixels: Uint8Array, table: Uint8ClampedArray): Uint8ClampedArray<ArrayBuffer> {
  const rgba = new Uint8ClampedArray(pixels.length * 4);
  for (let index = 0; index < pixels.length; index++) {
    const base = pixels[index] * 4;
    rgba[index * 4] = table[base];
    rgba[index * 4 + 1] = table[base + 1];
    rgba[index * 4 + 2] = table[base + 2];
    rgba[index * 4 + 3] = 255;
  }
  return rgba;
}

/** Float values (kernels, 1-D outputs) → RGBA on one shared scale. */
export function colourizeValues(
  values: readonly number[], scale: ColourScale, minimum: number, maximum: number, palette: DivergingPalette = DEFAULT_PALETTE,
): Uint8ClampedArray<ArrayBuffer> {
  const rgba = new Uint8ClampedArray(values.length * 4);
  const limit = Math.max(Math.abs(minimum), Math.abs(maximum));
  values.forEach((value, index) => {
    const colour = scale === "grey" ? greyColour(value, minimum, maximum) : divergingColour(value, limit, palette);
    rgba.set([colour.red, colour.green, colour.blue, 255], index * 4);
  });
  return rgba;
}
