/**
 * Connecting through a SOCKS5 proxy (RFC 1928, user/password: RFC 1929), per account: for
 * Tor users and networks reachable only through a jump host. The server's name goes to the
 * proxy unresolved (the "socks5h" behaviour), so no DNS query leaks past it and .onion
 * names work. Everything that opens a socket to the server (the connection and the
 * certificate probe) goes through `openTcp`, so nothing bypasses the proxy.
 */
import type net from 'node:net';
import { SocksClient } from 'socks';

export interface SocksProxy {
  readonly host: string;
  readonly port: number;
  readonly user?: string;
  readonly password?: string;
}

/**
 * A proxy failure, in words; `code` lets the login turn it into the account's error. A
 * refused proxy login is the user's to fix (retrying cannot help); the rest may pass.
 */
export class ProxyFailure extends Error {
  readonly code = 'ESOCKS';
  constructor(message: string, readonly kind: 'auth' | 'network') {
    super(message);
  }
}

/**
 * Reads "host:port", "[v6]:port" or "socks5://host:port" (a port is required: Tor's is
 * 9050, the browser bundle's 9150, so there is no safe default). Undefined for blank.
 */
export function parseProxyAddress(value: string): { host: string; port: number } | undefined | string {
  const trimmed = value.trim().replace(/^socks5h?:\/\//i, '').replace(/\/$/, '');
  if (trimmed === '') return undefined;
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([^:\s/@[\]]+)):(\d{1,5})$/.exec(trimmed);
  const host = match?.[1] ?? match?.[2];
  const port = Number(match?.[3]);
  if (host === undefined || !Number.isInteger(port) || port < 1 || port > 65535) {
    return `"${value.trim()}" is not a SOCKS5 proxy address: write it as host:port (for Tor, 127.0.0.1:9050).`;
  }
  return { host, port };
}

/** RFC 1928 §6 reply codes, as the socks package names them, in words. */
const REPLIES: Readonly<Record<string, string>> = {
  Failure: 'the proxy failed (general SOCKS server failure)',
  NotAllowed: 'the proxy\'s rules do not allow this connection',
  NetworkUnreachable: 'the proxy cannot reach that network',
  HostUnreachable: 'the proxy cannot reach that host (or cannot resolve its name)',
  ConnectionRefused: 'the server refused the proxy\'s connection',
  TTLExpired: 'the proxy\'s connection timed out (TTL expired)',
  CommandNotSupported: 'the proxy does not support connecting (CONNECT)',
  AddressNotSupported: 'the proxy does not support this kind of address',
};

/** The socks package's error text, as a sentence for the user. */
export function describeProxyError(proxy: SocksProxy, message: string): string {
  const at = `${proxy.host}:${proxy.port}`;
  const reply = /rejected connection - (\w+)/.exec(message)?.[1];
  if (reply !== undefined) return REPLIES[reply] ?? `the proxy refused the connection (${reply})`;
  if (message.includes('Authentication failed')) return `the proxy ${at} refused the user name or password`;
  if (message.includes('no accepted authentication type')) {
    return proxy.user === undefined
      ? `the proxy ${at} requires a user name and password`
      : `the proxy ${at} accepts no login method this app has`;
  }
  if (message.includes('timed out')) return `no answer from the proxy ${at}`;
  if (/ECONNREFUSED/.test(message)) return `the proxy ${at} is not reachable (connection refused)`;
  if (/ENOTFOUND|EAI_AGAIN/.test(message)) return `the proxy's name ${proxy.host} could not be resolved`;
  if (/invalid Socks5|Negotiation/i.test(message)) return `${at} does not answer as a SOCKS5 proxy`;
  if (message.includes('Socket closed')) return `the proxy ${at} closed the connection`;
  return `the proxy ${at} failed: ${message}`;
}

/** A TCP connection to host:port, through the proxy when there is one. */
export async function openTcp(destination: { host: string; port: number }, proxy: SocksProxy, timeoutMs: number): Promise<net.Socket> {
  try {
    const { socket } = await SocksClient.createConnection({
      proxy: {
        host: proxy.host, port: proxy.port, type: 5,
        ...(proxy.user !== undefined ? { userId: proxy.user } : {}),
        ...(proxy.password !== undefined ? { password: proxy.password } : {}),
      },
      command: 'connect',
      destination,
      timeout: timeoutMs,
    });
    return socket;
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ProxyFailure(describeProxyError(proxy, message), /Authentication failed|no accepted authentication/.test(message) ? 'auth' : 'network');
  }
}
