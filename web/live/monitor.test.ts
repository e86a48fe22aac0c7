import { describe, expect, it, vi } from 'vitest';
import type { MonitorSessionView, MonitorStart, MonitorStatus } from '../../server/contract/monitoring.ts';
import type { Result } from '../../server/contract/result.ts';
import { monitorSession } from '../testing/fixtures.ts';
import { sessionLabel } from './monitor-labels.ts';
import { LiveSessions, Monitor } from './monitor.svelte.ts';
import type { MonitorConnection } from './socket.ts';

/** A connection whose answers the test chooses, and whose monitor:updated it sends. */
function fakeConnection(answers: {
  start?: Result<MonitorSessionView>;
  watched?: MonitorSessionView[];
  status?: Result<MonitorStatus>;
}) {
  const updated: ((session: MonitorSessionView) => void)[] = [];
  const connected: (() => void)[] = [];
  const sent: unknown[] = [];
  const connection: MonitorConnection = {
    onConnected: (handler) => (connected.push(handler), () => undefined),
    monitorStatus: () =>
      Promise.resolve(answers.status ?? { ok: true, data: { allowed: true, agents: [], session: null } }),
    startMonitor: (start: MonitorStart) => (
      sent.push(start),
      Promise.resolve(answers.start ?? { ok: true, data: monitorSession() })
    ),
    monitorMode: (mode) => (sent.push(mode), Promise.resolve({ ok: true, data: monitorSession({ state: 'active' }) })),
    stopMonitor: () => (sent.push('stop'), Promise.resolve({ ok: true, data: monitorSession({ state: 'active' }) })),
    watchMonitoring: () => Promise.resolve({ ok: true, data: answers.watched ?? [] }),
    onMonitorUpdated: (handler) => (updated.push(handler), () => undefined),
  };
  return {
    connection,
    sent,
    update: (s: MonitorSessionView) => updated.forEach((handler) => handler(s)),
    connect: () => connected.forEach((handler) => handler()),
  };
}

describe('sessionLabel', () => {
  it('says the phone rings, then what the user does to whom and for how long', () => {
    expect(sessionLabel(monitorSession(), 1_000_000)).toBe('Calling your phone…');
    expect(sessionLabel(monitorSession({ state: 'active' }), 1_042_000)).toBe('Listening to Alice — 00:42');
    expect(sessionLabel(monitorSession({ state: 'active', mode: 'whisper' }), 1_061_500)).toBe(
      'Whispering to Alice — 01:01',
    );
    expect(sessionLabel(monitorSession({ state: 'active', mode: 'barge' }), 1_000_000)).toBe(
      'Barging in on Alice — 00:00',
    );
  });
});

describe('Monitor', () => {
  it('asks whether monitoring is offered on every connect', async () => {
    const fake = fakeConnection({
      status: {
        ok: true,
        data: { allowed: true, agents: ['Local/1001@agents'], session: monitorSession({ state: 'active' }) },
      },
    });
    const monitor = new Monitor(fake.connection, () => 'me');
    expect(monitor.allowed).toBe(false);
    expect(monitor.offers('Local/1001@agents')).toBe(false);
    fake.connect();
    await vi.waitFor(() => expect(monitor.allowed).toBe(true));
    expect(monitor.offers('Local/1001@agents')).toBe(true);
    expect(monitor.offers('Local/1002@agents')).toBe(false);
    expect(monitor.session?.state).toBe('active');
  });

  it('starts a session, follows its facts, and keeps a newer fact over a late answer', async () => {
    const fake = fakeConnection({});
    const monitor = new Monitor(fake.connection, () => 'me');
    const started = monitor.start('Local/1001@agents', 'listen');
    fake.update(monitorSession({ state: 'active' }));
    await started;
    expect(fake.sent).toEqual([{ agent: 'Local/1001@agents', mode: 'listen' }]);
    expect(monitor.session?.state).toBe('active');
    fake.update(
      monitorSession({
        state: 'active',
        mode: 'whisper',
        changes: [{ mode: 'whisper', at: 1_010_000, origin: 'board' }],
      }),
    );
    expect(monitor.session?.mode).toBe('whisper');
    await monitor.mode('barge');
    expect(monitor.session?.mode).toBe('whisper');
  });

  it("ignores other supervisors' sessions", () => {
    const fake = fakeConnection({});
    const monitor = new Monitor(fake.connection, () => 'me');
    fake.update(monitorSession({ supervisor: 'someone else', state: 'active' }));
    expect(monitor.session).toBeNull();
  });

  it("shows the server's refusal beside the agent's buttons, and an ending in the bar", async () => {
    const fake = fakeConnection({ start: { ok: false, error: 'Call not yet established.' } });
    const monitor = new Monitor(fake.connection, () => 'me');
    await monitor.start('Local/1001@agents', 'barge');
    expect(monitor.message).toEqual({ agent: 'Local/1001@agents', text: 'Call not yet established.' });
    expect(monitor.session).toBeNull();

    fake.update(monitorSession({ state: 'active' }));
    fake.update(
      monitorSession({ state: 'ended', endedAt: 1_050_000, end: 'callEnded', endMessage: 'The call ended.' }),
    );
    expect(monitor.session).toBeNull();
    expect(monitor.message).toEqual({ agent: null, text: 'The call ended.' });
  });

  it('ends quietly on Stop', async () => {
    const fake = fakeConnection({});
    const monitor = new Monitor(fake.connection, () => 'me');
    fake.update(monitorSession({ state: 'active' }));
    await monitor.stop();
    fake.update(monitorSession({ state: 'ended', endedAt: 1_050_000, end: 'stopped' }));
    expect(fake.sent).toEqual(['stop']);
    expect(monitor.session).toBeNull();
    expect(monitor.message).toBeNull();
  });
});

describe('LiveSessions', () => {
  it('lists the running sessions on every connect, follows them live, and hears of each end', async () => {
    const fake = fakeConnection({ watched: [monitorSession({ id: 'a', state: 'active', supervisor: 'sam' })] });
    const ends: string[] = [];
    const live = new LiveSessions({ ...fake.connection, connected: false }, () => ends.push('ended'));
    fake.connect();
    await vi.waitFor(() => expect(live.list.map((session) => session.id)).toEqual(['a']));
    fake.update(monitorSession({ id: 'b', supervisor: 'kim', startedAt: 2_000_000 }));
    fake.update(
      monitorSession({
        id: 'a',
        state: 'active',
        mode: 'barge',
        supervisor: 'sam',
        changes: [{ mode: 'barge', at: 1_500_000, origin: 'keypad' }],
      }),
    );
    expect(live.list.map((session) => [session.id, session.mode])).toEqual([
      ['a', 'barge'],
      ['b', 'listen'],
    ]);
    fake.update(monitorSession({ id: 'a', state: 'ended', endedAt: 2_500_000, end: 'endedByAdmin' }));
    expect(live.list.map((session) => session.id)).toEqual(['b']);
    expect(ends).toEqual(['ended']);
  });
});
