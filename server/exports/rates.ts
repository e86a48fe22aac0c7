import type { RateRow } from '../contract/exports.ts';
import { m } from '../contract/messages/messages.js';
import { inEnglish, say, type Localized } from '../i18n.ts';

/**
 * The rate table an administrator uploads: a CSV of `prefix,destination,price per minute` (a header row may come
 * first; a destination holding a comma is quoted). A dialled number is priced by the longest prefix that starts it,
 * after a leading `+` or `00` (the international call prefix) is taken off.
 */

/** Why an upload was refused, in the uploader's language (`text`); its message is the English, for the log. */
export class RateTableError extends Error {
  constructor(readonly text: Localized) {
    super(inEnglish(text));
  }
}

const PREFIX = /^\d{1,15}$/;
const PRICE = /^\d{1,6}(\.\d{1,6})?$/;
/** How many bad lines an error names; the rest are counted. */
const SHOWN_PROBLEMS = 20;
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
  const problems: Localized[] = [];
  const seen = new Map<string, number>();
  lines.forEach((raw, index) => {
    const number = index + 1;
    const line = raw.trim();
    if (line === '') return;
    const cells = fields(line)?.map((cell) => cell.trim());
    if (index === 0 && cells && !PREFIX.test(cells[0] ?? '')) return; // a header row
    if (!cells || cells.length !== 3) {
      problems.push(
        cells
          ? say(m.admin_refusal_rates_fields, { line: number, count: cells.length })
          : say(m.admin_refusal_rates_quote, { line: number }),
      );
      return;
    }
    const [prefix = '', destination = '', price = ''] = cells;
    if (!PREFIX.test(prefix)) problems.push(say(m.admin_refusal_rates_prefix, { line: number, prefix }));
    else if (seen.has(prefix))
      problems.push(say(m.admin_refusal_rates_prefix_twice, { line: number, prefix, first: seen.get(prefix)! }));
    if (destination === '' || destination.length > 100)
      problems.push(say(m.admin_refusal_rates_destination, { line: number }));
    if (!PRICE.test(price)) problems.push(say(m.admin_refusal_rates_price, { line: number, price }));
    seen.set(prefix, seen.get(prefix) ?? number);
    rows.push({ prefix, destination, perMinute: price });
  });
  if (problems.length > 0) {
    const named = problems.slice(0, SHOWN_PROBLEMS);
    if (problems.length > SHOWN_PROBLEMS)
      named.push(say(m.admin_refusal_rates_more, { count: problems.length - SHOWN_PROBLEMS }));
    throw new RateTableError((locale) =>
      m.admin_refusal_rates_problems({ problems: named.map((problem) => problem(locale)).join(' ') }, { locale }),
    );
  }
  if (rows.length === 0) throw new RateTableError(say(m.admin_refusal_rates_empty));
  if (rows.length > MAX_ROWS)
    throw new RateTableError(say(m.admin_refusal_rates_too_many, { count: rows.length, max: MAX_ROWS }));
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
