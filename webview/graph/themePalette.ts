/**
 * The diagram's colours from the current VS Code theme: the same --vscode-* variables and
 * fallbacks as designer.css, read from a computed style (the webview passes document.body's).
 */
import { defaultPalette, type DiagramPalette, type NodeCategory } from "../../src/diagram/diagramSvg";

/** The part of CSSStyleDeclaration this needs. */
export interface ThemeStyle {
  getPropertyValue(name: string): string;
}

/** The first theme variable that is set, else the fallback (designer.css's fallbacks). */
function themeColour(style: ThemeStyle, names: readonly string[], fallback: string): string {
  for (const name of names) {
    const value = style.getPropertyValue(`--vscode-${name}`).trim();
    if (value !== "") return value;
  }
  return fallback;
}

/** The current VS Code theme's colours for the diagram, as the canvas uses them. */
export function resolveThemePalette(style: ThemeStyle): DiagramPalette {
  const colour = (names: readonly string[], fallback: string): string => themeColour(style, names, fallback);
  const background = colour(["editor-background"], defaultPalette.background);
  const muted = colour(["descriptionForeground"], defaultPalette.muted);
  const fallbacks = defaultPalette.categories;
  const categories: Record<NodeCategory, string> = {
    input: colour(["charts-foreground"], muted),
    unknown: muted,
    conv: colour(["charts-blue"], fallbacks.conv),
    pool: colour(["charts-green"], fallbacks.pool),
    norm: colour(["charts-yellow"], fallbacks.norm),
    dense: colour(["charts-purple"], fallbacks.dense),
    merge: colour(["charts-orange"], fallbacks.merge),
    activation: colour(["charts-red"], fallbacks.activation),
  };
  return {
    background,
    foreground: colour(["foreground"], defaultPalette.foreground),
    muted,
    nodeBackground: colour(["editorWidget-background"], background),
    nodeBorder: colour(["editorWidget-border", "contrastBorder"], defaultPalette.nodeBorder),
    edge: colour(["editorLineNumber-foreground"], defaultPalette.edge),
    error: colour(["errorForeground"], defaultPalette.error),
    warning: colour(["editorWarning-foreground"], defaultPalette.warning),
    info: colour(["editorInfo-foreground"], defaultPalette.info),
    categories,
  };
}
