import type { RateRow } from '../contract/exports.ts';

/**
 * The rate table an administrator uploads: a CSV of `prefix,destination,price per minute` (a header row may come
 * first; a destination holding a comma is quoted). A dialled number is priced by the longest prefix that starts it,
 * after a leading `+` or `00` (the international call prefix) is taken off.
 */

export class RateTableError extends Error {}

const PREFIX = /^\d{1,15}$/;
const PRICE = /^\d{1,6}(\.\d{1,6})?$/;
const MAX_ROWS = 100_000;

/** The fields of one line; quotes as RFC 4180 has them. Null when a quote is left open. */
function fields(line: string): string[] | null {
  const out: string[] = [];
  let at = 0;
  for (;;) {
    if (line[at] === '"') {
      let value = '';
      let index = at + 1;
      for (;;) {
        const quote = line.indexOf('"', index);
        if (quote < 0) return null;
        value += line.slice(index, quote);
        if (line[quote + 1] === '"') {
          value += '"';
          index = quote + 2;
          continue;
        }
        at = quote + 1;
        break;
      }
      out.push(value);
    } else {
      const comma = line.indexOf(',', at);
      out.push(line.slice(at, comma < 0 ? undefined : comma));
      at = comma < 0 ? line.length : comma;
    }
    if (at >= line.length) return out;
    if (line[at] !== ',') return null;
    at += 1;
  }
}

/** Parses an uploaded table; every bad line is named with its number in one error. */
export function parseRateTable(text: string): RateRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const rows: RateRow[] = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  lines.forEach((raw, index) => {
    const number = index + 1;
    const line = raw.trim();
    if (line === '') return;
    const cells = fields(line)?.map((cell) => cell.trim());
    if (index === 0 && cells && !PREFIX.test(cells[0] ?? '')) return; // a header row
    if (!cells || cells.length !== 3) {
      problems.push(
        `Line ${number}: expected 3 fields (prefix, destination, price per minute), found ${cells ? cells.length : 'an unclosed quote'}.`,
      );
      return;
    }
    const [prefix = '', destination = '', price = ''] = cells;
    if (!PREFIX.test(prefix)) problems.push(`Line ${number}: the prefix "${prefix}" must be 1 to 15 digits.`);
    else if (seen.has(prefix))
      problems.push(`Line ${number}: the prefix ${prefix} is already on line ${seen.get(prefix)}.`);
    if (destination === '' || destination.length > 100)
      problems.push(`Line ${number}: the destination name must have 1 to 100 characters.`);
    if (!PRICE.test(price))
      problems.push(`Line ${number}: the price per minute "${price}" must be a number such as 0.05.`);
    seen.set(prefix, seen.get(prefix) ?? number);
    rows.push({ prefix, destination, perMinute: price });
  });
  if (problems.length > 0)
    throw new RateTableError(
      `The rate table was not saved. ${problems.slice(0, 20).join(' ')}${problems.length > 20 ? ` And ${problems.length - 20} more problems.` : ''}`,
    );
  if (rows.length === 0) throw new RateTableError('The rate table was not saved: it holds no rate.');
  if (rows.length > MAX_ROWS)
    throw new RateTableError(
      `The rate table was not saved: it holds ${rows.length} rates, at most ${MAX_ROWS} are allowed.`,
    );
  return rows;
}

export interface Rated {
  readonly destination: string;
  readonly rate: string;
  readonly charge: string;
}

/** Prices calls by the table: longest prefix first. */
export function rater(rows: readonly RateRow[]): (number: string, billsec: number) => Rated | null {
  const byPrefix = new Map(rows.map((row) => [row.prefix, row]));
  const longest = Math.max(0, ...rows.map((row) => row.prefix.length));
  return (dialled, billsec) => {
    const digits = dialled.replace(/^\+/, '').replace(/^00/, '');
    if (!/^\d+$/.test(digits)) return null;
    for (let length = Math.min(longest, digits.length); length > 0; length -= 1) {
      const row = byPrefix.get(digits.slice(0, length));
      if (row) {
        // Priced by the second, rounded to the ten-thousandth.
        const charge = Math.round((Number(row.perMinute) * billsec * 10_000) / 60) / 10_000;
        return { destination: row.destination, rate: row.perMinute, charge: charge.toFixed(4) };
      }
    }
    return null;
  };
}
