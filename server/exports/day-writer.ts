import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Redis } from '../redis-client.ts';
import yazl from 'yazl';
import { cutCallRecord, seesCdr } from '../access/filter.ts';
import { unitScope, type Scope } from '../access/scope.ts';
import type { RateRow } from '../contract/exports.ts';
import type { QueueCallRecord } from '../domain/facts.ts';
import { AtomicFile, closeStream } from '../files/atomic.ts';
import { CENTER, cdrFile, queueCallsFile, type FileScope } from '../files/paths.ts';
import type { Org } from '../access/org/model.ts';
import { recordsByEnd, type ExportKeys, type StatsKeys } from '../store/keys.ts';
import { readCdrDay } from './cdr-store.ts';
import { CDR_COLUMNS, cdrRow, type CdrContext, type QueueOutcome } from './cdr-rows.ts';
import { csvLine } from './csv.ts';
import { QUEUE_CALL_COLUMNS, queueCallRow, queueUserCallRows } from './queue-rows.ts';
import { rater } from './rates.ts';
import { rangeValues } from './read-ahead.ts';

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

const DAY_MS = 86_400_000;

/** Rows are written to a file once this much text is waiting: large enough to batch, small enough not to hold up the loop. */
const WRITE_CHARS = 16 * 1024;

/** The rows waiting to be written to one file. */
class Pending {
  private text = '';

  constructor(private readonly file: AtomicFile) {}

  add(line: string): void {
    this.text += line;
  }

  /** Writes the waiting rows once there are enough of them, or all of them with `all`. */
  async write(all = false): Promise<void> {
    if (this.text.length === 0 || (!all && this.text.length < WRITE_CHARS)) return;
    const text = this.text;
    this.text = '';
    await this.file.write(text);
  }
}

/** The files of one scope while a day is written: the CDR file, and the two CSVs that go into the zip. */
interface Output {
  readonly scope: FileScope;
  readonly see: Scope | 'all';
  readonly cdrs: AtomicFile;
  readonly calls: AtomicFile;
  readonly userCalls: AtomicFile;
}

