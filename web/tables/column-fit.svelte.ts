import { ALL_COLUMNS, nextColumnFit, type ColumnFitState } from './column-fit.ts';

/** How much wider than it needed a box must grow before a hidden column comes back, in rem. */
const HYSTERESIS_REM = 2;

/**
 * How many of a table's least important columns to hide so that it fits the width its widget has: a wall TV's
 * layout of six narrow columns shows fewer columns in large type rather than cut rows or smaller numbers. Measured,
 * not guessed from breakpoints, because the columns, their headers and the figures in them vary.
 */
export class ColumnFit {
  #state = $state.raw<ColumnFitState>(ALL_COLUMNS);
  readonly hidden = $derived(this.#state.hidden);

  /**
   * Follows `box` (the table's scrolling parent) and `table`, column by column (see nextColumnFit). The box's scroll
   * width, not the table's width: both are rounded, and a table a fraction of a pixel wider than its box would lose
   * every column.
   */
  observe(box: HTMLElement, table: HTMLElement): () => void {
    const observer = new ResizeObserver(() => {
      const remPx = Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      this.#state = nextColumnFit(this.#state, box, HYSTERESIS_REM * remPx);
    });
    observer.observe(box);
    observer.observe(table);
    return () => observer.disconnect();
  }
}
