import { describe, expect, it } from 'vitest';
import { fitTiles, MAX_TILE_REM, MIN_TILE_REM, TILE_HEIGHT_EM, UNMEASURED_TILES, type GridBox } from './tile-fit.ts';

/** The grid of the agent-grid layout on a 1080p screen (22 px type): half the width, most of the height. */
const HALF_1080P: GridBox = { width: 920, height: 960, remPx: 22 };

/** The rows and the gaps between them that `fit` takes for `cells` cells (tiles, and the row of the others). */
function heightOf(fit: ReturnType<typeof fitTiles>, cells: number): number {
  const rows = Math.ceil(cells / fit.columns);
  return rows * fit.tileHeightPx + (rows - 1) * fit.gapPx;
}

function widthOf(fit: ReturnType<typeof fitTiles>): number {
  return fit.columns * fit.tileWidthPx + (fit.columns - 1) * fit.gapPx;
}

describe('fitTiles', () => {
  it('draws every agent of a small center in large tiles', () => {
    expect(fitTiles(8, HALF_1080P)).toMatchObject({ shown: 8, more: 0, fontPx: MAX_TILE_REM * 22 });
    const fit = fitTiles(24, HALF_1080P);
    expect(fit).toMatchObject({ shown: 24, more: 0 });
    expect(fit.fontPx).toBeGreaterThan(fitTiles(100, HALF_1080P).fontPx);
    expect(heightOf(fit, 24)).toBeLessThanOrEqual(HALF_1080P.height);
    expect(widthOf(fit)).toBeLessThanOrEqual(HALF_1080P.width);
  });

  it('shrinks the tiles so that every agent fits, whole rows only', () => {
    const fit = fitTiles(100, HALF_1080P);
    expect(fit.shown).toBe(100);
    expect(fit.more).toBe(0);
    expect(fit.fontPx).toBeLessThan(MAX_TILE_REM * 22);
    expect(fit.fontPx).toBeGreaterThanOrEqual(MIN_TILE_REM * 22);
    expect(heightOf(fit, 100)).toBeLessThanOrEqual(HALF_1080P.height);
    expect(widthOf(fit)).toBeLessThanOrEqual(HALF_1080P.width);
    // Half a pixel larger and they would not fit: the largest that do.
    const larger = fit.fontPx + 0.5;
    const rows = Math.floor((HALF_1080P.height + fit.gapPx) / (TILE_HEIGHT_EM * larger + 2 + fit.gapPx));
    const columns = Math.floor((HALF_1080P.width + fit.gapPx) / ((fit.tileWidthPx / fit.fontPx) * larger + fit.gapPx));
    expect(rows * columns).toBeLessThan(100);
  });

  it('stops at readable tiles and counts the agents past them in the last row', () => {
    const fit = fitTiles(1000, HALF_1080P);
    expect(fit.fontPx).toBe(MIN_TILE_REM * 22);
    expect(fit.shown + fit.more).toBe(1000);
    expect(fit.more).toBeGreaterThan(0);
    expect(fit.shown % fit.columns).toBe(0);
    // The tiles and a row for the count fill the box; one more row of tiles would not fit.
    expect(heightOf(fit, fit.shown + fit.columns)).toBeLessThanOrEqual(HALF_1080P.height);
    expect(heightOf(fit, fit.shown + 2 * fit.columns)).toBeGreaterThan(HALF_1080P.height);
  });

  it('gives the same board on a 4K screen in type twice as large', () => {
    const uhd = fitTiles(100, { width: 2 * HALF_1080P.width, height: 2 * HALF_1080P.height, remPx: 44 });
    const hd = fitTiles(100, HALF_1080P);
    expect(uhd.columns).toBe(hd.columns);
    expect(uhd.shown).toBe(100);
    expect(uhd.fontPx).toBeGreaterThanOrEqual(2 * hd.fontPx);
  });

  it('draws a first few tiles and counts the rest before the box is measured', () => {
    expect(fitTiles(1000, null)).toMatchObject({ shown: UNMEASURED_TILES, more: 1000 - UNMEASURED_TILES });
    expect(fitTiles(5, { width: 0, height: 0, remPx: 22 })).toMatchObject({ shown: 5, more: 0 });
  });
});
