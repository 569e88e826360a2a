/**
 * The input beside the maps, as the network sees it: the image file decoded by the browser,
 * stretched to the input's H×W and, for a 1-channel input, converted to luma (BT.601), as the
 * worker prepares it.
 */
import { useEffect, useRef, useState } from "react";
import type { PreviewInputImage } from "../../src/protocol";
import { decodeBase64 } from "./base64";
import { inputTileSize } from "./gridLayout";

export interface InputViewProps {
  input: PreviewInputImage | undefined;
  /** The network input [C, H, W]. */
  inputShape: number[];
  imageLabel: string;
}

function toLuma(pixels: Uint8ClampedArray): void {
  for (let index = 0; index < pixels.length; index += 4) {
    const luma = Math.round(0.299 * pixels[index] + 0.587 * pixels[index + 1] + 0.114 * pixels[index + 2]);
    pixels[index] = luma;
    pixels[index + 1] = luma;
    pixels[index + 2] = luma;
  }
}

async function drawInput(canvas: HTMLCanvasElement, bytes: string, height: number, width: number, grey: boolean): Promise<void> {
  const bitmap = await createImageBitmap(new Blob([decodeBase64(bytes)]));
  const context = canvas.getContext("2d");
  if (!context) return;
  context.imageSmoothingQuality = "high";
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  if (!grey) return;
  const image = context.getImageData(0, 0, width, height);
  toLuma(image.data);
  context.putImageData(image, 0, 0);
}

export function InputView({ input, inputShape, imageLabel }: InputViewProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [channels, height, width] = inputShape;
  const bytes = input && "bytes" in input ? input.bytes : null;
  useEffect(() => {
    if (!canvas.current || bytes === null) return;
    setProblem(null);
    drawInput(canvas.current, bytes, height, width, channels === 1).catch((error: unknown) => {
      setProblem(`The browser could not draw this image (${error instanceof Error ? error.message : String(error)}); the network still ran on it.`);
    });
  }, [bytes, height, width, channels]);
  const tile = inputTileSize(height, width);
  const description = `${imageLabel} as the network sees it: ${channels === 1 ? "grey (luma)" : `${channels} channels`}, ${height}×${width}`;
  return (
    <figure className="cnn-preview-input">
      {bytes !== null ? (
        <canvas ref={canvas} className="cnn-preview-pixels cnn-preview-smooth" width={width} height={height} role="img" aria-label={description}
          style={{ width: `${tile.width}px`, height: `${tile.height}px` }} />
      ) : (
        <div className="cnn-preview-placeholder" style={{ width: `${tile.width}px`, height: `${tile.height}px` }}>
          {input && "tooLarge" in input ? "The file is too large to draw here." : "…"}
        </div>
      )}
      <figcaption>Input: {description}</figcaption>
      {problem && <p className="cnn-preview-error">{problem}</p>}
    </figure>
  );
}
