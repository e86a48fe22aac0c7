/** Where a dragged widget would land: a column and a place in it, counted without the dragged widget. */
export interface DropTarget {
  readonly column: number;
  readonly index: number;
}

/** A column of the editor as laid out on screen, with its widgets' cards from top to bottom. */
export interface ColumnBox {
  readonly left: number;
  readonly right: number;
  readonly cards: readonly { readonly id: string; readonly top: number; readonly bottom: number }[];
}

/**
 * The drop place under the pointer: the column whose span holds x (the nearest one when x is between or beyond them),
 * and in it, before the first card whose middle is below y. The dragged card itself does not count, so the index is
 * the one moveWidgetTo takes.
 */
export function dropTarget(columns: readonly ColumnBox[], x: number, y: number, dragged: string): DropTarget | null {
  let column = -1;
  let nearest = Number.POSITIVE_INFINITY;
  columns.forEach((box, c) => {
    const distance = x < box.left ? box.left - x : x > box.right ? x - box.right : 0;
    if (distance < nearest) {
      nearest = distance;
      column = c;
    }
  });
  if (column < 0) return null;
  const others = columns[column]!.cards.filter((card) => card.id !== dragged);
  const index = others.findIndex((card) => y < (card.top + card.bottom) / 2);
  return { column, index: index < 0 ? others.length : index };
}
