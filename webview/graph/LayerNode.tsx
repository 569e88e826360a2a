/** One layer on the canvas: id and type, key numbers, output shape (or why none), params, badge. */
import { memo } from "react";
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import type { GraphNodeModel } from "../../src/diagram/graphModel";
import type { Direction } from "../../src/diagram/layout";
import { nodeCategoryOf } from "../../src/diagram/nodeCategory";
import { shownId } from "./nodeText";
import { severityIcons } from "./severityIcons";

export type LayerNodeData = { model: GraphNodeModel; direction: Direction; readOnly: boolean; onUnfold?(id: string): void };
export type LayerFlowNode = Node<LayerNodeData, "layer">;


function tooltip(model: GraphNodeModel): string {
  const lines = model.kind === "block"
    ? [`${model.label ?? model.id}: a folded block (double-click or Enter unfolds it)`, model.detail]
    : [`${model.id} (${model.type})`, model.detail];
  if (model.shapeText) lines.push(`output ${model.shapeText}`);
  if (model.noShapeReason) lines.push(`no shape: ${model.noShapeReason}`);
  return [...lines, ...model.messages].join("\n");
}

function LayerNodeView({ data, selected }: NodeProps<LayerFlowNode>) {
  const { model, direction, readOnly } = data;
  const vertical = direction === "TB";
  const name = model.label ?? model.id;
  const classes = ["cnn-node", model.kind === "block" ? "cnn-block" : "", `cnn-cat-${nodeCategoryOf(model.type)}`, model.severity ? `cnn-sev-${model.severity}` : "", selected ? "selected" : ""];
  return (
    <div className={classes.join(" ")} title={tooltip(model)}>
      {model.kind !== "input" && (
        <Handle type="target" position={vertical ? Position.Top : Position.Left} isConnectable={!readOnly} />
      )}
      <div className="cnn-node-header">
        <span className="cnn-node-id" aria-label={name}>{shownId(name)}</span>
        <span className="cnn-node-type">{model.type}</span>
        {model.kind === "block" && data.onUnfold && (
          <button
            type="button" className="cnn-node-unfold nodrag" title={`Unfold ${name}`} aria-label={`Unfold ${name}`}
            onClick={(event) => {
              event.stopPropagation();
              data.onUnfold?.(model.id);
            }}
          >
            <span className="codicon codicon-unfold" aria-hidden="true" />
          </button>
        )}
        {model.severity && (
          <span className={`cnn-node-badge codicon ${severityIcons[model.severity]}`} aria-label={`${model.severity}: ${model.messages[0] ?? ""}`} />
        )}
      </div>
      <div className="cnn-node-detail">{model.detail}</div>
      <div className="cnn-node-footer">
        {model.shapeText ? (
          <span className="cnn-node-shape">{model.shapeText}</span>
        ) : (
          <span className="cnn-node-noshape">no shape: {model.noShapeReason}</span>
        )}
        {model.paramsText && <span className="cnn-node-params">{model.paramsText}</span>}
      </div>
      <Handle type="source" position={vertical ? Position.Bottom : Position.Right} isConnectable={!readOnly} />
    </div>
  );
}

export const LayerNode = memo(LayerNodeView);
