import { describe, expect, it } from 'vitest';
import type { AgentActionEntry, CallbackActionEntry } from '../../../server/contract/agent-actions.ts';
import { CALLBACK_MESSAGES } from '../../../server/contract/callbacks.ts';
import { setLocale } from '../../../server/contract/messages/runtime.js';
import { actionLogLine } from './action-log.ts';

const pause: AgentActionEntry = {
  id: 'a',
  at: 0,
  actor: 'u',
  actorName: 'Sid',
  action: 'pause',
  agent: 'Local/1001@agents',
  agentName: 'Alice',
  queue: null,
  reason: 'Lunch',
  penalty: null,
  result: 'done',
  message: 'Interface paused successfully',
};

/** Runs `check` with the tab speaking Polish, then back to English. */
/** A callback by Sue to a hidden number in `sales`, with what the test says of its outcome. */
function callbackEntry(
  outcome: Pick<CallbackActionEntry, 'result'> & Partial<CallbackActionEntry>,
): CallbackActionEntry {
  return {
    id: 'c',
    at: 0,
    actor: 'u',
    actorName: 'Sue',
    action: 'callback',
    number: '***',
    queue: 'sales',
    message: '',
    endedAt: 0,
    ...outcome,
  };
}

function inPolish(check: () => void): void {
  void setLocale('pl', { reload: false });
  try {
    check();
  } finally {
    void setLocale('en', { reload: false });
  }
}

describe('actionLogLine', () => {
  it('names an action on an agent, the queue (or all), the reason or penalty, and a refusal', () => {
    expect(actionLogLine(pause)).toEqual({
      action: 'Pause',
      whom: 'Alice',
      queue: 'All queues',
      details: 'Reason: Lunch',
      result: 'Done',
    });
    expect(
      actionLogLine({
        ...pause,
        action: 'add',
        queue: 'support',
        reason: null,
        penalty: 2,
        result: 'refused',
        message: 'No.',
      }),
    ).toEqual({
      action: 'Log into queue',
      whom: 'Alice',
      queue: 'support',
      details: 'Penalty 2 · No.',
      result: 'Refused',
    });
  });

  it("names a callback's caller, queue and outcome", () => {
    expect(actionLogLine(callbackEntry({ result: 'noAnswer' }))).toEqual({
      action: 'Call back',
      whom: '***',
      queue: 'sales',
      details: '',
      result: 'No answer',
    });
  });

  it("says a callback's failure in the reader's language", () => {
    const failed = callbackEntry({ result: 'failed', message: CALLBACK_MESSAGES.phoneBusy });
    expect(actionLogLine(failed).details).toBe(CALLBACK_MESSAGES.phoneBusy);
    inPolish(() => expect(actionLogLine(failed).details).toBe('Twój telefon jest zajęty.'));
  });

  it("says a refusal of an agent action in the reader's language", () => {
    const refused: AgentActionEntry = {
      ...pause,
      result: 'refused',
      message: 'Alice is not logged into sales.',
      said: { en: 'Alice is not logged into sales.', pl: 'Alice nie jest zalogowany do kolejki sales.' },
    };
    expect(actionLogLine(refused).details).toBe('Reason: Lunch · Alice is not logged into sales.');
    inPolish(() => expect(actionLogLine(refused).details).toMatch(/· Alice nie jest zalogowany do kolejki sales\.$/));
  });
});