/** A day's queue call records: those that ended that day or the next, in the order they ended, a piece at a time. */
async function* readRecords(redis: Redis, keys: StatsKeys, day: string): AsyncGenerator<QueueCallRecord[]> {
  const start = Date.parse(`${day}T00:00:00Z`);
  for (const end of [start, start + DAY_MS]) {
    const key = keys.records(new Date(end).toISOString().slice(0, 10));
    for await (const { values } of rangeValues(redis, recordsByEnd(key), [key])) {
      const records: QueueCallRecord[] = [];
      for (const text of values[0] ?? []) if (text !== null) records.push(JSON.parse(text) as QueueCallRecord);
      yield records;
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
  return { scope, see, cdrs, calls, userCalls };
}

/** The zip of the two queue call CSVs, the same bytes for the same rows: fixed times, modes and order. */
async function writeZip(output: Output, day: string, root: string): Promise<void> {
  await Promise.all([closeStream(output.calls.stream), closeStream(output.userCalls.stream)]);
  const zip = new yazl.ZipFile();
  const mtime = new Date(`${day}T00:00:00Z`);
  zip.addFile(output.calls.temp, `${day}-queue_call.csv`, { mtime, mode: 0o100644, compress: true });
  zip.addFile(output.userCalls.temp, `${day}-queue_user_call.csv`, { mtime, mode: 0o100644, compress: true });
  zip.end();
  const file = await AtomicFile.open(queueCallsFile(root, output.scope, day));
  try {
    for await (const chunk of zip.outputStream) await file.write(chunk);
    await file.commit();
  } catch (error) {
    await file.abort();
    throw error;
  }
  await Promise.all([rm(output.calls.temp, { force: true }), rm(output.userCalls.temp, { force: true })]);
}

/** What the CDR rows need of the day's queue calls, gathered while their rows are written. */
interface QueueCallsRead {
  readonly count: number;
  readonly outcomes: Map<string, QueueOutcome>;
  readonly agentNames: Map<string, string>;
}

/** Writes the queue call CSVs of every output, each row at once to every scope that may see it. */
async function writeQueueCalls(deps: DayWriterDeps, day: string, outputs: readonly Output[]): Promise<QueueCallsRead> {
  const dayStart = Date.parse(`${day}T00:00:00Z`);
  const outcomes = new Map<string, QueueOutcome>();
  const agentNames = new Map<string, string>();
  let count = 0;
  const sinks = outputs.map((output) => ({
    see: output.see,
    calls: new Pending(output.calls),
    users: new Pending(output.userCalls),
  }));
  const write = (all: boolean) => Promise.all(sinks.flatMap((sink) => [sink.calls.write(all), sink.users.write(all)]));
  for await (const piece of readRecords(deps.redis, deps.statsKeys, day)) {
    for (const record of piece) {
      if (record.agent && record.agentName) agentNames.set(record.agent, record.agentName);
      for (const attempt of record.attempts) agentNames.set(attempt.agent, attempt.agentName);
      const known = outcomes.get(record.id);
      if (!known || known.talkSec === null)
        outcomes.set(record.id, {
          queue: record.queue,
          talkSec: record.outcome === 'answered' ? (record.talkSec ?? 0) : null,
        });
      if (!(record.joinedAt >= dayStart && record.joinedAt < dayStart + DAY_MS)) continue;
      count += 1;
      const location = deps.location(record.queue);
      for (const sink of sinks) {
        // A unit's rows as the board's call list cuts its calls.
        const call = sink.see === 'all' ? record : cutCallRecord(sink.see, record);
        if (!call) continue;
        sink.calls.add(csvLine(queueCallRow(call, location)));
        for (const row of queueUserCallRows(call, location)) sink.users.add(csvLine(row));
      }
    }
    await write(false);
  }
  await write(true);
  return { count, outcomes, agentNames };
}

/** Writes the CDR file of every output; resolves with the number of channels. */
async function writeCdrs(
  deps: DayWriterDeps,
  day: string,
  outputs: readonly Output[],
  context: CdrContext,
): Promise<number> {
  let count = 0;
  const sinks = outputs.map((output) => ({ see: output.see, cdrs: new Pending(output.cdrs) }));
  const write = (all: boolean) => Promise.all(sinks.map((sink) => sink.cdrs.write(all)));
  for await (const piece of readCdrDay(deps.redis, deps.keys, day)) {
    for (const channel of piece) {
      if (channel.records.length === 0) continue;
      count += 1;
      const row = cdrRow(channel, context);
      const line = csvLine(row.cells);
      for (const sink of sinks)
        if (sink.see === 'all' || seesCdr(sink.see, row.queue, row.interfaces)) sink.cdrs.add(line);
    }
    await write(false);
  }
  await write(true);
  return count;
}

/**
 * Writes one UTC day's reports for the center and each unit, reading Redis a piece at a time and writing each row at
 * once to every scope that may see it: memory holds a piece of the day, and for the CDRs the outcome of the day's queue
 * calls (call id → queue and talk time). The zips are made while the CDRs are written (deflating runs off the event
 * loop). Files appear whole (temp file, then rename) or not at all.
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
  let zips: Promise<unknown> | undefined;
  try {
    if (withCenter) outputs.push(await openOutput(deps.root, CENTER, 'all', day));
    for (const unit of chosen)
      outputs.push(await openOutput(deps.root, { kind: 'unit', unitId: unit.id }, unitScope(unit, org), day));

    const queueCalls = await writeQueueCalls(deps, day, outputs);
    zips = Promise.all(outputs.map((output) => writeZip(output, day, deps.root)));
    zips.catch(() => undefined);
    const cdrs = await writeCdrs(deps, day, outputs, {
      queueCall: (id) => queueCalls.outcomes.get(id),
      agentName: (iface) => queueCalls.agentNames.get(iface),
      rate,
      timeZone: deps.timeZone,
    });
    await zips;
    for (const output of outputs) await output.cdrs.commit();
    return { day, scopes: outputs.map((output) => output.scope), cdrs, queueCalls: queueCalls.count };
  } catch (error) {
    // A zip still being made reads the temporary CSVs: let it finish (or fail) before they go.
    await zips?.catch(() => undefined);
    await Promise.all(
      outputs.flatMap((output) => [output.cdrs.abort(), output.calls.abort(), output.userCalls.abort()]),
    );
    throw error;
  }
}
