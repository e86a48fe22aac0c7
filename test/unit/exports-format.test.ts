import { describe, expect, it } from 'vitest';
import { csvLine } from '../../server/exports/csv.ts';
import { reportTime } from '../../server/exports/queue-rows.ts';
import { parseRateTable, RateTableError, rater } from '../../server/exports/rates.ts';
import { lastDueDay, msUntilNextRun } from '../../server/exports/schedule.ts';
import { readCsv } from '../support/files.ts';

describe('report CSV', () => {
  it('quotes as RFC 4180 and neutralises cells a spreadsheet would run as formulas', () => {
    const line = csvLine([
      '=HYPERLINK("http://x")',
      '+48 600',
      '-1+1',
      '@SUM(A1)',
      '\tcmd',
      'a,b',
      'say "hi"',
      'two\nlines',
      'plain',
      42,
    ]);
    expect(line.endsWith('\r\n')).toBe(true);
    expect(readCsv(line)).toEqual([
      [
        '\'=HYPERLINK("http://x")',
        "'+48 600",
        "'-1+1",
        "'@SUM(A1)",
        "'\tcmd",
        'a,b',
        'say "hi"',
        'two\nlines',
        'plain',
        '42',
      ],
    ]);
  });
});

describe('report times', () => {
  it('are UTC ISO 8601 to the second, across days and for instants a Date holds differently', () => {
    for (const iso of ['2026-11-28T23:59:59.999Z', '2026-11-29T00:00:00.000Z', '2026-11-28T06:10:26.500Z'])
      expect(reportTime(Date.parse(iso))).toBe(`${iso.slice(0, 19)}Z`);
    expect(reportTime(-1)).toBe('1969-12-31T23:59:59Z');
    expect(reportTime(Number.NaN)).toBe('1970-01-01T00:00:00Z');
  });
});

describe('rate table', () => {
  it('prices a number by its longest prefix, after + or 00', () => {
    const price = rater(
      parseRateTable('prefix,destination,price\n48,Poland,0.10\n4860,"Poland, Mobile",0.30\n1,USA,0.02\n'),
    );
    expect(price('+48600123456', 90)).toEqual({ destination: 'Poland, Mobile', rate: '0.30', charge: '0.4500' });
    expect(price('0048221234567', 60)).toEqual({ destination: 'Poland', rate: '0.10', charge: '0.1000' });
    expect(price('12125550100', 7)).toEqual({ destination: 'USA', rate: '0.02', charge: '0.0023' });
    expect(price('33123456789', 60)).toBeNull();
    expect(price('sales', 60)).toBeNull();
  });

  it('names every bad line', () => {
    expect(() => parseRateTable('48,Poland\n48,Poland,0.1\n48,Again,0.1\n49,"open,1\n')).toThrow(
      'The rate table was not saved. Line 1: expected 3 fields (prefix, destination, price per minute), found 2. Line 3: the prefix 48 is already on line 2. Line 4: expected 3 fields (prefix, destination, price per minute), found an unclosed quote.',
    );
    expect(() => parseRateTable('prefix,destination,price\n')).toThrow('holds no rate');
  });

  it('names the bad lines in Polish to a Polish administrator, counting those past twenty', () => {
    const bad = Array.from({ length: 22 }, (_, index) => `${index + 1},Poland,x`).join('\n');
    const error = (() => {
      try {
        parseRateTable(`48,Poland\n${bad}`);
      } catch (thrown) {
        return thrown as RateTableError;
      }
      throw new Error('the table was accepted');
    })();
    expect(error).toBeInstanceOf(RateTableError);
    const polish = error.text('pl');
    expect(polish).toMatch(
      /^Tabela stawek nie została zapisana\. Wiersz 1: oczekiwano 3 pól .*, jest ich 2\. Wiersz 2: /,
    );
    expect(polish).toMatch(/ I jeszcze 3 problemy\.$/);
    expect(error.message).toMatch(/ And 3 more problems\.$/);
  });
});

describe('the writing time', () => {
  it('is 01:00:00 UTC, for the day before', () => {
    expect(lastDueDay(Date.parse('2026-03-11T00:59:59.999Z'))).toBe('2026-03-09');
    expect(lastDueDay(Date.parse('2026-03-11T01:00:00Z'))).toBe('2026-03-10');
    expect(msUntilNextRun(Date.parse('2026-03-11T00:59:59Z'))).toBe(1_000);
    expect(msUntilNextRun(Date.parse('2026-03-11T01:00:00Z'))).toBe(86_400_000);
  });
});
