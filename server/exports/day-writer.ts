import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Redis } from 'ioredis';
import yazl from 'yazl';
import { scopeCallRecords, seesCdr } from '../access/filter.ts';
import { unitScope, type Scope } from '../access/scope.ts';
import type { RateRow } from '../contract/exports.ts';
import type { QueueCallRecord } from '../domain/facts.ts';
import { AtomicFile, closeStream } from '../files/atomic.ts';
import { CENTER, cdrFile, queueCallsFile, type FileScope } from '../files/paths.ts';
import type { Org } from '../access/org/model.ts';
import { recordView } from '../stats/redis/records.ts';
import { recordsByEnd, type ExportKeys, type StatsKeys } from '../store/keys.ts';
import { readCdrDay } from './cdr-store.ts';
import { CDR_COLUMNS, cdrRow, type QueueOutcome } from './cdr-rows.ts';
import { csvLine } from './csv.ts';
import { QUEUE_CALL_COLUMNS, queueCallRow, queueUserCallRows } from './queue-rows.ts';
import { rater } from './rates.ts';

export interface DayWriterDeps {
  readonly redis: Redis;
  readonly keys: ExportKeys;
  readonly statsKeys: StatsKeys;
  /** FILES_DIR. */
  readonly root: string;
  readonly org: () => Promise<Org>;
  /** CDR_TIME_ZONE: the time zone of cdr_manager's times. */
  readonly timeZone: string;
  /** The PBX a queue's calls came through (location_id). */
  readonly location: (queue: string) => string;
}

/** What one writing of a day produced. */
export interface DayWritten {
  readonly day: string;
  readonly scopes: readonly FileScope[];
  readonly cdrs: number;
  readonly queueCalls: number;
}

/** Records per Redis round trip: each piece's rows are a few milliseconds of work, then the event loop goes on. */
const RECORDS_PER_READ = 250;
const DAY_MS = 86_400_000;

/** The files of one scope while a day is written: the CDR file, and the two CSVs that go into the zip. */
interface Output {
  readonly scope: FileScope;
  readonly see: Scope | 'all';
  /** The unit's cut of a queue call, as the board's call list makes it; absent for the center. */
  readonly cut?: ReturnType<typeof scopeCallRecords>;
  readonly cdrs: AtomicFile;
  readonly calls: AtomicFile;
  readonly userCalls: AtomicFile;
}

/** A day's queue call records: those that ended that day or the next, a few hundred at a time. */
async function* readRecords(redis: Redis, keys: StatsKeys, day: string): AsyncGenerator<QueueCallRecord[]> {
  const start = Date.parse(`${day}T00:00:00Z`);
  for (const end of [start, start + DAY_MS]) {
    const key = keys.records(new Date(end).toISOString().slice(0, 10));
    for (let at = 0; ; at += RECORDS_PER_READ) {
      const fields = await redis.zrange(recordsByEnd(key), String(at), String(at + RECORDS_PER_READ - 1));
      if (fields.length === 0) break;
      const texts = await redis.hmget(key, ...fields);
      yield texts.flatMap((text) => (text === null ? [] : [JSON.parse(text) as QueueCallRecord]));
      if (fields.length < RECORDS_PER_READ) break;
    }
  }
}

async function openOutput(root: string, scope: FileScope, see: Scope | 'all', day: string): Promise<Output> {
  const zip = queueCallsFile(root, scope, day);
  const [cdrs, calls, userCalls] = await Promise.all([
    AtomicFile.open(cdrFile(root, scope, day)),
    AtomicFile.open(path.join(path.dirname(zip), `${day}-queue_call.csv`)),
    AtomicFile.open(path.join(path.dirname(zip), `${day}-queue_user_call.csv`)),
  ]);
  await Promise.all([
    cdrs.write(csvLine(CDR_COLUMNS)),
    calls.write(csvLine(QUEUE_CALL_COLUMNS)),
    userCalls.write(csvLine(QUEUE_CALL_COLUMNS)),
  ]);
  return { scope, see, ...(see !== 'all' && { cut: scopeCallRecords(see) }), cdrs, calls, userCalls };
}

