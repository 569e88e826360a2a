/** A draggable, keyboard-operable divider (role="separator"; arrows resize by 16px). */
import type { KeyboardEvent, PointerEvent } from "react";

export interface SplitterProps {
  orientation: "vertical" | "horizontal";
  label: string;
  value: number;
  min: number;
  max: number;
  /** +1 when dragging right/down grows the panel, −1 when it shrinks it. */
  sign: 1 | -1;
  onChange(value: number): void;
}

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

export function Splitter({ orientation, label, value, min, max, sign, onChange }: SplitterProps) {
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const element = event.currentTarget;
    element.setPointerCapture(event.pointerId);
    const start = orientation === "vertical" ? event.clientX : event.clientY;
    const startValue = value;
    const move = (moveEvent: globalThis.PointerEvent) => {
      const position = orientation === "vertical" ? moveEvent.clientX : moveEvent.clientY;
      onChange(clamp(startValue + sign * (position - start), min, max));
    };
    const up = () => {
      element.removeEventListener("pointermove", move);
      element.removeEventListener("pointerup", up);
    };
    element.addEventListener("pointermove", move);
    element.addEventListener("pointerup", up);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const grow: Record<string, number> = orientation === "vertical" ? { ArrowRight: sign, ArrowLeft: -sign } : { ArrowDown: sign, ArrowUp: -sign };
    const direction = grow[event.key];
    if (direction === undefined) return;
    event.preventDefault();
    onChange(clamp(value + direction * 16, min, max));
  };
  return (
    <div
      className={`cnn-splitter cnn-splitter-${orientation}`}
      role="separator"
      aria-orientation={orientation}
      aria-label={label}
      aria-valuenow={Math.round(value)}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
