import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { App } from '../../server/compose.ts';
import type { Simulator } from '../../server/sim/index.ts';
import { boardConfig, startBoardApp, startQuietSimulator, TEST_OWNER } from '../support/board-app.ts';

/** A request with exactly these headers (fetch would not let a test set Host, as a rebinding browser does). */
function send(
  url: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<number> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      `${url}${path}`,
      {
        method,
        headers: {
          ...headers,
          ...(text !== undefined && {
            'Content-Type': 'application/json',
            'Content-Length': String(Buffer.byteLength(text)),
          }),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(text);
  });
}

/** What the board answers a login, a set-up and a socket handshake from a page of `origin` that reached it as `host`. */
async function answers(app: App, origin: string, host: string) {
  const headers = { Origin: origin, Host: host };
  return {
    login: await send(app.url, 'POST', '/api/session', headers, TEST_OWNER),
    setup: await send(app.url, 'POST', '/api/setup', headers, {
      username: 'intruder',
      password: 'a long password here',
    }),
    socket: await send(app.url, 'GET', '/socket.io/?EIO=4&transport=polling', headers),
  };
}

const REFUSED = { login: 403, setup: 403, socket: 403 };

describe('the Origin rule compares with the configured origins, not with the Host header', () => {
  let sim: Simulator;
  let local: App;
  let published: App;
  beforeAll(async () => {
    sim = await startQuietSimulator();
    local = await startBoardApp(boardConfig({ redisUrl: inject('redisUrl'), amiPort: sim.port }));
    published = await startBoardApp(
      boardConfig({ redisUrl: inject('redisUrl'), amiPort: sim.port, publicOrigin: 'https://board.example.com' }),
    );
  });
  afterAll(async () => {
    await Promise.all([local.close(), published.close()]);
    await sim.close();
  });

  it('refuses a DNS-rebinding page, whose Origin matches the Host it reached', async () => {
    const port = new URL(local.url).port;
    expect(await answers(local, `http://rebind.example:${port}`, `rebind.example:${port}`)).toEqual(REFUSED);
  });

  it('refuses the right host under another scheme or port', async () => {
    const { host, port } = new URL(local.url);
    expect(await answers(local, `https://${host}`, host)).toEqual(REFUSED);
    expect(await answers(local, `http://127.0.0.1:${Number(port) + 1}`, host)).toEqual(REFUSED);
  });

  it('accepts the board on its own machine without PUBLIC_URL', async () => {
    const { host, port } = new URL(local.url);
    for (const origin of [local.url, `http://localhost:${port}`]) {
      // The owner exists already (409 for the set-up): what matters is that the Origin rule let it through.
      expect(await answers(local, origin, host)).toEqual({ login: 200, setup: 409, socket: 200 });
    }
  });

  it('with PUBLIC_URL accepts that origin only', async () => {
    const { host } = new URL(published.url);
    expect(await answers(published, 'https://board.example.com', 'board.example.com')).toEqual({
      login: 200,
      setup: 409,
      socket: 200,
    });
    expect(await answers(published, published.url, host)).toEqual(REFUSED);
    expect(await answers(published, 'http://board.example.com', 'board.example.com')).toEqual(REFUSED);
  });
});
