/**
 * A real SOCKS5 proxy for tests: Debian's microsocks on 127.0.0.1, optionally with a user
 * name and password (RFC 1929). Its outgoing connections leave from `bindAddress`
 * (127.0.0.2 by default), so a server can tell a connection that came through the proxy
 * from one that did not: WHOIS shows the address it came from.
 */
import net from 'node:net';
import { findFreePort, ServerProcess } from './serverProcess.js';

export const MICROSOCKS_BINARY = '/usr/bin/microsocks';

export interface SocksProxyOptions {
  readonly user?: string;
  readonly password?: string;
  readonly bindAddress?: string;
}

export interface RunningSocksProxy {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** Where connections made through the proxy come from. */
  readonly bindAddress: string;
  stop(): Promise<void>;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

export async function startSocksProxy(options: SocksProxyOptions = {}): Promise<RunningSocksProxy> {
  const port = await findFreePort();
  const bindAddress = options.bindAddress ?? '127.0.0.2';
  const login = options.user !== undefined ? ['-u', options.user, '-P', options.password ?? ''] : [];
  const process = new ServerProcess({ command: MICROSOCKS_BINARY, args: ['-i', '127.0.0.1', '-p', String(port), '-b', bindAddress, ...login] });
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (!process.running) throw new Error(`microsocks exited: ${process.output}`);
    if (Date.now() > deadline) throw new Error(`microsocks did not listen on ${port} within 10 s: ${process.output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { host: '127.0.0.1', port, bindAddress, stop: () => process.stop(2_000) };
}