/** The zip of the two queue call CSVs, the same bytes for the same rows: fixed times, modes and order. */
async function writeZip(output: Output, day: string, root: string): Promise<void> {
  const target = queueCallsFile(root, output.scope, day);
  const zip = new yazl.ZipFile();
  const mtime = new Date(`${day}T00:00:00Z`);
  zip.addFile(output.calls.temp, `${day}-queue_call.csv`, { mtime, mode: 0o100644, compress: true });
  zip.addFile(output.userCalls.temp, `${day}-queue_user_call.csv`, { mtime, mode: 0o100644, compress: true });
  zip.end();
  const file = await AtomicFile.open(target);
  try {
    for await (const chunk of zip.outputStream) await file.write(chunk);
    await file.commit();
  } catch (error) {
    await file.abort();
    throw error;
  }
}

/**
 * Writes one UTC day's reports for the center and each unit, reading Redis a few hundred records at a time and writing
 * each row at once to every scope that may see it: memory holds one piece of the day, and for the CDRs the outcome of
 * the day's queue calls (call id → queue and talk time). Files appear whole (temp file, then rename) or not at all.
 */
export async function writeDay(
  deps: DayWriterDeps,
  day: string,
  units: 'all' | ReadonlySet<string>,
  withCenter: boolean,
): Promise<DayWritten> {
  const org = await deps.org();
  const rates = await deps.redis.get(deps.keys.rates);
  const rate = rates ? rater((JSON.parse(rates) as { rates: RateRow[] }).rates) : null;
  const chosen = org.units.filter((unit) => units === 'all' || units.has(unit.id));
  const outputs: Output[] = [];
  const abort = () =>
    Promise.all(outputs.flatMap((output) => [output.cdrs.abort(), output.calls.abort(), output.userCalls.abort()]));
  try {
    if (withCenter) outputs.push(await openOutput(deps.root, CENTER, 'all', day));
    for (const unit of chosen)
      outputs.push(await openOutput(deps.root, { kind: 'unit', unitId: unit.id }, unitScope(unit, org), day));

    const outcomes = new Map<string, QueueOutcome>();
    const agentNames = new Map<string, string>();
    let queueCalls = 0;
    for await (const piece of readRecords(deps.redis, deps.statsKeys, day)) {
      const texts = new Map<Output, { calls: string; users: string }>(
        outputs.map((output) => [output, { calls: '', users: '' }]),
      );
      for (const record of piece) {
        if (record.agent && record.agentName) agentNames.set(record.agent, record.agentName);
        for (const attempt of record.attempts) agentNames.set(attempt.agent, attempt.agentName);
        const known = outcomes.get(record.id);
        if (!known || known.talkSec === null)
          outcomes.set(record.id, {
            queue: record.queue,
            talkSec: record.outcome === 'answered' ? (record.talkSec ?? 0) : null,
          });
        if (new Date(record.joinedAt).toISOString().slice(0, 10) !== day) continue;
        queueCalls += 1;
        const view = recordView(record);
        for (const output of outputs) {
          if (output.cut && !output.cut.sees(view.queue)) continue;
          const [call] = output.cut ? output.cut.cut([view]) : [view];
          if (!call) continue;
          const text = texts.get(output)!;
          text.calls += csvLine(queueCallRow(call, deps.location(call.queue)));
          text.users += queueUserCallRows(call, deps.location(call.queue)).map(csvLine).join('');
        }
      }
      for (const [output, text] of texts)
        await Promise.all([output.calls.write(text.calls), output.userCalls.write(text.users)]);
    }

    let cdrs = 0;
    const context = {
      queueCall: (id: string) => outcomes.get(id),
      agentName: (iface: string) => agentNames.get(iface),
      rate,
      timeZone: deps.timeZone,
    };
    for await (const piece of readCdrDay(deps.redis, deps.keys, day)) {
      const texts = new Map<Output, string>(outputs.map((output) => [output, '']));
      for (const channel of piece) {
        if (channel.records.length === 0) continue;
        cdrs += 1;
        const row = cdrRow(channel, context);
        const line = csvLine(row.cells);
        for (const output of outputs) {
          if (output.see === 'all' || seesCdr(output.see, row.queue, row.interfaces))
            texts.set(output, texts.get(output)! + line);
        }
      }
      for (const [output, text] of texts) await output.cdrs.write(text);
    }

    for (const output of outputs) {
      await Promise.all([closeStream(output.calls.stream), closeStream(output.userCalls.stream)]);
      await writeZip(output, day, deps.root);
      await Promise.all([rm(output.calls.temp, { force: true }), rm(output.userCalls.temp, { force: true })]);
      await output.cdrs.commit();
    }
    return { day, scopes: outputs.map((output) => output.scope), cdrs, queueCalls };
  } catch (error) {
    await abort();
    throw error;
  }
}
