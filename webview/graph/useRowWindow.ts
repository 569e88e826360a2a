/** Feeds rowWindow() with the table scroller's position and size (scroll + ResizeObserver). */
import { useCallback, useEffect, useState, type RefObject } from "react";
import { rowWindow, windowingThreshold, type RowWindow } from "./rowWindow";

/** Tracks the scroller's position and size; returns the window and the measured row height. */
export function useRowWindow(scroller: RefObject<HTMLElement | null>, count: number, rowHeight: number): RowWindow {
  const [view, setView] = useState({ scrollTop: 0, height: 600 });
  const update = useCallback(() => {
    const element = scroller.current;
    if (element) setView({ scrollTop: element.scrollTop, height: element.clientHeight });
  }, [scroller]);
  useEffect(() => {
    const element = scroller.current;
    if (!element || count <= windowingThreshold) return;
    update();
    element.addEventListener("scroll", update, { passive: true });
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => {
      element.removeEventListener("scroll", update);
      observer.disconnect();
    };
  }, [scroller, count, update]);
  return rowWindow(count, view.scrollTop, view.height, rowHeight);
}
