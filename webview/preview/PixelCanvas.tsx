/** A canvas showing RGBA pixels at their own resolution, scaled by CSS (CSP allows canvas + ImageData). */
import { useEffect, useRef } from "react";

export interface PixelCanvasProps {
  width: number;
  height: number;
  rgba: Uint8ClampedArray<ArrayBuffer>;
  displayWidth: number;
  displayHeight: number;
  label: string;
  className?: string;
}

export function PixelCanvas({ width, height, rgba, displayWidth, displayHeight, label, className }: PixelCanvasProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext("2d");
    if (!context || rgba.length !== width * height * 4) return;
    context.putImageData(new ImageData(rgba, width, height), 0, 0);
  }, [rgba, width, height]);
  return (
    <canvas
      ref={canvas}
      className={className ?? "cnn-preview-pixels"}
      width={width}
      height={height}
      role="img"
      aria-label={label}
      style={{ width: `${displayWidth}px`, height: `${displayHeight}px` }}
    />
  );
}
