/**
 * IRCv3 Strict Transport Security (https://ircv3.net/specs/extensions/sts): a server that
 * advertises `sts=port=P` on a plaintext connection is reconnected to with TLS on port P at
 * once; `sts=duration=D` seen over TLS is a policy, kept in the plugin storage for D
 * seconds, under which this host is only ever reached with TLS (duration=0 removes it).
 */
import type { PluginStorage } from '../api/index.js';

export interface StsPolicy {
  readonly port: number;
  readonly expiresAt: number;
}

const key = (host: string): string => `sts:${host.toLowerCase()}`;

/** The `sts` capability's value as key=value pairs ("port=6697,duration=300"). */
export function parseSts(value: string): { port?: number; duration?: number } {
  const result: { port?: number; duration?: number } = {};
  for (const pair of value.split(',')) {
    const [name = '', raw = ''] = pair.split('=');
    const number = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(number)) continue;
    if (name === 'port' && number > 0 && number < 65536) result.port = number;
    if (name === 'duration') result.duration = number;
  }
  return result;
}

/** The `sts` value from a `CAP * LS [*] :caps…` line, if present. */
export function stsFromCapLs(params: readonly string[]): string | undefined {
  if (params[1] !== 'LS' && params[1] !== 'NEW') return undefined;
  const caps = params[params.length - 1] ?? '';
  for (const cap of caps.split(' ')) {
    if (cap === 'sts') return '';
    if (cap.startsWith('sts=')) return cap.slice(4);
  }
  return undefined;
}

export async function loadStsPolicy(storage: PluginStorage, host: string, now = Date.now()): Promise<StsPolicy | undefined> {
  const stored = await storage.get(key(host)).catch(() => undefined);
  if (typeof stored !== 'object' || stored === null) return undefined;
  const { port, expiresAt } = stored as Record<string, unknown>;
  if (typeof port !== 'number' || typeof expiresAt !== 'number' || expiresAt <= now) return undefined;
  return { port, expiresAt };
}

/** Remember (or with duration 0, forget) the policy seen over TLS on `port`. */
export async function saveStsPolicy(storage: PluginStorage, host: string, port: number, durationSeconds: number, now = Date.now()): Promise<void> {
  if (durationSeconds <= 0) await storage.delete(key(host));
  else await storage.set(key(host), { port, expiresAt: now + durationSeconds * 1000 } satisfies StsPolicy);
}
