/** The diverging scale's colours from the theme (--vscode-charts-blue / -red), following theme changes. */
import { useEffect, useState } from "react";
import { DEFAULT_PALETTE, parseCssColour, type DivergingPalette } from "./colorScale";

function readPalette(): DivergingPalette {
  const style = getComputedStyle(document.body);
  const read = (name: string) => parseCssColour(style.getPropertyValue(name));
  return {
    negative: read("--vscode-charts-blue") ?? DEFAULT_PALETTE.negative,
    middle: DEFAULT_PALETTE.middle,
    positive: read("--vscode-charts-red") ?? DEFAULT_PALETTE.positive,
  };
}

export function usePalette(): DivergingPalette {
  const [palette, setPalette] = useState(readPalette);
  useEffect(() => {
    // VS Code swaps the body's theme class and style when the colour theme changes.
    const observer = new MutationObserver(() => setPalette(readPalette()));
    observer.observe(document.body, { attributes: true, attributeFilter: ["class", "style"] });
    return () => observer.disconnect();
  }, []);
  return palette;
}
