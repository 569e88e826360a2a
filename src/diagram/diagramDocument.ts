/**
 * An analysis straight to an SVG document, without a canvas: the designer's graph model, laid
 * out as the designer lays it out (ELK, or the simple column above the automatic-layout cap),
 * drawn by diagramSvg.ts. The CLI's `export --to svg`; the webview draws its own snapshot.
 */
import type { ShapeOrder } from "../engine/numberFormat";
import type { Analysis } from "../engine/types";
import { buildDiagramSvg, defaultPalette, type DiagramPalette } from "./diagramSvg";
import { buildGraphModel } from "./graphModel";
import { computeLayout, type Direction, type ElkLike } from "./layout";
import { columnLayout, exceedsLayoutCap } from "./layoutFallback";

export interface DiagramDocumentOptions {
  elk: ElkLike;
  order?: ShapeOrder;
  direction?: Direction;
  /** Default: the light palette (VS Code's light theme). */
  palette?: DiagramPalette;
}

export async function diagramDocument(analysis: Analysis, options: DiagramDocumentOptions): Promise<string> {
  const direction = options.direction ?? "TB";
  const model = buildGraphModel(analysis, options.order ?? "CHW");
  const layout = exceedsLayoutCap(model) ? columnLayout(model, direction) : await computeLayout(options.elk, model, direction);
  return buildDiagramSvg({ model, layout, direction, title: analysis.name }, options.palette ?? defaultPalette);
}
