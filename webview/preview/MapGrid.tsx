/** The selected layer's feature maps as a grid, a 1-D output as a strip, and the colour legend. */
import { useMemo } from "react";
import type { PreviewFeatureMaps } from "../../src/protocol";
import { decodeBase64 } from "./base64";
import { colourizePixels, colourizeValues, lookupTable, type ColourScale, type DivergingPalette } from "./colorScale";
import { formatRange } from "./numberText";
import { mapTileSize } from "./gridLayout";
import { PixelCanvas } from "./PixelCanvas";

export interface MapGridProps {
  featureMaps: PreviewFeatureMaps;
  scale: ColourScale;
  palette: DivergingPalette;
}

export function MapGrid({ featureMaps, scale, palette }: MapGridProps) {
  const tile = mapTileSize(featureMaps.maps.length, featureMaps.height, featureMaps.width);
  const images = useMemo(
    () => featureMaps.maps.map((map) => colourizePixels(decodeBase64(map.pixels), lookupTable(map.minimum, map.maximum, scale, palette))),
    [featureMaps, scale, palette],
  );
  return (
    <ul className="cnn-preview-grid" aria-label="Feature maps">
      {featureMaps.maps.map((map, index) => {
        const channel = featureMaps.firstChannel + index;
        const label = `channel ${channel}: ${formatRange(map.minimum, map.maximum)}`;
        return (
          <li key={channel} className="cnn-preview-tile" style={{ width: `${tile.width}px` }}>
            <PixelCanvas
              width={map.width}
              height={map.height}
              rgba={images[index]}
              displayWidth={tile.width}
              displayHeight={tile.height}
              label={label}
            />
            <span className="cnn-preview-caption">
              <span className="cnn-preview-channel">#{channel}</span> <span className="cnn-preview-range">{formatRange(map.minimum, map.maximum)}</span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}

export interface VectorStripProps {
  length: number;
  values: number[];
  scale: ColourScale;
  palette: DivergingPalette;
}

/** A 1-D output (after flatten or linear) as one row of coloured cells. */
export function VectorStrip({ length, values, scale, palette }: VectorStripProps) {
  const minimum = Math.min(...values, 0);
  const maximum = Math.max(...values, 0);
  const rgba = useMemo(() => colourizeValues(values, scale, minimum, maximum, palette), [values, scale, minimum, maximum, palette]);
  const shown = values.length < length ? `the first ${values.length} of ${length} values` : `${length} values`;
  return (
    <figure className="cnn-preview-vector">
      <PixelCanvas width={Math.max(1, values.length)} height={1} rgba={rgba} displayWidth={Math.min(640, Math.max(160, values.length * 4))} displayHeight={24} label={`1-D output, ${shown}`} />
      <figcaption>1-D output: {shown}, {formatRange(minimum, maximum)}</figcaption>
    </figure>
  );
}

export interface ScaleLegendProps {
  scale: ColourScale;
  palette: DivergingPalette;
}

/** The scale's gradient with what its ends mean (each map is scaled to its own range). */
export function ScaleLegend({ scale, palette }: ScaleLegendProps) {
  const steps = 64;
  const ramp = useMemo(() => {
    const values = Array.from({ length: steps }, (_, index) => -1 + (2 * index) / (steps - 1));
    return colourizeValues(values, scale, -1, 1, palette);
  }, [scale, palette]);
  const ends = scale === "grey" ? ["min", "", "max"] : ["−max|v|", "0", "+max|v|"];
  const description = scale === "grey"
    ? "grey: each map's minimum is black, its maximum white"
    : "diverging: negative blue, 0 white, positive red; each map spans ± its largest |value|";
  return (
    <figure className="cnn-preview-legend" aria-label={`Colour scale, ${description}`}>
      <PixelCanvas width={steps} height={1} rgba={ramp} displayWidth={160} displayHeight={10} label="colour ramp" />
      <figcaption>
        <span className="cnn-preview-legend-ends">{ends.map((end, index) => <span key={index}>{end}</span>)}</span>
        <span className="cnn-preview-muted">{description}</span>
      </figcaption>
    </figure>
  );
}
