import { describe, expect, it } from 'vitest';
import { ftpHomeText } from './ftp.ts';

describe('FTP home', () => {
  it('names the whole center, or each unit folder with the unit it holds when the names differ', () => {
    expect(ftpHomeText({ kind: 'center' })).toBe('The whole call center: the folders CDRs, QueueCalls and Recordings.');
    expect(
      ftpHomeText({
        kind: 'units',
        units: [
          { unit: 'Sales', folder: 'Sales' },
          { unit: 'A/B', folder: 'A_B' },
        ],
      }),
    ).toBe('Your units only, one folder each: Sales, A_B (A/B); each holds CDRs, QueueCalls and Recordings.');
  });
});
