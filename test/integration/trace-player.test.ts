import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { startTracePlayer } from '../support/trace-player.ts';
import { readTraceActions, readTraceFile, type Scenario } from '../support/traces.ts';

/** Connects, sends the recorded client actions with their recorded ActionIDs, and collects every byte until close. */
function record(port: number, actions: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(port, '127.0.0.1', () => socket.write(actions));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks)));
  });
}

/** The actions the player substitutes, as the recording sent them, per session (a session starts with its Login). */
function recordedClientActions(scenario: Scenario): string[] {
  const sessions: string[] = [];
  for (const action of readTraceActions(scenario)) {
    const own = action.phase === 'login' || (action.phase === 'initial-resync' && action.action !== 'DeviceStateList');
    if (action.action === 'Login') sessions.push('');
    if (own) sessions[sessions.length - 1] += `Action: ${action.action}\r\nActionID: ${action.action_id}\r\n\r\n`;
  }
  return sessions;
}

describe('trace player', () => {
  it.each([
    ['01-login-and-status', ['ami.raw']],
    ['13-asterisk-restart', ['ami.1.raw', 'ami.2.raw']],
  ] as const)('plays %s byte for byte (banner, QueueRule blank lines, sessions)', async (scenario, files) => {
    const player = await startTracePlayer(scenario, { seed: 9 });
    try {
      const actions = recordedClientActions(scenario);
      expect(actions).toHaveLength(files.length);
      for (const [i, file] of files.entries()) {
        const received = await record(player.port, actions[i]!);
        expect(received.equals(readTraceFile(scenario, file))).toBe(true);
      }
      await expect(player.done).resolves.toMatchObject({ sessions: files.length });
    } finally {
      await player.close();
    }
  });

  it('fails clearly when the client never sends the action it waits for', async () => {
    const player = await startTracePlayer('02-answered-call', { waitTimeoutMs: 200 });
    try {
      const socket = net.connect(player.port, '127.0.0.1');
      socket.on('error', () => undefined);
      await expect(player.done).rejects.toThrow(/waited 200 ms for the client's Login \(recorded as rec-1\)/);
      socket.destroy();
    } finally {
      await player.close();
    }
  });
});
