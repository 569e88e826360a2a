/** The selected layer's headline and the statistics of every layer that ran. */
import { formatShape, type ShapeOrder } from "../../src/engine/numberFormat";
import type { PreviewLayerStats, PreviewResultData } from "../../src/protocol";
import { formatValue } from "./numberText";

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(fraction > 0 && fraction < 0.001 ? 2 : 1)}%`;
}

export function LayerHeadline({ layer, order, milliseconds }: { layer: PreviewLayerStats; order: ShapeOrder; milliseconds: number }) {
  const { stats } = layer;
  return (
    <p className="cnn-preview-headline">
      <strong>{layer.id}</strong> · {layer.type} → <code>{formatShape(layer.shape, order)}</code> · min {formatValue(stats.minimum)},
      max {formatValue(stats.maximum)},
      mean {formatValue(stats.mean)}, {percent(stats.fractionNegative)} negative, {percent(stats.fractionZero)} zero
      {stats.nonFinite > 0 ? `, ${stats.nonFinite} NaN/∞` : ""}
      <span className="cnn-preview-muted"> · ran in {milliseconds} ms</span>
    </p>
  );
}

export function LayerStatsTable({ result, order }: { result: PreviewResultData; order: ShapeOrder }) {
  return (
    <details className="cnn-preview-stats">
      <summary>Statistics of the {result.layers.length} layer{result.layers.length === 1 ? "" : "s"} that ran</summary>
      <table>
        <thead>
          <tr><th scope="col">Layer</th><th scope="col">Output</th><th scope="col" className="number">Min</th><th scope="col" className="number">Max</th><th scope="col" className="number">Mean</th><th scope="col" className="number">Negative</th><th scope="col" className="number">Zero</th></tr>
        </thead>
        <tbody>
          {result.layers.map((layer) => (
            <tr key={layer.id} className={layer.id === result.layerId ? "selected" : undefined}>
              <th scope="row">{layer.id}</th>
              <td><code>{formatShape(layer.shape, order)}</code></td>
              <td className="number">{formatValue(layer.stats.minimum)}</td>
              <td className="number">{formatValue(layer.stats.maximum)}</td>
              <td className="number">{formatValue(layer.stats.mean)}</td>
              <td className="number">{percent(layer.stats.fractionNegative)}</td>
              <td className="number">{percent(layer.stats.fractionZero)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
