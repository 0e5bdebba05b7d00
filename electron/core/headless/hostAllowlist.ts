/**
 * The names the headless server answers to. A browser sends the name the user typed in
 * the Host header (RFC 9110 §7.2) and the page's origin in Origin (RFC 6454); checking
 * both against one list stops DNS rebinding (a hostile page whose name was re-pointed at
 * this machine reaches us under its own name, which is not on the list) and pages of
 * other origins. On a loopback or all-interfaces bind the loopback names are on it (a
 * page can only send `Host: localhost` by really being opened on this machine).
 */
import { isIP } from 'node:net';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

export interface HostAllowlist {
  /** The `Host` header names this server, with its port. */
  hostAllowed(hostHeader: string | undefined): boolean;
  /** The `Origin` header is one of this server's own pages (absent: not a browser). */
  originAllowed(origin: string | undefined): boolean;
  /** The name for the URL printed to the user. */
  readonly displayName: string;
}

/** `::1` → `[::1]`, names lower-cased (host names are case-insensitive, RFC 4343). */
export function hostInUrl(host: string): string {
  const lower = host.toLowerCase();
  return isIP(lower) === 6 ? `[${lower}]` : lower;
}

export function isLoopbackHost(host: string): boolean {
  const lower = host.toLowerCase();
  return lower === 'localhost' || lower === '::1' || lower === '[::1]' || (isIP(lower) === 4 && lower.startsWith('127.'));
}

export function hostAllowlist(options: { bindHost: string; port: number; publicNames: readonly string[]; tls: boolean }): HostAllowlist {
  const bind = hostInUrl(options.bindHost);
  const names = new Set<string>([...options.publicNames.map(hostInUrl)]);
  // Browsers on some systems open http://0.0.0.0:PORT too: the bind address always counts.
  names.add(bind);
  if (isLoopbackHost(options.bindHost) || WILDCARD_HOSTS.has(bind)) for (const name of LOOPBACK_NAMES) names.add(name);
  const hosts = new Set([...names].map((name) => `${name}:${options.port}`));
  const scheme = options.tls ? 'https' : 'http';
  const origins = new Set([...hosts].map((host) => `${scheme}://${host}`));
  // The default port may be left out of both headers (RFC 6454 §6.2).
  if (options.port === (options.tls ? 443 : 80)) {
    for (const name of names) {
      hosts.add(name);
      origins.add(`${scheme}://${name}`);
    }
  }
  return {
    hostAllowed: (header) => header !== undefined && hosts.has(header.toLowerCase()),
    originAllowed: (origin) => origin === undefined || origins.has(origin.toLowerCase()),
    displayName: hostInUrl(options.publicNames[0] ?? options.bindHost),
  };
}
