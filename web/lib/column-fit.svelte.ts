/**
 * How many of a table's least important columns to hide so that it fits the width its widget has: a wall TV's
 * layout of six narrow columns shows fewer columns in large type rather than cut rows or smaller numbers. Measured,
 * not guessed from breakpoints, because the columns, their headers and the figures in them vary.
 */
export class ColumnFit {
  hidden = $state(0);

  /**
   * Follows `box` (the table's scrolling parent) and `table`: a box that scrolls sideways hides one more column, and
   * again until it does not; a box that changes width starts over from every column. (The box's scroll width, not the
   * table's width: both are rounded, and a table a fraction of a pixel wider than its box would lose every column.)
   */
  observe(box: HTMLElement, table: HTMLElement): () => void {
    let width = box.clientWidth;
    const observer = new ResizeObserver(() => {
      if (box.clientWidth !== width) {
        width = box.clientWidth;
        this.hidden = 0;
      } else if (box.scrollWidth > box.clientWidth) {
        this.hidden += 1;
      }
    });
    observer.observe(box);
    observer.observe(table);
    return () => observer.disconnect();
  }
}
