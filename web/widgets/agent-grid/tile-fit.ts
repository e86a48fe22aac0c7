/**
 * How the agent grid fits its box: every tile whole, as large as the box allows, down to a type still readable from
 * across a room; past that, the last row says how many agents are not drawn instead of cutting them off.
 */

/** A tile in em of its own type: a name line of 7 or so characters' width, and a time line below it. */
export const TILE_WIDTH_EM = 7.2;
export const TILE_HEIGHT_EM = 2.7;
/** A tile's border, both sides, in px. */
const BORDER_PX = 2;
/** The tiles' type, in rem of the screen's type (which scales with the screen). */
export const MIN_TILE_REM = 0.8;
export const MAX_TILE_REM = 2.4;
/** The gap between tiles, in rem. */
export const GAP_REM = 0.25;
/** Steps the tiles shrink in, in px. */
const STEP_PX = 0.5;

/** Tiles drawn before the grid is measured: a first few, fewer than a grid on a board holds. */
export const UNMEASURED_TILES = 16;

/** The grid's box in px, and the screen's rem in px. */
export interface GridBox {
  readonly width: number;
  readonly height: number;
  readonly remPx: number;
}

export interface TileFit {
  /** The tiles' type size, in px. */
  readonly fontPx: number;
  readonly columns: number;
  /** A tile's width at least and height exactly, and the gap between tiles, in px. */
  readonly tileWidthPx: number;
  readonly tileHeightPx: number;
  readonly gapPx: number;
  /** The first `shown` agents get a tile; the `more` after them are counted in the last row. */
  readonly shown: number;
  readonly more: number;
}

function gridAt(fontPx: number, box: GridBox) {
  const gapPx = GAP_REM * box.remPx;
  const tileWidthPx = TILE_WIDTH_EM * fontPx + BORDER_PX;
  const tileHeightPx = TILE_HEIGHT_EM * fontPx + BORDER_PX;
  const columns = Math.max(1, Math.floor((box.width + gapPx) / (tileWidthPx + gapPx)));
  const rows = Math.max(0, Math.floor((box.height + gapPx) / (tileHeightPx + gapPx)));
  return {
    columns,
    rows,
    fit: (shown: number, count: number): TileFit => ({
      fontPx,
      columns,
      tileWidthPx,
      tileHeightPx,
      gapPx,
      shown,
      more: count - shown,
    }),
  };
}

/**
 * The largest tiles that fit `count` agents into `box`, rows whole. When even the smallest tiles do not fit everyone,
 * the last row is given to the count of the agents left out, so that nobody disappears without a word. Without a
 * measured box: a first few tiles in the smallest type, the rest counted.
 */
export function fitTiles(count: number, box: GridBox | null): TileFit {
  if (!box || box.width <= 0 || box.height <= 0 || box.remPx <= 0) {
    return gridAt(MIN_TILE_REM * 16, { width: 0, height: 0, remPx: 16 }).fit(Math.min(count, UNMEASURED_TILES), count);
  }
  const smallest = MIN_TILE_REM * box.remPx;
  for (let fontPx = MAX_TILE_REM * box.remPx; fontPx > smallest; fontPx -= STEP_PX) {
    const grid = gridAt(fontPx, box);
    if (grid.columns * grid.rows >= count) return grid.fit(count, count);
  }
  const grid = gridAt(smallest, box);
  if (grid.columns * grid.rows >= count) return grid.fit(count, count);
  return grid.fit(Math.min(count, grid.columns * Math.max(0, grid.rows - 1)), count);
}
