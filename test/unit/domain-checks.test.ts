import { describe, expect, it } from 'vitest';
import { checkFields, MAX_NAME_CHARS } from '../../server/domain/checks.ts';
import type { AmiFields } from '../../server/domain/input.ts';

const AT = 1_795_842_900_000;
const HUGE = '100000000000000000000';
const LONG = 'x'.repeat(100_000);

/** What the check kept of one field of a message that is not refused, and why it dropped it otherwise. */
function kept(event: string, field: string, value: string) {
  const { fields, rejected } = checkFields({ event, [field]: value }, AT);
  expect(fields).toBeDefined();
  return { value: fields?.[field], reason: rejected[0]?.reason ?? null };
}

describe('entry checks of AMI values', () => {
  it('passes a real Asterisk message through as it is', () => {
    const connect: AmiFields = {
      event: 'AgentConnect',
      queue: 'sales',
      uniqueid: '1795842893.1',
      channel: 'Local/sales@callers-00000000;2',
      interface: 'Local/1001@agents',
      membername: 'Alice',
      holdtime: '2',
      ringtime: '2',
    };
    const checked = checkFields(connect, AT);
    expect(checked.fields).toBe(connect);
    expect(checked.rejected).toEqual([]);
  });

  it.each([
    ['holdtime', HUGE, 'out of range'],
    ['holdtime', '1e20', 'not a whole number'],
    ['holdtime', '-5', 'out of range'],
    ['holdtime', 'NaN', 'not a whole number'],
    ['talktime', '-9999999', 'out of range'],
    ['talktime', '86401', 'out of range'],
    ['wait', HUGE, 'out of range'],
    ['wrapuptime', '12.5', 'not a whole number'],
    ['servicelevel', 'Infinity', 'not a whole number'],
    ['position', '-1', 'out of range'],
    ['callstaken', HUGE, 'out of range'],
    ['status', '9', 'out of range'],
    ['servicelevelperf', '1e400', 'out of range'],
    ['duration', '99999:00:00', 'out of range'],
  ])('drops %s %s as %s', (field, value, reason) => {
    expect(kept('QueueMemberStatus', field, value)).toEqual({ value: undefined, reason });
  });

  it.each([
    ['holdtime', '0'],
    ['talktime', '86400'],
    ['position', '1'],
    ['status', '8'],
    ['servicelevelperf', '95.5'],
    ['duration', '01:02:03'],
    ['holdtime', ''],
  ])('keeps %s %s', (field, value) => {
    expect(kept('QueueMemberStatus', field, value)).toEqual({ value, reason: null });
  });

  it('reads RingTime in milliseconds for AgentRingNoAnswer and in seconds elsewhere', () => {
    expect(kept('AgentRingNoAnswer', 'ringtime', '15000')).toEqual({ value: '15000', reason: null });
    expect(kept('AgentRingNoAnswer', 'ringtime', '90000')).toEqual({ value: '90000', reason: null });
    expect(kept('AgentConnect', 'ringtime', '90000')).toEqual({ value: undefined, reason: 'out of range' });
    expect(kept('AgentRingNoAnswer', 'ringtime', HUGE)).toEqual({ value: undefined, reason: 'out of range' });
  });

  it('takes epoch times from 2000 up to a day ahead of the event, and 0 for never', () => {
    expect(kept('QueueMemberStatus', 'lastcall', '0').reason).toBeNull();
    expect(kept('QueueMemberStatus', 'lastcall', String(AT / 1000 - 3_600)).reason).toBeNull();
    expect(kept('QueueMemberStatus', 'lastcall', String(AT / 1000 + 86_400)).reason).toBeNull();
    expect(kept('QueueMemberStatus', 'lastcall', HUGE)).toEqual({ value: undefined, reason: 'not a time' });
    expect(kept('QueueMemberStatus', 'lastcall', String(AT / 1000 + 86_401)).reason).toBe('not a time');
    expect(kept('QueueMemberStatus', 'logintime', '5').reason).toBe('not a time');
    expect(kept('QueueMemberStatus', 'lastpause', '-1').reason).toBe('not a time');
    expect(kept('QueueMemberStatus', 'lastpause', '1.5e9').reason).toBe('not a whole number');
  });

  it('drops an over-long name or caller id without refusing the message', () => {
    for (const field of ['membername', 'calleridname', 'calleridnum', 'pausedreason', 'reason', 'stateinterface']) {
      expect(kept('QueueMemberStatus', field, LONG)).toEqual({ value: undefined, reason: 'too long' });
      expect(kept('QueueMemberStatus', field, 'y'.repeat(MAX_NAME_CHARS)).reason).toBeNull();
    }
  });

  it('refuses the whole message when an identity is over-long or a name of the object prototype', () => {
    for (const field of ['queue', 'interface', 'location', 'uniqueid', 'channel', 'bridgeid']) {
      const long = checkFields({ event: 'QueueMemberAdded', queue: 'sales', [field]: LONG }, AT);
      expect(long.fields).toBeUndefined();
      expect(long.rejected).toEqual([
        { event: 'QueueMemberAdded', field, reason: 'too long', refused: true, sample: LONG.slice(0, 40) },
      ]);
      for (const name of ['__proto__', 'constructor', 'toString']) {
        expect(checkFields({ event: 'QueueMemberAdded', [field]: name }, AT)).toMatchObject({
          fields: undefined,
          rejected: [{ field, reason: 'reserved name', refused: true }],
        });
      }
    }
  });

  it('reads a repeated header as the reducer does, by its first value', () => {
    const { fields, rejected } = checkFields(
      { event: 'AgentComplete', talktime: ['-1', '5'], holdtime: ['3', '-1'] },
      AT,
    );
    expect(fields).toEqual({ event: 'AgentComplete', holdtime: ['3', '-1'] });
    expect(rejected.map((r) => r.field)).toEqual(['talktime']);
  });

  it('leaves fields it does not know alone', () => {
    const fields: AmiFields = { event: 'AgentConnect', destchannel: LONG, variable: { QUEUESTATUS: '' } };
    expect(checkFields(fields, AT).fields).toBe(fields);
  });
});
