/**
 * The columns a table shows when `hidden` of them must go to fit its box: the least important first (by their place in
 * `importance`; a column not listed there counts as least important), never the last one left.
 */
export function shownColumns<K extends string>(columns: readonly K[], importance: readonly K[], hidden: number): K[] {
  const rank = (key: K): number => {
    const at = importance.indexOf(key);
    return at < 0 ? importance.length : at;
  };
  const dropped = new Set(
    [...columns].sort((a, b) => rank(b) - rank(a)).slice(0, Math.max(0, Math.min(hidden, columns.length - 1))),
  );
  return columns.filter((key) => !dropped.has(key));
}

/** How many columns a table hides, and the width its box needed for each of them, the last hidden last. */
export interface ColumnFitState {
  readonly hidden: number;
  readonly needs: readonly number[];
}

export const ALL_COLUMNS: ColumnFitState = { hidden: 0, needs: [] };

/**
 * The columns to hide after the table's box was measured: a box that scrolls sideways hides one more column, and
 * remembers the width it needed; the column comes back only once the box is `marginPx` wider than that, so that a width
 * moving by a few pixels about the edge does not make a column appear and disappear.
 */
export function nextColumnFit(
  state: ColumnFitState,
  box: { clientWidth: number; scrollWidth: number },
  marginPx: number,
): ColumnFitState {
  if (box.scrollWidth > box.clientWidth) return { hidden: state.hidden + 1, needs: [...state.needs, box.scrollWidth] };
  const need = state.needs.at(-1);
  if (need !== undefined && box.clientWidth >= need + marginPx)
    return { hidden: state.hidden - 1, needs: state.needs.slice(0, -1) };
  return state;
}
