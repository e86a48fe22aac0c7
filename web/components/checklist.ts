/** A set of ticked values (queues, user ids) after ticking one on or off, sorted so that saving it is stable. */
export function toggleValue(selected: readonly string[], value: string, on: boolean): string[] {
  const rest = selected.filter((item) => item !== value);
  return on ? [...rest, value].sort() : rest;
}

/** A list typed into one text box, by commas, spaces or lines: trimmed, without blanks or repeats. */
export function parseList(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}
