/**
 * A folded block in the inspector: its group's totals (layers, shapes in and out, params,
 * MACs), its layers as links, its problems (each selects the layer, which unfolds the block)
 * and an Unfold button.
 */
import { forwardRef } from "react";
import type { GraphNodeModel } from "../../src/diagram/graphModel";
import { formatCount, type ShapeOrder } from "../../src/engine/numberFormat";
import type { Analysis } from "../../src/engine/types";
import { AllProblems } from "./AllProblems";

export interface BlockInspectorProps {
  analysis: Analysis;
  block: GraphNodeModel;
  order: ShapeOrder;
  onUnfold(): void;
  onSelectLayer(id: string): void;
  onGoToProblem(layerId: string, field: string | undefined, path: (string | number)[]): void;
}

export const BlockInspector = forwardRef<HTMLElement, BlockInspectorProps>(function BlockInspector(props, ref) {
  const { analysis, block } = props;
  const members = new Set(block.members ?? []);
  const nodes = analysis.nodes.filter((node) => members.has(node.id));
  const macs = nodes.reduce((sum, node) => sum + node.macs, 0);
  const diagnostics = analysis.diagnostics.filter((diagnostic) => diagnostic.layerId !== undefined && members.has(diagnostic.layerId));
  const name = block.label ?? block.id;
  return (
    <aside className="cnn-inspector" ref={ref} tabIndex={-1} aria-label="Inspector">
      <header className="cnn-inspector-header">
        <h2>{name}</h2>
        <span className="cnn-inspector-type">folded block</span>
        <button type="button" className="cnn-icon-button" title={`Unfold ${name}`} aria-label={`Unfold ${name}`} onClick={props.onUnfold}>
          <span className="codicon codicon-unfold" />
        </button>
      </header>
      <section className="cnn-facts" aria-label="Shapes and counts">
        <dl>
          <dt>layers</dt><dd>{nodes.length}</dd>
          <dt>in</dt><dd>{block.inputText || "—"}</dd>
          <dt>out</dt><dd>{block.shapeText ?? `no shape: ${block.noShapeReason ?? "unknown"}`}</dd>
          <dt>params</dt><dd>{formatCount(block.params)}</dd>
          <dt>MACs</dt><dd>{formatCount(macs)}</dd>
        </dl>
      </section>
      <section className="cnn-block-layers" aria-label="Layers of the block">
        <h3>Layers</h3>
        <ul>
          {nodes.map((node) => (
            <li key={node.id}>
              <button type="button" className="cnn-link" title={`Unfold and select ${node.id}`} onClick={() => props.onSelectLayer(node.id)}>{node.id}</button>
              <span className="cnn-block-layer-type">{node.type}</span>
            </li>
          ))}
        </ul>
      </section>
      <AllProblems analysis={{ ...analysis, diagnostics }} onGoToProblem={props.onGoToProblem} />
    </aside>
  );
});
