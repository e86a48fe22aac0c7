import { describe, expect, it } from 'vitest';
import { POLICIES, policyAbout, policyName, type PolicyName } from '../../../server/contract/accounts.ts';
import { overwriteGetLocale } from '../../../server/contract/messages/runtime.js';

/** The seven policies of the seed's Polish page ("Polityki zespołów"): the names it gives, what it says they do. */
const SEED: Record<string, string> = {
  'settings.locked': 'User Settings: disable changes',
  'presence.disabled': 'Call Presence: disable',
  'presence.hideNumbers': 'Call Presence: hide phone numbers',
  'chat.teamOnly': 'Chat: allow within a team only',
  'chat.disabled': 'Chat: disable',
  'recordings.disabled': 'Call Recordings: disable access',
  'softphone.copyNumber': 'Desktop Softphone: copy number to clipboard',
};

describe('the team policies in both languages', () => {
  it('names the seed’s seven as its Polish page does, in Polish and in English', () => {
    for (const [policy, name] of Object.entries(SEED)) {
      expect(policyName(policy as PolicyName, 'pl')).toBe(name);
      expect(policyName(policy as PolicyName, 'en')).toBe(name);
    }
    expect(policyAbout('settings.locked', 'pl')).toBe(
      'Użytkownicy nie mogą dokonywać żadnych zmian w swoich ustawieniach.',
    );
    expect(policyAbout('chat.disabled', 'pl')).toBe('Czat całkowicie wyłączony.');
  });

  it('names the board’s own two in each language', () => {
    expect(policyName('agents.noSelfPause', 'pl')).toBe(
      'Agenci i kolejki: członkowie nie mogą wstrzymywać samych siebie',
    );
    expect(policyName('agents.noSelfPause', 'en')).toBe('Agents and queues: members may not pause themselves');
  });

  it('reads POLICIES in the language being spoken whenever it is read', () => {
    try {
      overwriteGetLocale(() => 'pl');
      expect(POLICIES['agents.supervisorActions']).toBe(policyName('agents.supervisorActions', 'pl'));
      expect(Object.keys(POLICIES)).toHaveLength(9);
      overwriteGetLocale(() => 'en');
      expect(Object.values(POLICIES)).toContain(
        'Agents and queues: supervisors may pause agents and log them into queues',
      );
    } finally {
      overwriteGetLocale(() => 'en');
    }
  });
});
