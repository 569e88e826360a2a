/**
 * The divider above the feature-map preview drawer: drag it (or focus it and use the arrow
 * keys) to give the drawer more or less of the editor. Shown while the drawer is open; the
 * chosen height is kept in the webview's state.
 */
import { createRoot } from "react-dom/client";
import { Splitter } from "./graph/Splitter";

/** The least height either the drawer or the designer above it keeps. */
const minimumHeight = 120;

/** A saved drawer height, when it is one. */
export function savedPreviewHeight(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= minimumHeight ? value : undefined;
}

export function mountPreviewResizer(
  container: HTMLElement, drawer: HTMLDetailsElement, initial: number | undefined, onHeight: (height: number) => void,
): void {
  const root = createRoot(container);
  let height = initial;
  const apply = (): void => {
    const open = drawer.open && height !== undefined;
    // A saved height from a taller window (or a bad value in the state) never hides the designer.
    const shown = Math.min(height ?? minimumHeight, Math.max(minimumHeight, window.innerHeight - 2 * minimumHeight));
    drawer.style.height = open ? `${shown}px` : "";
    drawer.style.maxHeight = open ? "none" : "";
  };
  const render = (): void => {
    // Opened without a chosen height: two fifths of the editor, fixed (the drawer no longer grows
    // and jumps as its maps arrive).
    if (drawer.open && height === undefined) height = Math.max(minimumHeight, Math.round(window.innerHeight * 0.4));
    apply();
    if (!drawer.open) {
      root.render(null);
      return;
    }
    const maximum = Math.max(minimumHeight, window.innerHeight - 2 * minimumHeight);
    root.render(
      <Splitter
        orientation="horizontal"
        label="Resize feature-map preview"
        value={height ?? minimumHeight}
        min={minimumHeight}
        max={maximum}
        sign={-1}
        onChange={(next) => {
          height = next;
          onHeight(next);
          render();
        }}
      />,
    );
  };
  drawer.addEventListener("toggle", render);
  render();
}
