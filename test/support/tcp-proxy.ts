import net from 'node:net';

/** A TCP relay on a free port to `targetPort`: a test cuts every connection through it as a network drop would. */
export interface TcpProxy {
  readonly port: number;
  /** Connections made through it so far. */
  connections(): number;
  /** Destroys every open connection, both sides, at once. */
  drop(): void;
  /** While on, every new connection is closed as soon as it is made: the far side stays unreachable. */
  refuse(on: boolean): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let made = 0;
  let refusing = false;
  const server = net.createServer((client) => {
    if (refusing) return void client.destroy();
    made += 1;
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        open.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const drop = (): void => {
    for (const socket of open) socket.destroy();
  };
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => made,
    drop,
    refuse: (on) => void (refusing = on),
    close: () =>
      new Promise<void>((resolve) => {
        drop();
        server.close(() => resolve());
      }),
  };
}
