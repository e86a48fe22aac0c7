import { describe, expect, it } from 'vitest';
import {
  callerLabel,
  formatClock,
  formatCount,
  formatDuration,
  formatMessageTime,
  formatMinutesInWords,
  formatMoment,
  secondsSince,
} from './format.ts';

describe('formatDuration', () => {
  it('writes mm:ss under an hour', () => {
    expect(formatDuration(0)).toBe('00:00');
    expect(formatDuration(5)).toBe('00:05');
    expect(formatDuration(65)).toBe('01:05');
    expect(formatDuration(3599)).toBe('59:59');
  });

  it('writes h:mm:ss from an hour on', () => {
    expect(formatDuration(3600)).toBe('1:00:00');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(36_000 + 59)).toBe('10:00:59');
  });

  it('drops fractions and reads a negative duration as zero', () => {
    expect(formatDuration(59.9)).toBe('00:59');
    expect(formatDuration(-3)).toBe('00:00');
  });
});

describe('secondsSince', () => {
  const start = '2025-03-03T10:00:00.000Z';
  it('counts whole seconds to now, never below zero', () => {
    expect(secondsSince(start, Date.parse(start) + 61_900)).toBe(61);
    expect(secondsSince(start, Date.parse(start) - 2_000)).toBe(0);
  });

  it('has nothing to count from without a time', () => {
    expect(secondsSince(null, 0)).toBeNull();
    expect(secondsSince('not a time', 0)).toBeNull();
  });
});

describe('numbers', () => {
  it('groups thousands with a thin space', () => {
    expect(formatCount(7)).toBe('7');
    expect(formatCount(12_345)).toBe('12\u2009345');
  });
});

describe('formatClock', () => {
  it('writes local wall-clock time on a 24-hour clock', () => {
    expect(formatClock(new Date(2025, 2, 3, 22, 42, 7).getTime())).toBe('22:42:07');
  });
});

describe('callerLabel', () => {
  it('prefers a real name and falls back to the number', () => {
    expect(callerLabel('+48221234567', 'Jan Kowalski')).toBe('Jan Kowalski');
    expect(callerLabel('+48221234567', '<unknown>')).toBe('+48221234567');
    expect(callerLabel('+48221234567', '+48221234567')).toBe('+48221234567');
    expect(callerLabel('', '')).toBe('Unknown caller');
  });
});

describe('formatMoment', () => {
  const now = new Date(2026, 11, 7, 9, 30, 0).getTime();

  it('writes a moment of today as its time only', () => {
    expect(formatMoment(new Date(2026, 11, 7, 6, 56, 16).getTime(), now)).toBe('06:56:16');
  });

  it('adds the date to a moment of another day, as the start of the last 24 hours', () => {
    expect(formatMoment(new Date(2026, 11, 6, 9, 30, 0).getTime(), now)).toBe('6 Dec 09:30:00');
  });
});

describe('formatMessageTime', () => {
  const now = new Date(2026, 11, 7, 9, 30, 0).getTime();

  it('writes a message of today as its time to the minute, on a 24-hour clock', () => {
    expect(formatMessageTime(new Date(2026, 11, 7, 14, 5, 59).getTime(), now, 'pl')).toBe('14:05');
    expect(formatMessageTime(new Date(2026, 11, 7, 14, 5, 59).getTime(), now, 'en')).toBe('14:05');
  });

  it('adds the day and month of an older message in the viewer’s language', () => {
    expect(formatMessageTime(new Date(2026, 2, 3, 14, 5).getTime(), now, 'pl')).toBe('3 mar 14:05');
    expect(formatMessageTime(new Date(2026, 2, 3, 14, 5).getTime(), now, 'en')).toBe('3 Mar 14:05');
  });
});

describe('formatMinutesInWords', () => {
  it('says minutes and hours with the Polish plural forms, and in English', () => {
    const polish = [0, 1, 2, 5, 12, 22, 25, 65, 122].map((minutes) => formatMinutesInWords(minutes, 'pl'));
    expect(polish).toEqual([
      '0 minut',
      // date-fns' Polish says one of a unit without the number, as Polish speech does.
      'minuta',
      '2 minuty',
      '5 minut',
      '12 minut',
      '22 minuty',
      '25 minut',
      'godzina 5 minut',
      '2 godziny 2 minuty',
    ]);
    expect([1, 22, 65].map((minutes) => formatMinutesInWords(minutes, 'en'))).toEqual([
      '1 minute',
      '22 minutes',
      '1 hour 5 minutes',
    ]);
  });
});
