import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { Rejection } from '../../server/domain/checks.ts';
import { RejectionLog } from '../../server/ami/rejections.ts';

function logged(): { log: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: 'info' }, sink), lines };
}

const talk: Rejection = {
  event: 'AgentComplete',
  field: 'talktime',
  reason: 'out of range',
  refused: false,
  sample: '-9999999',
};
const queue: Rejection = {
  event: 'QueueCallerJoin',
  field: 'queue',
  reason: 'unknown queue',
  refused: true,
  sample: 'phantom',
};

/** pino writes asynchronously to a stream: the lines are there after the current turn. */
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('the log of rejected AMI values', () => {
  it('logs each kind once, then again after ten minutes with how many came since', async () => {
    let now = 0;
    const { log, lines } = logged();
    const rejections = new RejectionLog(log, () => now);
    for (let i = 0; i < 1_000; i++) rejections.note('pbx', [talk, queue]);
    now = 9 * 60_000;
    rejections.note('pbx', [talk]);
    await settled();
    expect(lines.map((line) => [line.field, line.msg])).toEqual([
      ['talktime', 'AMI value dropped'],
      ['queue', 'AMI message ignored: bad value'],
    ]);

    now = 10 * 60_000;
    rejections.note('pbx', [talk]);
    await settled();
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatchObject({
      level: 40,
      endpoint: 'pbx',
      event: 'AgentComplete',
      field: 'talktime',
      sinceLast: 1_000,
    });
  });

  it('tells the PBXs of one board apart', async () => {
    const { log, lines } = logged();
    const rejections = new RejectionLog(log, () => 0);
    rejections.note('east', [talk]);
    rejections.note('west', [talk]);
    rejections.note('east', [talk]);
    await settled();
    expect(lines.map((line) => line.endpoint)).toEqual(['east', 'west']);
  });
});
