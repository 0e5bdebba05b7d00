/**
 * Where to connect (RFC 6120 §3.2, XEP-0368): the user's server override, else DNS SRV
 * records for the JID's domain (`_xmpps-client._tcp` for direct TLS, `_xmpp-client._tcp`
 * otherwise), else the domain itself on the default port.
 */
import { promises as dns, type SrvRecord } from 'node:dns';
import type { Security } from '../settings.js';

export interface Endpoint {
  readonly host: string;
  readonly port: number;
  readonly directTls: boolean;
}

const SRV_TIMEOUT_MS = 5_000;

export function hostPort(endpoint: Endpoint): string {
  return endpoint.host.includes(':') ? `[${endpoint.host}]:${endpoint.port}` : `${endpoint.host}:${endpoint.port}`;
}

async function srv(name: string): Promise<SrvRecord[]> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<SrvRecord[]>((resolve) => {
    timer = setTimeout(() => resolve([]), SRV_TIMEOUT_MS);
  });
  try {
    return await Promise.race([dns.resolveSrv(name).catch(() => []), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The endpoints to try, in order. */
export async function resolveEndpoints(domain: string, security: Security, server?: string, port?: number): Promise<Endpoint[]> {
  const directTls = security === 'tls';
  const defaultPort = directTls ? 5223 : 5222;
  if (server !== undefined) return [{ host: server, port: port ?? defaultPort, directTls }];
  if (port === undefined && domain !== 'localhost' && !/^[\d.]+$/.test(domain) && !domain.includes(':')) {
    const records = await srv(`${directTls ? '_xmpps-client' : '_xmpp-client'}._tcp.${domain}`);
    // RFC 2782: "." as the only target means the service is not offered.
    const usable = records.filter((record) => record.name !== '' && record.name !== '.')
      .sort((a, b) => a.priority - b.priority || b.weight - a.weight);
    if (usable.length > 0) return usable.slice(0, 5).map((record) => ({ host: record.name, port: record.port, directTls }));
  }
  return [{ host: domain, port: port ?? defaultPort, directTls }];
}
