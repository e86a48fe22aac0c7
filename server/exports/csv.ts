/**
 * CSV as RFC 4180 writes it: a header row, CRLF line ends, a field quoted when it holds a quote, a comma or a line
 * break, and quotes doubled inside. A text cell that a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
 * `@`, a tab or a carriage return) is prefixed with an apostrophe, so that it is shown as the text it is.
 */

export type Cell = string | number;

/** Either reason to touch a cell: one test decides that most cells (ids, numbers, times) go out as they are. */
const SPECIAL = /^[=+\-@\t\r]|[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(cell: Cell): string {
  if (typeof cell === 'number') return String(cell);
  if (!SPECIAL.test(cell)) return cell;
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly Cell[]): string {
  let line = csvCell(cells[0] ?? '');
  for (let index = 1; index < cells.length; index += 1) line += `,${csvCell(cells[index] ?? '')}`;
  return `${line}\r\n`;
}
