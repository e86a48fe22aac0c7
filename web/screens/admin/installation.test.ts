import { describe, expect, it } from 'vitest';
import type { InstallationView } from '../../../server/contract/installation.ts';
import { installationWarnings } from './installation.ts';

const view = (fields: Partial<InstallationView>): InstallationView => ({
  persistence: { mode: 'aof', detail: 'appendonly yes' },
  data: 'ok',
  lostAt: null,
  warnings: [],
  ...fields,
});

describe('the installation warnings of the administration screens', () => {
  it('says nothing when Redis keeps its data and lost none', () => {
    expect(installationWarnings(view({}))).toEqual([]);
  });

  it('puts a loss before a Redis that keeps its data only in memory', () => {
    const warnings = installationWarnings(
      view({
        data: 'lost',
        lostAt: '2026-12-07T09:05:00.000Z',
        persistence: { mode: 'none', detail: 'appendonly no' },
      }),
    );
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^Redis lost the board's accounts.*\(found at 7 Dec 2026 \d\d:05\)/);
    expect(warnings[1]).toBe(
      'Redis keeps its data only in memory (appendonly no): its next restart loses every account, layout and statistic; run it with appendonly yes.',
    );
  });

  it('asks to make sure when Redis does not say how it keeps its data', () => {
    expect(installationWarnings(view({ persistence: { mode: 'unknown', detail: 'CONFIG refused' } }))).toEqual([
      'Redis does not say whether it keeps its data on disk (CONFIG refused): make sure it does.',
    ]);
  });
});
