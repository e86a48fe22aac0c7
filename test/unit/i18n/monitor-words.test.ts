import { describe, expect, it } from 'vitest';
import { monitorWords } from '../../../server/contract/monitor-words.ts';
import { MONITOR_ERRORS } from '../../../server/contract/monitoring.ts';

describe('the monitoring refusals and endings in the reader’s language', () => {
  it('says the seed’s errors in Polish', () => {
    expect(monitorWords(MONITOR_ERRORS.denied, 'pl')).toBe('Odmowa.');
    expect(monitorWords(MONITOR_ERRORS.noCall, 'pl')).toBe('Połączenie nie zostało jeszcze nawiązane.');
    expect(monitorWords(MONITOR_ERRORS.endedByAdmin, 'pl')).toBe('Administrator zakończył sesję');
  });

  it('has every one in Polish, and each in English as the service words it', () => {
    for (const text of Object.values(MONITOR_ERRORS)) {
      expect(monitorWords(text, 'en')).toBe(text);
      expect(monitorWords(text, 'pl')).not.toBe(text);
    }
  });

  it('leaves a text it does not know as it is', () => {
    expect(monitorWords('no active monitoring session 7', 'pl')).toBe('no active monitoring session 7');
  });
});
