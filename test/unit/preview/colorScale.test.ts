import { describe, expect, it } from "vitest";
import {
  colourizePixels, colourizeValues, DEFAULT_PALETTE, divergingColour, greyColour, lookupTable, parseCssColour, resolveScale,
} from "../../../webview/preview/colorScale";

const white = { red: 255, green: 255, blue: 255 };

describe("colour scales", () => {
  it("auto picks diverging only for signed values", () => {
    expect(resolveScale("auto", -0.5)).toBe("diverging");
    expect(resolveScale("auto", 0)).toBe("grey");
    expect(resolveScale("grey", -3)).toBe("grey");
    expect(resolveScale("diverging", 2)).toBe("diverging");
  });

  it("diverging: −limit is the negative colour, 0 white, +limit the positive colour, halfway is the mix", () => {
    expect(divergingColour(-2, 2)).toEqual(DEFAULT_PALETTE.negative);
    expect(divergingColour(0, 2)).toEqual(white);
    expect(divergingColour(2, 2)).toEqual(DEFAULT_PALETTE.positive);
    expect(divergingColour(5, 2)).toEqual(DEFAULT_PALETTE.positive);
    // halfway from white (255) to 0x37 = 55: 155
    expect(divergingColour(-1, 2).red).toBe(155);
    expect(divergingColour(1, 0)).toEqual(white);
  });

  it("grey: minimum black, maximum white, a constant map black", () => {
    expect(greyColour(-3, -3, 5)).toEqual({ red: 0, green: 0, blue: 0 });
    expect(greyColour(5, -3, 5)).toEqual(white);
    expect(greyColour(1, -3, 5).red).toBe(128);
    expect(greyColour(2, 2, 2).red).toBe(0);
  });

  it("the lookup table maps pixel level 0 to the minimum and 255 to the maximum, symmetric around 0 when diverging", () => {
    const table = lookupTable(-1, 3, "diverging");
    // level 0 is −1 = −limit/3: a third of the way to blue
    expect([...table.slice(0, 4)]).toEqual([255 - Math.round((255 - 0x37) / 3), 255 - Math.round((255 - 0x94) / 3), 255, 255]);
    expect([...table.slice(255 * 4, 256 * 4)]).toEqual([0xf1, 0x4c, 0x4c, 255]);
    const grey = lookupTable(0, 10, "grey");
    expect([...grey.slice(0, 4)]).toEqual([0, 0, 0, 255]);
    expect([...grey.slice(255 * 4)]).toEqual([255, 255, 255, 255]);
  });

  it("colourizes pixels through the table and values on a shared scale", () => {
    const rgba = colourizePixels(new Uint8Array([0, 255]), lookupTable(0, 1, "grey"));
    expect([...rgba]).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
    const values = colourizeValues([-1, 0, 1], "diverging", -1, 1);
    expect([...values.slice(4, 8)]).toEqual([255, 255, 255, 255]);
    expect([...values.slice(8, 11)]).toEqual([0xf1, 0x4c, 0x4c]);
  });

  it("reads theme colours", () => {
    expect(parseCssColour(" #3794ff ")).toEqual({ red: 0x37, green: 0x94, blue: 0xff });
    expect(parseCssColour("#f00")).toEqual({ red: 255, green: 0, blue: 0 });
    expect(parseCssColour("#11223344")).toEqual({ red: 0x11, green: 0x22, blue: 0x33 });
    expect(parseCssColour("rgb(1, 2, 3)")).toEqual({ red: 1, green: 2, blue: 3 });
    expect(parseCssColour("")).toBeNull();
    expect(parseCssColour("blue")).toBeNull();
  });
});
