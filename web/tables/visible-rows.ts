/** The rows [start, end) of a long list that a scrolled viewport shows, with `overscan` more on either side. */
export interface RowWindow {
  readonly start: number;
  readonly end: number;
}

/**
 * Rows drawn before the viewport and the row height are known: a first few, fewer than a table on a board shows. The
 * table then draws as many as it shows before the frame is painted; a guessed screenful cost the first frame the layout
 * of the rows out of view.
 */
export const UNMEASURED_ROWS = 10;

/**
 * Which rows to put in the document: a table of 1,000 agents draws only the few dozen on screen, so a tick of their
 * times or a delta costs the page a few dozen rows of style and layout, not a thousand.
 */
export function visibleRows(
  count: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  overscan = 8,
): RowWindow {
  if (rowHeight <= 0 || viewportHeight <= 0) return { start: 0, end: Math.min(count, UNMEASURED_ROWS) };
  const first = Math.floor(scrollTop / rowHeight);
  const last = Math.ceil((scrollTop + viewportHeight) / rowHeight);
  const start = Math.max(0, Math.min(first - overscan, count));
  return { start, end: Math.max(start, Math.min(count, last + overscan)) };
}

/**
 * How many of `count` rows of `rowHeight` px a table that nobody scrolls (a wall TV) draws in `height` px below its
 * head: all if they fit, or as many as fit less one, whose place says how many more there are.
 */
export function rowsThatFit(count: number, height: number, rowHeight: number): { shown: number; more: number } {
  if (rowHeight <= 0 || height <= 0) {
    const shown = Math.min(count, UNMEASURED_ROWS);
    return { shown, more: count - shown };
  }
  const room = Math.max(0, Math.floor(height / rowHeight));
  const shown = count <= room ? count : Math.max(0, room - 1);
  return { shown, more: count - shown };
}
