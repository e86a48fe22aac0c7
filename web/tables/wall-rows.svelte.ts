import { rowsThatFit } from './visible-rows.ts';
import { onWall } from './wall.ts';

/**
 * On a wall TV nobody scrolls: a table draws the rows that fit its box and a last row counting the others. Made while
 * a widget initialises (it reads the wall mark from the context); elsewhere every row is drawn and the box scrolls.
 */
export class WallRows {
  readonly wall = onWall();
  /** The table's box, bound with `bind:clientHeight`. */
  boxHeight = $state(0);
  private rowHeight = $state(0);
  private headHeight = $state(0);

  /** Measures a drawn row (`rowSelector`) and the head of `table()` whenever the box or the rows drawn change. */
  constructor(table: () => HTMLTableElement | undefined, rowSelector: string, count: () => number) {
    $effect(() => {
      void this.boxHeight;
      void this.fit(count()).shown;
      this.measure(table(), rowSelector);
    });
  }

  /** Of `count` rows, how many to draw and how many the last row counts. */
  fit(count: number): { shown: number; more: number } {
    return this.wall
      ? rowsThatFit(count, this.boxHeight - this.headHeight - 1, this.rowHeight)
      : { shown: count, more: 0 };
  }

  private measure(table: HTMLTableElement | undefined, rowSelector: string): void {
    if (!this.wall) return;
    this.rowHeight = table?.querySelector(rowSelector)?.getBoundingClientRect().height ?? this.rowHeight;
    this.headHeight = table?.tHead?.getBoundingClientRect().height ?? 0;
  }
}
