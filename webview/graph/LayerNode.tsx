/** One layer on the canvas: id and type, key numbers, output shape (or why none), params, badge. */
import { memo } from "react";
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import type { GraphNodeModel } from "../../src/diagram/graphModel";
import type { Direction } from "../../src/diagram/layout";
import { nodeCategoryOf } from "../../src/diagram/nodeCategory";
import { shownId } from "./nodeText";
import { severityIcons } from "./severityIcons";

export type LayerNodeData = { model: GraphNodeModel; direction: Direction; readOnly: boolean };
export type LayerFlowNode = Node<LayerNodeData, "layer">;


function tooltip(model: GraphNodeModel): string {
  const lines = [`${model.id} (${model.type})`, model.detail];
  if (model.shapeText) lines.push(`output ${model.shapeText}`);
  if (model.noShapeReason) lines.push(`no shape: ${model.noShapeReason}`);
  return [...lines, ...model.messages].join("\n");
}

function LayerNodeView({ data, selected }: NodeProps<LayerFlowNode>) {
  const { model, direction, readOnly } = data;
  const vertical = direction === "TB";
  const classes = ["cnn-node", `cnn-cat-${nodeCategoryOf(model.type)}`, model.severity ? `cnn-sev-${model.severity}` : "", selected ? "selected" : ""];
  return (
    <div className={classes.join(" ")} title={tooltip(model)}>
      {model.kind === "layer" && (
        <Handle type="target" position={vertical ? Position.Top : Position.Left} isConnectable={!readOnly} />
      )}
      <div className="cnn-node-header">
        <span className="cnn-node-id" aria-label={model.id}>{shownId(model.id)}</span>
        <span className="cnn-node-type">{model.type}</span>
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
