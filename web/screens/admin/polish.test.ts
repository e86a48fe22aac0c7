import { describe, expect, it } from 'vitest';
import { m } from '../../../server/contract/messages/messages.js';

const COUNTS = [0, 1, 2, 5, 12, 22, 25, 101, 112];
const pl = { locale: 'pl' } as const;

describe('the administration screens in Polish', () => {
  it('say what a restore brought back in the form each count takes after "Przywrócono"', () => {
    expect(COUNTS.map((count) => m.admin_backup_units({ count }, pl))).toEqual([
      '0 jednostek',
      '1 jednostka',
      '2 jednostki',
      '5 jednostek',
      '12 jednostek',
      '22 jednostki',
      '25 jednostek',
      '101 jednostek',
      '112 jednostek',
    ]);
    expect(COUNTS.map((count) => m.admin_backup_users({ count }, pl)).slice(0, 4)).toEqual([
      '0 użytkowników',
      '1 użytkownik',
      '2 użytkowników',
      '5 użytkowników',
    ]);
  });

  it('count retention days and deleted records, a fraction with a decimal comma', () => {
    expect([1, 2, 5, 22, 1.5].map((count) => m.admin_retention_kept_days({ count }, pl))).toEqual([
      'przechowywane przez 1 dzień',
      'przechowywane przez 2 dni',
      'przechowywane przez 5 dni',
      'przechowywane przez 22 dni',
      'przechowywane przez 1,5 dnia',
    ]);
    expect([1, 3, 12, 22, 25].map((count) => m.admin_retention_purged({ category: 'Nagrania', count }, pl))).toEqual([
      'Nagrania: usunięto 1 rekord.',
      'Nagrania: usunięto 3 rekordy.',
      'Nagrania: usunięto 12 rekordów.',
      'Nagrania: usunięto 22 rekordy.',
      'Nagrania: usunięto 25 rekordów.',
    ]);
  });

  it('name the recorded queues and users in the genitive', () => {
    const saved = (queues: number, users: number) =>
      m.admin_recordings_saved(
        {
          queues: m.admin_recordings_queues_count({ count: queues }, pl),
          users: m.admin_recordings_users_count({ count: users }, pl),
        },
        pl,
      );
    expect(saved(1, 2)).toBe('Zapisano: nagrywane są połączenia 1 kolejki i 2 użytkowników.');
    expect(saved(5, 1)).toBe('Zapisano: nagrywane są połączenia 5 kolejek i 1 użytkownika.');
  });
});
