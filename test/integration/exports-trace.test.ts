import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { text } from '../../server/domain/field-reads.ts';
import type { AmiFields, DomainInput } from '../../server/domain/input.ts';
import { initialState, reduce } from '../../server/domain/reducer.ts';
import { CdrStore } from '../../server/exports/cdr-store.ts';
import { WRITER_NICENESS, writeDayApart } from '../../server/exports/day-job.ts';
import { writeDay, type DayWriterDeps } from '../../server/exports/day-writer.ts';
import { cdrFile, queueCallsFile } from '../../server/files/paths.ts';
import type { Org } from '../../server/access/org/model.ts';
import { exportKeys, statsKeys } from '../../server/store/keys.ts';
import { readCsv, readZip } from '../support/files.ts';
import { readQueueLog } from '../support/queue-log.ts';
import { replayScenario } from '../support/replay.ts';
import { statsPrefix, statsStore } from '../support/stats.ts';
import { testLogger } from '../support/test-logger.ts';
import { readTraceFile } from '../support/traces.ts';

/**
 * Trace 17 (cdr_manager loaded) played over TCP through the AMI connection, the reducer, the statistics writer and the
 * CDR store into a real Redis, then written as the day's reports: every CDR row must say what Asterisk's Master.csv
 * says of its channel, and every queue call row what queue_log says of its call.
 */

const DAY = '2026-11-28';
const UNIT = { id: 'unit-support', name: 'Support', members: [], administrators: [], queues: ['support'] };
const ORG: Org = { users: [], units: [UNIT], teams: [], policies: [] };

let redis: Redis;
let root: string;
let deps: DayWriterDeps;
let prefix: string;
let inputs: DomainInput[];

beforeAll(async () => {
  redis = new Redis(inject('redisUrl'));
  root = await mkdtemp(path.join(os.tmpdir(), 'tablica-exports-'));
  prefix = statsPrefix('exports-17');
  const keys = exportKeys(prefix);
  const stats = statsStore(redis, prefix);
  const cdrs = new CdrStore({ redis, keys, timeZone: 'UTC', log: testLogger('cdrs') });
  ({ inputs } = await replayScenario('17-cdr-events', { stamped: true }));
  let state = initialState();
  for (const input of inputs) {
    const reduction = reduce(state, input);
    state = reduction.state;
    stats.record(input.at, reduction);
    cdrs.observe(input);
  }
  await Promise.all([stats.flush(), cdrs.flush()]);
  await stats.close();
  deps = {
    redis,
    keys,
    statsKeys: statsKeys(prefix),
    root,
    org: () => Promise.resolve(ORG),
    timeZone: 'UTC',
    location: () => 'pbx',
  };
  await writeDay(deps, DAY, 'all', true);
});

afterAll(async () => {
  await redis.quit();
  await rm(root, { recursive: true, force: true });
});

/** Master.csv's records, grouped by UniqueID (a channel may have two). */
function masterByChannel(): Map<string, string[][]> {
  const channels = new Map<string, string[][]>();
  for (const record of readCsv(
    readTraceFile('17-cdr-events', 'Master.csv').toString('utf8').replaceAll('\n', '\r\n'),
  )) {
    const id = record[16] ?? '';
    channels.set(id, [...(channels.get(id) ?? []), record]);
  }
  return channels;
}

/**
 * Each queue's members as AMI lists them (QueueStatus's QueueMember, then QueueMemberAdded and QueueMemberRemoved),
 * counted at each QueueCallerJoin: `<call id>@<queue>` → members. Read from the events alone, not from the reducer.
 */
function membersAtJoin(all: readonly DomainInput[]): Map<string, number> {
  const queues = new Map<string, Set<string>>();
  const of = (fields: AmiFields) => {
    const queue = text(fields, 'queue');
    if (!queues.has(queue)) queues.set(queue, new Set());
    return queues.get(queue) ?? new Set<string>();
  };
  const joins = new Map<string, number>();
  for (const input of all) {
    const events = input.type === 'resync' ? input.lists.queueStatus : input.type === 'event' ? [input.fields] : [];
    for (const fields of events) {
      const event = text(fields, 'event');
      // QueueStatus names a member by Location, the member events by Interface.
      const member = text(fields, 'interface') || text(fields, 'location');
      if (event === 'QueueMember' || event === 'QueueMemberAdded') of(fields).add(member);
      else if (event === 'QueueMemberRemoved') of(fields).delete(member);
      else if (event === 'QueueCallerJoin')
        joins.set(`${text(fields, 'uniqueid')}@${text(fields, 'queue')}`, of(fields).size);
    }
  }
  return joins;
}

const iso = (local: string) => `${local.replace(' ', 'T')}Z`;

