import { describe, expect, it } from 'vitest';
import { describeRestore, readBackupFile } from './backup.ts';

describe('the backup screen', () => {
  it('reads a file as JSON, or says that it is not', () => {
    expect(readBackupFile('a.json', '{"format":"tablica-configuration"}')).toEqual({
      ok: true,
      data: { format: 'tablica-configuration' },
    });
    expect(readBackupFile('notes.txt', 'hello')).toEqual({
      ok: false,
      error: 'The file notes.txt is not a backup file: it is not JSON.',
    });
  });

  it('says what a restore brought back', () => {
    expect(describeRestore({ users: 3, units: 1, teams: 2, policies: 0, kiosks: 1, layouts: 4 })).toBe(
      'Restored 3 users, 1 unit, 2 teams, 0 policies, 1 kiosk link and 4 layouts. Log in again if your session ended.',
    );
  });
});
