import net, { type AddressInfo } from 'node:net';
import type { Logger } from '../log.ts';

/**
 * The feature code `#44<extension>` over FastAGI (trace 19): Asterisk opens one TCP connection per `AGI()` call and
 * sends its environment block (`agi_*: value` lines, `\n` endings, ended by an empty line, maybe in several chunks);
 * each command is one line and each answer one line (`200 result=…`). Tablica asks for the caller's number, decides,
 * and either sets `SPY_TARGET` and `SPY_OPTIONS` for the dialplan's ChanSpy or plays a prompt, then closes; Asterisk
 * writes `HANGUP` and the dialplan goes on.
 */

export type AgiDecision =
  | { readonly kind: 'spy'; readonly target: string; readonly options: string }
  | { readonly kind: 'refuse'; readonly prompt: string };

/** The supervisor's caller number, the extension dialled after `#44`, and the channel that dialled. */
export type AgiDecide = (
  supervisor: string,
  agentExtension: string,
  channel: { readonly name: string; readonly uniqueid: string },
) => Promise<AgiDecision>;

export interface FastAgiServer {
  readonly port: number;
  close(): Promise<void>;
}

const MAX_ENVIRONMENT_BYTES = 16 * 1024;
/** A connection that stays silent this long is dropped (a prompt plays for seconds, not minutes). */
const IDLE_MS = 60_000;

/** Reads a connection line by line; `HANGUP` (the channel went away) is noted, not returned. */
class LineReader {
  private buffer = '';
  private waiting: ((line: string | null) => void) | undefined;
  private ended = false;
  hungUp = false;

  constructor(socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      if (this.buffer.length > MAX_ENVIRONMENT_BYTES) socket.destroy();
      this.deliver();
    });
    const end = () => {
      this.ended = true;
      this.deliver();
    };
    socket.on('end', end);
    socket.on('close', end);
  }

  line(): Promise<string | null> {
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.deliver();
    });
  }

  private deliver(): void {
    if (!this.waiting) return;
    const eol = this.buffer.indexOf('\n');
    if (eol < 0) {
      if (this.ended) this.settle(null);
      return;
    }
    const line = this.buffer.slice(0, eol);
    this.buffer = this.buffer.slice(eol + 1);
    if (line === 'HANGUP') {
      this.hungUp = true;
      return this.deliver();
    }
    this.settle(line);
  }

  private settle(line: string | null): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.(line);
  }
}

/** `200 result=1 (9000)` → `9000`; undefined for anything but a success with a value. */
function resultValue(line: string | null): string | undefined {
  return line === null ? undefined : /^200 result=1 \((.*)\)$/.exec(line)?.[1];
}

async function converse(socket: net.Socket, decide: AgiDecide): Promise<void> {
  const reader = new LineReader(socket);
  const environment = new Map<string, string>();
  for (let line = await reader.line(); line !== ''; line = await reader.line()) {
    if (line === null) return;
    const colon = line.indexOf(': ');
    if (colon > 0) environment.set(line.slice(0, colon), line.slice(colon + 2));
  }
  if (environment.get('agi_network_script') !== 'monitor') return;
  const command = async (text: string): Promise<string | null> => {
    socket.write(`${text}\n`);
    return reader.line();
  };
  const supervisor = resultValue(await command('GET VARIABLE CALLERID(num)'));
  if (supervisor === undefined || reader.hungUp) return;
  const channel = { name: environment.get('agi_channel') ?? '', uniqueid: environment.get('agi_uniqueid') ?? '' };
  const decision = await decide(supervisor, environment.get('agi_arg_1') ?? '', channel);
  if (decision.kind === 'refuse') {
    await command(`STREAM FILE ${decision.prompt} ""`);
    return;
  }
  if ((await command(`SET VARIABLE SPY_TARGET "${decision.target}"`))?.startsWith('200 ')) {
    await command(`SET VARIABLE SPY_OPTIONS "${decision.options}"`);
  }
}

export function startFastAgi(
  options: { host: string; port: number },
  decide: AgiDecide,
  log: Logger,
): Promise<FastAgiServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setTimeout(IDLE_MS, () => socket.destroy());
    socket.on('error', (error) => log.debug({ err: error.message }, 'FastAGI connection failed'));
    socket.on('close', () => sockets.delete(socket));
    converse(socket, decide).then(
      () => socket.end(),
      (error: unknown) => {
        log.warn({ err: (error as Error).message }, 'FastAGI request failed');
        socket.end();
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