async function csvOf(file: string): Promise<Record<string, string>[]> {
  const [header = [], ...rows] = readCsv(await readFile(file, 'utf8'));
  return rows.map((row) => Object.fromEntries(header.map((column, index) => [column, row[index] ?? ''])));
}

describe('the reports of trace 17', () => {
  it('have a CDR row per channel, equal to Master.csv in every column taken from it', async () => {
    const master = masterByChannel();
    const log = readQueueLog('17-cdr-events');
    const connected = new Set(log.filter((entry) => entry.event === 'CONNECT').map((entry) => entry.callId));
    const talk = new Map(
      log.filter((entry) => entry.event.startsWith('COMPLETE')).map((entry) => [entry.callId, Number(entry.data[1])]),
    );
    const queued = new Set(log.filter((entry) => entry.event === 'ENTERQUEUE').map((entry) => entry.callId));
    const rows = await csvOf(cdrFile(root, { kind: 'center' }, DAY));
    expect(rows.map((row) => row.id).sort()).toEqual([...master.keys()].sort());
    for (const row of rows) {
      const records = master.get(row.id ?? '') ?? [];
      const first = records[0] ?? [];
      expect(
        { calldate: row.calldate, src: row.src, clid: row.clid, dst: row.dst, duration: row.duration },
        row.id,
      ).toEqual({
        calldate: iso(first[9] ?? ''),
        src: first[1],
        clid: first[4],
        dst: first[2],
        duration: String(records.reduce((sum, record) => sum + Number(record[12]), 0)),
      });
      const id = row.id ?? '';
      if (queued.has(id)) {
        // The caller's channel was answered before Queue(): the queue record decides whether anybody answered.
        expect({ disposition: row.disposition, billsec: row.billsec }, id).toEqual({
          disposition: connected.has(id) ? 'ANSWERED' : 'NO ANSWER',
          billsec: String(talk.get(id) ?? 0),
        });
      } else {
        const answered = records.filter((record) => record[14] === 'ANSWERED');
        expect(row.disposition, id).toBe(answered.length > 0 ? 'ANSWERED' : first[14]);
        expect(row.billsec, id).toBe(String(answered.reduce((sum, record) => sum + Number(record[13]), 0)));
      }
      expect(row.t_cause, id).toMatch(/^\d+ \S/);
    }
    // The facts of the trace, reconciled: 17 abandoned callers, none of them ANSWERED any more.
    const abandoned = log.filter((entry) => entry.event === 'ABANDON').map((entry) => entry.callId);
    expect(abandoned).toHaveLength(17);
    for (const id of abandoned) expect(rows.find((row) => row.id === id)?.disposition).toBe('NO ANSWER');
  });

  it('have a queue_call row per call, equal to queue_log', () => {
    const zip = readZip(queueCallsFile(root, { kind: 'center' }, DAY));
    expect([...zip.keys()]).toEqual([`${DAY}-queue_call.csv`, `${DAY}-queue_user_call.csv`]);
    const [header = [], ...lines] = readCsv(zip.get(`${DAY}-queue_call.csv`)?.toString('utf8') ?? '');
    const rows = lines.map((line) => Object.fromEntries(header.map((column, index) => [column, line[index] ?? ''])));
    const log = readQueueLog('17-cdr-events');
    const entered = log.filter((entry) => entry.event === 'ENTERQUEUE');
    expect(rows.map((row) => row.call_id).sort()).toEqual(entered.map((entry) => entry.callId).sort());
    for (const enter of entered) {
      const row = rows.find((candidate) => candidate.call_id === enter.callId);
      const mine = log.filter((entry) => entry.callId === enter.callId);
      const connect = mine.find((entry) => entry.event === 'CONNECT');
      const complete = mine.find((entry) => entry.event.startsWith('COMPLETE'));
      const abandon = mine.find((entry) => entry.event === 'ABANDON');
      expect(row, enter.callId).toMatchObject({
        queue_id: enter.queue,
        cli: enter.data[1],
        hold_time: connect ? connect.data[0] : abandon?.data[2],
        ring_time: connect ? connect.data[2] : '0',
        conn_time: complete ? complete.data[1] : '0',
        t_cause: connect ? 'C' : 'H',
        final_dst_type: connect ? 'U' : '',
      });
    }
    // Tablica times a join by the AMI event, which may reach it in the second after queue_log's.
    for (const enter of entered) {
      const start = Date.parse(rows.find((candidate) => candidate.call_id === enter.callId)?.start_time ?? '') / 1000;
      expect([enter.time, enter.time + 1], enter.callId).toContain(start);
    }
    const users = readCsv(zip.get(`${DAY}-queue_user_call.csv`)?.toString('utf8') ?? '').slice(1);
    // Every CONNECT is the answered ring of one agent row.
    expect(users.filter((row) => row[16] === 'C')).toHaveLength(
      log.filter((entry) => entry.event === 'CONNECT').length,
    );
  });

  it("count in `agents` the queue's logged-in members when the call joined, with a queue_user_call row per ring", () => {
    const zip = readZip(queueCallsFile(root, { kind: 'center' }, DAY));
    const table = (name: string) => {
      const [header = [], ...lines] = readCsv(zip.get(`${DAY}-${name}.csv`)?.toString('utf8') ?? '');
      return lines.map((line) => Object.fromEntries(header.map((column, index) => [column, line[index] ?? ''])));
    };
    const calls = table('queue_call');
    const users = table('queue_user_call');
    const members = membersAtJoin(inputs);
    expect(members.size).toBe(calls.length);
    // queue_log writes one line per ring of an agent: unanswered, answered or cut short by the caller's hang-up.
    const rings = readQueueLog('17-cdr-events').filter((entry) =>
      ['RINGNOANSWER', 'CONNECT', 'RINGCANCELED'].includes(entry.event),
    );
    for (const call of calls) {
      const mine = rings.filter((entry) => entry.callId === call.call_id && entry.queue === call.queue_id);
      const agents = String(members.get(`${call.call_id}@${call.queue_id}`));
      const rows = users.filter((row) => row.call_id === call.call_id);
      expect({ agents: call.agents, rings: rows.length }, call.id).toEqual({ agents, rings: mine.length });
      for (const row of rows) expect(row.agents, row.id).toBe(agents);
    }
    // sales has four static members; support's six log in before its first caller. Neither is the count rung.
    expect(new Set(calls.map((row) => `${row.queue_id} ${row.agents}`))).toEqual(new Set(['sales 4', 'support 6']));
  });

  it("give a unit only its queues' calls", async () => {
    const zip = readZip(queueCallsFile(root, { kind: 'unit', unitId: UNIT.id }, DAY));
    const calls = readCsv(zip.get(`${DAY}-queue_call.csv`)?.toString('utf8') ?? '').slice(1);
    const support = readQueueLog('17-cdr-events').filter(
      (entry) => entry.event === 'ENTERQUEUE' && entry.queue === 'support',
    );
    expect(calls.map((row) => row[3]).sort()).toEqual(support.map((entry) => entry.callId).sort());
    const cdrs = await csvOf(cdrFile(root, { kind: 'unit', unitId: UNIT.id }, DAY));
    expect(cdrs.map((row) => row.id).sort()).toEqual(support.map((entry) => entry.callId).sort());
  });

  it('are the same bytes when the day is written again', async () => {
    const files = [cdrFile(root, { kind: 'center' }, DAY), queueCallsFile(root, { kind: 'center' }, DAY)];
    const before = await Promise.all(files.map((file) => readFile(file)));
    await writeDay(deps, DAY, 'all', true);
    const after = await Promise.all(files.map((file) => readFile(file)));
    expect(after.map((bytes) => bytes.equals(before[after.indexOf(bytes)] ?? Buffer.alloc(0)))).toEqual([true, true]);
  });

  it('are the same bytes when the board writes the day in a process of its own, below its priority', async () => {
    const apart = await mkdtemp(path.join(os.tmpdir(), 'tablica-exports-apart-'));
    const job = (into: string) => ({
      redis: { url: inject('redisUrl'), prefix },
      prefix,
      root: into,
      timeZone: 'UTC',
      endpoints: { ids: ['pbx'], qualified: false },
      org: ORG,
      day: DAY,
      units: 'all' as const,
      withCenter: true,
    });
    try {
      const written = await writeDayApart(job(apart));
      expect(written.writer.pid).not.toBe(process.pid);
      expect(written.writer.niceness).toBe(WRITER_NICENESS);
      expect(written.scopes).toHaveLength(2);
      for (const scope of written.scopes) {
        for (const file of [cdrFile, queueCallsFile]) {
          expect((await readFile(file(apart, scope, DAY))).equals(await readFile(file(root, scope, DAY)))).toBe(true);
        }
      }
      // What went wrong in the child is the rejection's message; the board goes on.
      const notAFolder = path.join(cdrFile(apart, { kind: 'center' }, DAY), 'below-a-file');
      await expect(writeDayApart(job(notAFolder))).rejects.toThrow(/ENOTDIR/);
      // A board that closes ends the writing it started.
      const closing = new AbortController();
      const cut = writeDayApart(job(path.join(apart, 'cut')), closing.signal);
      closing.abort();
      await expect(cut).rejects.toThrow(/abort/i);
    } finally {
      await rm(apart, { recursive: true, force: true });
    }
  });
});
