import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync } from 'node:zlib';

/** The recorded AMI traces the tests read, brotli-compressed (see the README beside them). */
export const TRACES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/ami-traces');

export const SCENARIOS = [
  '01-login-and-status',
  '02-answered-call',
  '03-abandon',
  '04-ring-no-answer',
  '05-pause-and-membership',
  '06-timeout-and-exitkey',
  '07-chanspy',
  '08-wrapup-transfer',
  '09-load',
  '11-midstream',
  '12-timestamps',
  '13-asterisk-restart',
  '15-chanspy-dtmf',
  '16-mixmonitor',
  '17-cdr-events',
  '19-fastagi-monitor',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** One line of a trace's ami.jsonl. */
export interface TraceMessage {
  seq: number;
  t_ms: number;
  epoch_ms: number;
  kind: 'banner' | 'response' | 'event' | 'connect' | 'disconnect';
  name?: string;
  raw?: string;
  session?: number;
}

/** One line of a trace's actions.jsonl. */
export interface TraceAction {
  seq: number;
  t_ms: number;
  epoch_ms: number;
  phase: string;
  action: string;
  action_id: string;
  raw: string;
}

/** The compressed copy of a recorded file (`ami.raw` → `ami.raw.br`). */
export function fixturePath(scenario: string, name: string): string {
  return path.join(TRACES_DIR, scenario, `${name}.br`);
}

// Suites read the same trace many times: each file is decompressed once per test process.
const cache = new Map<string, Buffer>();

/** One recorded file of a scenario, byte for byte as Asterisk produced it. */
export function readTraceFile(scenario: Scenario, name: string): Buffer {
  const file = fixturePath(scenario, name);
  let bytes = cache.get(file);
  if (!bytes) {
    bytes = brotliDecompressSync(readFileSync(file));
    cache.set(file, bytes);
  }
  return bytes;
}

function readJsonl<T>(scenario: Scenario, name: string): T[] {
  return readTraceFile(scenario, name)
    .toString('utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as T);
}

export function readTraceMessages(scenario: Scenario): TraceMessage[] {
  return readJsonl<TraceMessage>(scenario, 'ami.jsonl');
}

/** One line of a trace's fastagi.jsonl (19): bytes Asterisk sent (`in`) or the FastAGI server sent (`out`). */
export interface FastAgiMessage {
  conn: number;
  t_ms: number;
  dir: 'in' | 'out';
  raw: string;
}

export function readFastAgi(scenario: Scenario): FastAgiMessage[] {
  return readJsonl<FastAgiMessage>(scenario, 'fastagi.jsonl');
}

export function readTraceActions(scenario: Scenario): TraceAction[] {
  return readJsonl<TraceAction>(scenario, 'actions.jsonl');
}

/** Splits a raw AMI message into [key, value] pairs in order (keys as sent; repeated keys kept). */
export function rawPairs(raw: string): [string, string][] {
  return raw
    .split('\r\n')
    .filter((line) => line.includes(':'))
    .map((line) => {
      const i = line.indexOf(':');
      return [line.slice(0, i), line.slice(i + 1).replace(/^ /, '')];
    });
}
