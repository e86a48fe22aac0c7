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
    [...columns]
      .sort((a, b) => rank(b) - rank(a))
      .slice(0, Math.max(0, Math.min(hidden, columns.length - 1))),
  );
  return columns.filter((key) => !dropped.has(key));
}
