// Text contrast inside the designer's webview (WCAG 2 contrast ratio): every visible text of the
// designer, table and inspector against the background it is drawn on, alpha blended up the
// ancestors. Normal text needs 4.5:1, large text (≥ 24 px, or ≥ 18.66 px bold) 3:1. Disabled
// controls and placeholders are exempt, as in WCAG. Runs inside the frame (page.evaluate).

/** Returns [{ text, ratio, needed, color, background, where }] for texts below their minimum. */
export function lowContrastTexts(frame) {
  return frame.locator("body").evaluate((body) => {
    const view = body.ownerDocument.defaultView;
    const parse = (value) => {
      const match = /rgba?\(([^)]+)\)/.exec(value ?? "");
      if (!match) return null;
      const parts = match[1].split(/[\s,/]+/).filter(Boolean).map(Number);
      return { r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1 };
    };
    const over = (top, bottom) => ({
      r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a), b: top.b * top.a + bottom.b * (1 - top.a), a: 1,
    });
    const luminance = ({ r, g, b }) => {
      const channel = (value) => {
        const c = value / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    /** The opaque colour behind an element: its and its ancestors' backgrounds, blended. */
    const backgroundOf = (element) => {
      const layers = [];
      for (let node = element; node; node = node.parentElement) {
        const colour = parse(view.getComputedStyle(node).backgroundColor);
        if (colour && colour.a > 0) {
          layers.push(colour);
          if (colour.a >= 1) break;
        }
      }
      let result = parse(view.getComputedStyle(body).backgroundColor) ?? { r: 255, g: 255, b: 255, a: 1 };
      if (result.a < 1) result = over(result, { r: 255, g: 255, b: 255, a: 1 });
      for (const layer of layers.reverse()) result = over(layer, result);
      return result;
    };
    const failures = [];
    const walker = body.ownerDocument.createTreeWalker(body, view.NodeFilter.SHOW_TEXT);
    const seen = new Set();
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const content = text.textContent.trim();
      const element = text.parentElement;
      if (!content || !element || seen.has(element)) continue;
      seen.add(element);
      if (element.closest("svg, .react-flow__minimap, [aria-hidden=true], button:disabled, input:disabled, select:disabled, .codicon")) continue;
      const box = element.getBoundingClientRect();
      const style = view.getComputedStyle(element);
      if (box.width === 0 || box.height === 0 || style.visibility === "hidden" || Number(style.opacity) === 0) continue;
      if (box.bottom < 0 || box.top > view.innerHeight || box.right < 0 || box.left > view.innerWidth) continue;
      const background = backgroundOf(element);
      const colour = parse(style.color);
      if (!colour) continue;
      const foreground = colour.a < 1 ? over(colour, background) : colour;
      const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a);
      const ratio = (light + 0.05) / (dark + 0.05);
      const size = Number.parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const needed = large ? 3 : 4.5;
      if (ratio < needed) {
        const tag = element.tagName.toLowerCase();
        const where = element.className && typeof element.className === "string" ? `${tag}.${element.className.split(" ")[0]}` : tag;
        const css = (c) => `rgb(${Math.round(c.r)}, ${Math.round(c.g)}, ${Math.round(c.b)})`;
        const rounded = Math.round(ratio * 100) / 100;
        failures.push({ text: content.slice(0, 40), ratio: rounded, needed, color: css(foreground), background: css(background), where });
      }
    }
    return failures;
  });
}
