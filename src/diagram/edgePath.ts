/** SVG path data for an ELK route: straight segments with small rounded corners. */
import type { Point } from "./layout";

const cornerRadius = 6;

function towards(from: Point, to: Point, distance: number): Point {
  const length = Math.hypot(to.x - from.x, to.y - from.y);
  if (length === 0) return { ...from };
  const t = Math.min(1, distance / length);
  return { x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t };
}

const format = (point: Point): string => `${round(point.x)} ${round(point.y)}`;
const round = (value: number): number => Math.round(value * 10) / 10;

export function roundedPath(points: readonly Point[]): string {
  if (points.length === 0) return "";
  let path = `M ${format(points[0])}`;
  for (let index = 1; index < points.length - 1; index++) {
    const corner = points[index];
    const previous = points[index - 1];
    const next = points[index + 1];
    const radius = Math.min(
      cornerRadius, Math.hypot(corner.x - previous.x, corner.y - previous.y) / 2, Math.hypot(next.x - corner.x, next.y - corner.y) / 2,
    );
    path += ` L ${format(towards(corner, previous, radius))} Q ${format(corner)} ${format(towards(corner, next, radius))}`;
  }
  if (points.length > 1) path += ` L ${format(points[points.length - 1])}`;
  return path;
}
