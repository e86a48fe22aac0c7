import { describe, expect, it } from 'vitest';
import type { MonitorSessionView } from '../../server/contract/monitoring.ts';
import { chanSpyOptions, digitSent, modeOfOptions, trackEvent, type Tracked } from '../../server/monitoring/tracker.ts';
import { replayScenario } from '../support/replay.ts';
import { rawPairs, readFastAgi, readTraceActions, readTraceMessages, type Scenario } from '../support/traces.ts';

/**
 * Traces 07 and 15 played over TCP to the real AMI connection, and every event it delivers given to the monitoring
 * sessions as the lease holder gives them. A session is known by its originated channel's Uniqueid, which our own
 * Originate sets (ChannelId); the recorder's Originates did not, so it is read from their OriginateResponse here.
 */

const MODES = ['listen', 'whisper', 'barge'] as const;
const field = (raw: string, name: string) => rawPairs(raw).find(([key]) => key === name)?.[1] ?? '';

function supervisorSessions(scenario: Scenario): Tracked[] {
  const responses = readTraceMessages(scenario).filter((message) => message.name === 'OriginateResponse');
  const actions = readTraceActions(scenario);
  return actions
    .filter((action) => action.action === 'Originate' && /supervisor/.test(field(action.raw, 'Channel')))
    .map((action, index) => {
      const response = responses.find((message) => field(message.raw!, 'ActionID') === action.action_id)!;
      const data = field(action.raw, 'Data');
      const session: MonitorSessionView = {
        id: `s${index + 1}`,
        supervisor: 'sup',
        supervisorName: 'Supervisor',
        agent: 'Local/1001@agents',
        agentName: 'Alice',
        callId: 'call',
        queue: 'sales',
        state: 'ringing',
        // Through the feature code the dialplan's ChanSpy options are `qEdb`: listen.
        mode: modeOfOptions(data.split(',')[1] ?? 'qEdb'),
        startedAt: 0,
        changes: [],
        endedAt: null,
        end: null,
        endMessage: null,
      };
      let tracked: Tracked = {
        session,
        endpoint: 'pbx',
        phone: field(action.raw, 'Channel'),
        uniqueid: field(response.raw!, 'Uniqueid'),
        sentDigits: [],
      };
      // Digits pressed on the spying channel itself (PlayDTMF with Receive) are the ones a board sends.
      const channel = field(response.raw!, 'Channel').replace(/;1$/, ';2');
      for (const sent of actions.filter(
        (item) => item.action === 'PlayDTMF' && field(item.raw, 'Channel') === channel,
      )) {
        if (field(sent.raw, 'Receive') === 'true') tracked = digitSent(tracked, field(sent.raw, 'Digit'));
      }
      return tracked;
    });
}

async function replaySessions(scenario: Scenario): Promise<MonitorSessionView[]> {
  const { inputs } = await replayScenario(scenario);
  let sessions = supervisorSessions(scenario);
  for (const input of inputs) {
    if (input.type === 'event') sessions = sessions.map((tracked) => trackEvent(tracked, input.fields, input.at));
  }
  return sessions.map((tracked) => tracked.session);
}

const summary = (session: MonitorSessionView) => ({
  state: session.state,
  mode: session.mode,
  end: session.end,
  changes: session.changes.map((change) => [change.mode, change.origin]),
});

describe('monitoring sessions replayed from the recorded Asterisk', () => {
  it('07-chanspy: listen, whisper and barge sessions end with the supervisor; E ends one with the call; no call, no spying', async () => {
    const sessions = await replaySessions('07-chanspy');
    expect(sessions.map(summary)).toEqual([
      { state: 'ended', mode: 'listen', end: 'hungUp', changes: [] },
      { state: 'ended', mode: 'whisper', end: 'hungUp', changes: [] },
      { state: 'ended', mode: 'barge', end: 'hungUp', changes: [] },
      { state: 'ended', mode: 'listen', end: 'callEnded', changes: [] },
      { state: 'ended', mode: 'listen', end: 'hungUp', changes: [] },
    ]);
    expect(sessions[3]!.endMessage).toBe('The call ended.');
    expect(sessions.every((session) => session.endedAt! > session.startedAt)).toBe(true);
  });

  it('15-chanspy-dtmf: keys from the phone and digits sent from the board switch modes, each with its origin', async () => {
    const sessions = await replaySessions('15-chanspy-dtmf');
    expect(sessions.map(summary)).toEqual([
      {
        state: 'ended',
        mode: 'listen',
        end: 'callEnded',
        changes: [
          ['whisper', 'keypad'],
          ['barge', 'keypad'],
          ['listen', 'keypad'],
        ],
      },
      { state: 'ended', mode: 'listen', end: 'hungUp', changes: [] },
      {
        state: 'ended',
        mode: 'listen',
        end: 'hungUp',
        changes: [
          ['barge', 'board'],
          ['listen', 'board'],
        ],
      },
    ]);
  });

  it('19-fastagi-monitor: a session adopted from #44 is followed on the dialling channel: a key, then the call ends', async () => {
    const first = readFastAgi('19-fastagi-monitor').filter((message) => message.conn === 1 && message.dir === 'in');
    const environment = first.map((message) => message.raw).join('');
    const value = (name: string) => new RegExp(`^${name}: (.*)$`, 'm').exec(environment)![1]!;
    const [template] = supervisorSessions('07-chanspy');
    let tracked: Tracked = {
      ...template!,
      session: { ...template!.session, state: 'waiting', mode: 'listen' },
      channel: value('agi_channel'),
      uniqueid: value('agi_uniqueid'),
    };
    const { inputs } = await replayScenario('19-fastagi-monitor');
    for (const input of inputs) if (input.type === 'event') tracked = trackEvent(tracked, input.fields, input.at);
    expect(summary(tracked.session)).toEqual({
      state: 'ended',
      mode: 'whisper',
      end: 'callEnded',
      changes: [['whisper', 'keypad']],
    });
  });

  it('starts ChanSpy without a beep, on bridged channels only, ending with the call, with the keys 4/5/6', () => {
    expect(MODES.map(chanSpyOptions)).toEqual(['qbEd', 'qbEdw', 'qbEdB']);
    expect(MODES.map((mode) => modeOfOptions(chanSpyOptions(mode)))).toEqual(MODES);
  });
});
