/** Sizes of the map grid and kernel heatmaps (pure). */

export interface TileSize {
  width: number;
  height: number;
}

/** The long side of a map tile: large for a few maps, smaller as the grid fills. */
export function tileLongSide(mapCount: number): number {
  if (mapCount <= 2) return 224;
  if (mapCount <= 8) return 160;
  if (mapCount <= 32) return 112;
  return 80;
}

/** A map's on-screen size: the aspect ratio of the real map, the long side from tileLongSide. */
export function mapTileSize(mapCount: number, mapHeight: number, mapWidth: number): TileSize {
  const longSide = tileLongSide(mapCount);
  if (mapHeight <= 0 || mapWidth <= 0) return { width: longSide, height: longSide };
  const scale = longSide / Math.max(mapHeight, mapWidth);
  return { width: Math.max(1, Math.round(mapWidth * scale)), height: Math.max(1, Math.round(mapHeight * scale)) };
}

/** The input image's on-screen size (long side 224 px). */
export function inputTileSize(height: number, width: number): TileSize {
  return mapTileSize(1, height, width);
}

/** Pixels per kernel tap: a 3×3 kernel is drawn 48 px wide, a 7×7 one 56 px; never under 4 px per tap. */
export function kernelCellSize(kernelHeight: number, kernelWidth: number): number {
  const taps = Math.max(kernelHeight, kernelWidth, 1);
  return Math.max(4, Math.min(16, Math.floor(60 / taps)));
}
