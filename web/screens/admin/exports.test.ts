import { describe, expect, it } from 'vitest';
import { fileLabel, fileSize, utcToday } from './exports.ts';

describe('the exports screen', () => {
  it('names files and sizes', () => {
    expect(
      fileLabel({
        scope: 'center',
        scopeName: 'Whole call center',
        kind: 'queueCalls',
        name: 'x.zip',
        bytes: 1,
        url: '',
      }),
    ).toBe('Queue calls (Whole call center)');
    expect([fileSize(900), fileSize(2048), fileSize(1536), fileSize(3 * 1024 * 1024)]).toEqual([
      '900 B',
      '2 kB',
      '1.5 kB',
      '3 MB',
    ]);
    expect(fileSize(1536, 'pl')).toBe('1,5 kB');
    expect(utcToday(Date.parse('2026-03-01T23:30:00-02:00'))).toBe('2026-03-02');
  });
});
