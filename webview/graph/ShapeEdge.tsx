/** An edge drawn along ELK's route, labelled with the tensor shape it carries. */
import { memo } from "react";
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type Edge, type EdgeProps } from "@xyflow/react";
import { roundedPath } from "../../src/diagram/edgePath";
import { routeMidpoint, type EdgeRoute } from "../../src/diagram/layout";

export type ShapeEdgeData = { label: string; route?: EdgeRoute; highlighted: boolean };
export type ShapeFlowEdge = Edge<ShapeEdgeData, "shape">;

function ShapeEdgeView(props: EdgeProps<ShapeFlowEdge>) {
  const { id, data, markerEnd, selected } = props;
  const route = data?.route;
  let path: string;
  let center: { x: number; y: number };
  if (route && route.points.length >= 2) {
    path = roundedPath(route.points);
    center = route.labelCenter ?? routeMidpoint(route.points);
  } else {
    const [smoothPath, labelX, labelY] = getSmoothStepPath(props);
    path = smoothPath;
    center = { x: labelX, y: labelY };
  }
  const unknown = data?.label === "?";
  const classes = ["cnn-edge-label", "nodrag", "nopan", unknown ? "unknown" : "", data?.highlighted ? "highlighted" : "", selected ? "selected" : ""];
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={data?.highlighted ? "cnn-edge-highlighted" : undefined} />
      {data?.label && (
        <EdgeLabelRenderer>
          <div className={classes.join(" ")} style={{ transform: `translate(-50%, -50%) translate(${center.x}px, ${center.y}px)` }}>
            {data.label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const ShapeEdge = memo(ShapeEdgeView);
