import { describe, expect, it } from 'vitest';
import { describePurge, describeRule, draftOf, isConfirmed, ruleOf } from './retention.ts';

describe('retention rule form', () => {
  it('turns a rule into a form and back', () => {
    expect(ruleOf(draftOf({ days: null }))).toEqual({ ok: true, rule: { days: null } });
    expect(ruleOf(draftOf({ days: 90 }))).toEqual({ ok: true, rule: { days: 90 } });
  });

  it('keeps from 1 to 999 whole days', () => {
    expect(ruleOf({ forever: false, days: ' 1 ' })).toEqual({ ok: true, rule: { days: 1 } });
    expect(ruleOf({ forever: false, days: '999' })).toEqual({ ok: true, rule: { days: 999 } });
    for (const days of ['0', '1000', '-3', '2.5', '1e2', '', 'ten']) {
      const result = ruleOf({ forever: false, days });
      expect(result.ok, days).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/from 1 to 999/);
    }
  });

  it('ignores the days when kept forever', () => {
    expect(ruleOf({ forever: true, days: 'nonsense' })).toEqual({ ok: true, rule: { days: null } });
  });

  it('describes rules and what a delete removed', () => {
    expect(describeRule({ days: null })).toBe('kept forever');
    expect(describeRule({ days: 1 })).toBe('kept for 1 day');
    expect(describePurge({ category: 'statistics', deleted: 12 })).toBe('Wallboard statistics: deleted 12 records.');
  });
});

describe('"Delete all" confirmation', () => {
  it('takes TAK from a Polish user, exactly', () => {
    expect(isConfirmed('TAK', 'pl')).toBe(true);
    for (const typed of ['tak', ' TAK', 'YES', 'Tak']) expect(isConfirmed(typed, 'pl'), typed).toBe(false);
  });

  it('takes exactly YES and nothing else', () => {
    expect(isConfirmed('YES')).toBe(true);
    for (const typed of ['', 'yes', 'Yes', ' YES', 'YES ', 'YESS', 'NO']) expect(isConfirmed(typed), typed).toBe(false);
  });
});
