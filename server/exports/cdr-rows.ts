import { cdrTime, cdrValue, type CdrValues } from './cdr-events.ts';
import type { StoredChannel } from './cdr-store.ts';
import type { Cell } from './csv.ts';
import { reportTime } from './queue-rows.ts';
import type { Rated } from './rates.ts';

/** The 14 columns of `CDRs/YYYY-MM-DD.csv` (PRODUCT.md 6); docs/exports.md gives each one's source. */
export const CDR_COLUMNS = [
  'id',
  'calldate',
  'src_id',
  'src',
  'clid',
  'dst',
  'dst_name',
  'duration',
  'billsec',
  'disposition',
  'destination',
  'rate',
  'charge',
  't_cause',
] as const;

/** What the queue records say of a call whose caller channel has this UniqueID. */
export interface QueueOutcome {
  readonly queue: string;
  /** Talk time when an agent answered, null when nobody did. */
  readonly talkSec: number | null;
}

export interface CdrContext {
  /** The queue call of a caller channel (by its UniqueID, queue_log's call id), if it was one. */
  readonly queueCall: (uniqueId: string) => QueueOutcome | undefined;
  /** An agent's name by interface, from the queue records. */
  readonly agentName: (iface: string) => string | undefined;
  /** Prices a dialled number, when a rate table is set. */
  readonly rate: ((dialled: string, billsec: number) => Rated | null) | null;
  readonly timeZone: string;
}

/** One row, with what decides which units it belongs to. */
export interface CdrRow {
  readonly cells: Cell[];
  readonly queue: string | null;
  readonly interfaces: string[];
}

/** A channel's interface, as queue members and users name it: `PJSIP/1001-0000002a` → `PJSIP/1001`. */
export function interfaceOf(channel: string): string {
  return channel.replace(/;\d+$/, '').replace(/-[0-9a-f]+$/i, '');
}

/** A number dialled to the public network: 7 digits or more, perhaps after `+`; extensions and queue names are not. */
const PSTN_NUMBER = /^\+?\d{7,}$/;

const DISPOSITION_RANK = ['ANSWERED', 'BUSY', 'NO ANSWER', 'FAILED', 'CONGESTION'];

function rank(disposition: string): number {
  const index = DISPOSITION_RANK.indexOf(disposition);
  return index < 0 ? DISPOSITION_RANK.length : index;
}

/**
 * One row per channel (UniqueID): Asterisk writes a second record for one channel when a queue rings another member or
 * the dialplan goes on after a Dial (trace 17), and the row holds both. A queue caller's row takes its disposition and
 * billed seconds from the queue record: Asterisk answers the caller's channel before `Queue()`, so its CDR says
 * ANSWERED with billable seconds even when the caller hung up waiting.
 */
export function cdrRow(channel: StoredChannel, context: CdrContext): CdrRow {
  const records =
    channel.records.length === 1
      ? channel.records
      : [...channel.records].sort((a, b) => (cdrValue(a, 'StartTime') < cdrValue(b, 'StartTime') ? -1 : 1));
  const first = records[0] as CdrValues;
  const value = (field: Parameters<typeof cdrValue>[1]) => cdrValue(first, field);
  const sum = (list: readonly CdrValues[], field: 'Duration' | 'BillableSeconds') =>
    list.reduce((total, record) => total + (Number(cdrValue(record, field)) || 0), 0);
  const answered = records.filter((record) => cdrValue(record, 'Disposition') === 'ANSWERED');
  const queued = context.queueCall(channel.uniqueId);
  const disposition = queued
    ? queued.talkSec === null
      ? 'NO ANSWER'
      : 'ANSWERED'
    : (records.map((record) => cdrValue(record, 'Disposition')).sort((a, b) => rank(a) - rank(b))[0] ?? '');
  const billsec = queued ? Math.round(queued.talkSec ?? 0) : sum(answered, 'BillableSeconds');
  const dst = value('Destination');
  const reached =
    answered.at(-1) ?? records.findLast((record) => cdrValue(record, 'DestinationChannel') !== '') ?? first;
  const reachedAgent = interfaceOf(cdrValue(reached, 'DestinationChannel'));
  const outbound = !queued && PSTN_NUMBER.test(dst);
  const rated = outbound && context.rate ? context.rate(dst, billsec) : null;
  const startMs = cdrTime(value('StartTime'), context.timeZone);
  const channelName = value('Channel');
  return {
    cells: [
      channel.uniqueId,
      startMs === null ? '' : reportTime(startMs),
      outbound ? interfaceOf(channelName).replace(/^[^/]*\//, '') : '',
      value('Source'),
      value('CallerID'),
      dst,
      queued ? `${queued.queue} queue` : (context.agentName(reachedAgent) ?? ''),
      sum(records, 'Duration'),
      billsec,
      disposition,
      rated?.destination ?? '',
      rated?.rate ?? '',
      rated?.charge ?? '',
      channel.cause,
    ],
    queue: queued?.queue ?? null,
    interfaces: [
      ...new Set(
        records
          .flatMap((record) => [cdrValue(record, 'Channel'), cdrValue(record, 'DestinationChannel')])
          .filter((name) => name !== '')
          .map(interfaceOf),
      ),
    ],
  };
}
