/**
 * A TCP relay on 127.0.0.1 in front of a test server, whose connections the test can cut
 * at once: a forced disconnect (a network failure) that neither side asked for.
 */
import net from 'node:net';

export interface CuttableProxy {
  readonly port: number;
  /** Destroy every relayed connection now (both sides see a reset/close). */
  cut(): void;
  close(): Promise<void>;
}

export function startProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<CuttableProxy> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: targetHost, port: targetPort });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        port,
        cut(): void {
          for (const socket of sockets) socket.destroy();
        },
        close(): Promise<void> {
          for (const socket of sockets) socket.destroy();
          return new Promise((done) => server.close(() => done()));
        },
      });
    });
  });
}
