import { describe, expect, it } from 'vitest';
import { refusalOf, type Named } from '../../server/agent-actions/refusals.ts';

/** app_queue's refusals (trace 05), as a supervisor reads them in either language. */
describe('refusals of agent actions', () => {
  const alice: Named = { agent: 'Alice', queue: 'sales' };

  it('say what Asterisk refused, in English and in Polish', () => {
    const said = (message: string, named: Named = alice) => [
      refusalOf(message, named)('en'),
      refusalOf(message, named)('pl'),
    ];
    expect(said('Member not dynamic')).toEqual([
      'Alice is a static member of sales (set in queues.conf): Asterisk cannot log a static member out over AMI. ' +
        'Change queues.conf, or pause them instead.',
      'Alice jest stałym członkiem kolejki sales (z queues.conf): Asterisk nie wylogowuje stałego członka przez AMI. ' +
        'Zmień queues.conf albo wstrzymaj agenta.',
    ]);
    expect(said('Unable to add interface: Already there')).toEqual([
      'Alice is logged into sales already.',
      'Alice jest już zalogowany do kolejki sales.',
    ]);
    expect(said('Interface not found', { agent: undefined, queue: null })).toEqual([
      'The agent is not a member of any queue.',
      'Agent nie jest członkiem żadnej kolejki.',
    ]);
    expect(said('')).toEqual(['Asterisk refused: no reason given.', 'Asterisk odmówił: bez podania powodu.']);
  });
});
