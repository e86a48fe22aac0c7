/** A bare AMI client over a plain TCP socket for the simulator tests: every message kept in order, as received. */
import net from 'node:net';
import type { Simulator } from '../../server/sim/index.ts';
import { rawPairs } from './traces.ts';
import { waitFor } from './wait.ts';

export interface AmiMsg {
  raw: string;
  pairs: [string, string][];
  kind: 'event' | 'response';
  /** Value of `Event:` or `Response:`. */
  name: string;
  /** First value of a header (exact key), or undefined. */
  get(key: string): string | undefined;
}

function toMsg(raw: string): AmiMsg {
  const pairs = rawPairs(raw);
  const get = (key: string): string | undefined => pairs.find(([k]) => k === key)?.[1];
  const event = get('Event');
  return { raw, pairs, kind: event === undefined ? 'response' : 'event', name: event ?? get('Response') ?? '', get };
}

export class SimClient {
  readonly messages: AmiMsg[] = [];
  banner = '';
  closed = false;
  private buffer = '';
  private nextId = 1;
  /** Called whenever anything arrives or the connection ends: the pending waitFor calls. */
  private readonly waiters = new Set<() => void>();

  private constructor(private readonly socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.feed(chunk);
      for (const wake of [...this.waiters]) wake();
    });
    const ended = () => {
      this.closed = true;
      for (const wake of [...this.waiters]) wake();
    };
    socket.on('close', ended);
    socket.on('error', ended);
  }

  static async connect(port: number): Promise<SimClient> {
    const socket = net.connect(port, '127.0.0.1');
    const client = new SimClient(socket);
    await waitFor(() => client.banner !== '', 'the AMI banner');
    return client;
  }

  private feed(chunk: string): void {
    this.buffer += chunk;
    if (!this.banner) {
      const eol = this.buffer.indexOf('\r\n');
      if (eol < 0) return;
      this.banner = this.buffer.slice(0, eol + 2);
      this.buffer = this.buffer.slice(eol + 2);
    }
    let end = this.buffer.indexOf('\r\n\r\n');
    while (end >= 0) {
      this.messages.push(toMsg(this.buffer.slice(0, end + 4)));
      this.buffer = this.buffer.slice(end + 4);
      end = this.buffer.indexOf('\r\n\r\n');
    }
  }

  send(raw: string): void {
    this.socket.write(raw);
  }

  /** Sends an action with a fresh ActionID (unless one is given) and returns that id. */
  sendAction(action: string, fields: [string, string][] = []): string {
    const id = fields.find(([k]) => k === 'ActionID')?.[1] ?? `t-${this.nextId++}`;
    const headers = [['Action', action], ...fields.filter(([k]) => k !== 'ActionID'), ['ActionID', id]];
    this.send(`${headers.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`);
    return id;
  }

  response(id: string): Promise<AmiMsg> {
    return this.waitFor((m) => m.kind === 'response' && m.get('ActionID') === id, `the response to ${id}`);
  }

  async action(action: string, fields: [string, string][] = []): Promise<AmiMsg> {
    return this.response(this.sendAction(action, fields));
  }

  /** A list action: its response, the items carrying its ActionID, and the Complete event. */
  async list(
    action: string,
    fields: [string, string][] = [],
  ): Promise<{ response: AmiMsg; items: AmiMsg[]; complete: AmiMsg }> {
    const id = this.sendAction(action, fields);
    const complete = await this.waitFor(
      (m) => m.get('ActionID') === id && m.get('EventList') === 'Complete',
      `${action} Complete`,
    );
    const mine = this.messages.filter((m) => m.get('ActionID') === id);
    const response = mine.find((m) => m.kind === 'response');
    if (!response) throw new Error(`no response to ${action}`);
    return { response, items: mine.filter((m) => m !== response && m !== complete), complete };
  }

  login(secret: string, events = 'on'): Promise<AmiMsg> {
    return this.action('Login', [
      ['Username', 'wallboard'],
      ['Secret', secret],
      ['Events', events],
    ]);
  }

  /**
   * The first message (already received or still to come) that matches, checked as messages arrive. It fails when the
   * connection ends first, or when nothing at all arrives for `idleMs`: a busy simulator still sending the events
   * before the answer keeps the wait going, however long a loaded machine takes to read them.
   */
  waitFor(predicate: (m: AmiMsg) => boolean, what: string, idleMs = 5_000): Promise<AmiMsg> {
    let scanned = 0;
    const scan = (): AmiMsg | undefined => {
      for (; scanned < this.messages.length; scanned++) {
        const m = this.messages[scanned];
        if (m && predicate(m)) return m;
      }
      return undefined;
    };
    const found = scan();
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      let guard: NodeJS.Timeout | undefined;
      const settle = (outcome: () => void) => {
        clearTimeout(guard);
        this.waiters.delete(wake);
        outcome();
      };
      const arm = () => {
        clearTimeout(guard);
        guard = setTimeout(() => settle(() => reject(new Error(`nothing received for ${idleMs} ms: ${what}`))), idleMs);
      };
      const wake = () => {
        const m = scan();
        if (m) settle(() => resolve(m));
        else if (this.closed) settle(() => reject(new Error(`the connection ended before ${what}`)));
        else arm();
      };
      this.waiters.add(wake);
      arm();
    });
  }

  /** Unsolicited events (list items carry an ActionID and no Privilege). */
  events(): AmiMsg[] {
    return this.messages.filter((m) => m.kind === 'event' && m.get('Privilege') !== undefined);
  }

  close(): void {
    this.socket.destroy();
  }
}

/** Pauses every member of the recorded PBX's sales queue: a caller there waits until hanging up. */
export async function pauseSales(ami: SimClient): Promise<void> {
  for (const ext of ['1001', '1002', '1003', '1004'])
    await ami.action('QueuePause', [
      ['Interface', `Local/${ext}@agents`],
      ['Paused', 'true'],
      ['Queue', 'sales'],
    ]);
}

/**
 * Rings a caller (`callerId` as `"Name" <number>`) into the recorded PBX's sales queue on the simulator's manual
 * clock: resolves with the caller's channel once the simulator reports the originate's outcome.
 */
export async function callerIntoSales(sim: Simulator, ami: SimClient, callerId: string): Promise<string> {
  const id = ami.sendAction('Originate', [
    ['Channel', 'Local/sales@callers'],
    ['Application', 'Wait'],
    ['Data', '3600'],
    ['CallerID', callerId],
    ['Async', 'true'],
  ]);
  await ami.response(id);
  sim.advance(100);
  return (await ami.waitFor((m) => m.name === 'OriginateResponse' && m.get('ActionID') === id, 'the caller')).get(
    'Channel',
  )!;
}
