/** The account's settings (see manifest.ts), read and checked. */
import { ProtocolError, type AccountFieldValue } from '../api/index.js';
import { bareOf, parseJid, type Jid } from './jid.js';
import { DEFAULT_KEEP_ALIVE, type KeepAliveTimes } from './stream/keepAlive.js';

export type Security = 'tls' | 'starttls' | 'plain';

export interface XmppSettings {
  /** The account's bare JID, parsed. */
  readonly jid: Jid & { readonly local: string };
  readonly bareJid: string;
  readonly password: string;
  readonly resource?: string;
  /** Host to connect to instead of SRV / the JID's domain. */
  readonly server?: string;
  readonly port?: number;
  readonly security: Security;
  readonly allowPlainPassword: boolean;
  readonly trustedFingerprint?: string;
  readonly keepAlive: KeepAliveTimes;
}

function text(settings: Readonly<Record<string, AccountFieldValue>>, key: string): string | undefined {
  const value = settings[key];
  if (value === undefined) return undefined;
  const trimmed = String(value).trim();
  return trimmed === '' ? undefined : trimmed;
}

function flag(value: AccountFieldValue | undefined): boolean {
  return value === true || value === 'true';
}

/** Whole seconds from the "pingInterval" / "pingTimeout" fields, in milliseconds. */
function millisecondsOf(settings: Readonly<Record<string, AccountFieldValue>>, key: string, label: string, fallbackMs: number): number {
  const value = settings[key];
  if (value === undefined || String(value).trim() === '') return fallbackMs;
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600) {
    throw new ProtocolError('protocol', `${String(value)} is not a valid ${label} (whole seconds, 1 to 3600).`);
  }
  return seconds * 1000;
}

function readKeepAlive(settings: Readonly<Record<string, AccountFieldValue>>): KeepAliveTimes {
  const intervalMs = millisecondsOf(settings, 'pingInterval', 'ping interval', DEFAULT_KEEP_ALIVE.intervalMs);
  const timeoutMs = millisecondsOf(settings, 'pingTimeout', 'ping timeout', DEFAULT_KEEP_ALIVE.timeoutMs);
  // The probe must have a chance to be answered before the verdict.
  if (timeoutMs <= intervalMs) {
    throw new ProtocolError('protocol', `The ping timeout (${timeoutMs / 1000} s) must be longer than the ping interval (${intervalMs / 1000} s).`);
  }
  return { intervalMs, timeoutMs };
}

export function readSettings(settings: Readonly<Record<string, AccountFieldValue>>): XmppSettings {
  const jidText = text(settings, 'jid');
  const parsed = parseJid(jidText);
  if (!parsed?.local) {
    throw new ProtocolError('protocol', `"${jidText ?? ''}" is not an XMPP address: it should look like alice@example.org.`);
  }
  const jid = { local: parsed.local, domain: parsed.domain };
  const password = settings['password'] === undefined ? '' : String(settings['password']);
  if (password === '') throw new ProtocolError('auth', `No password is set for ${bareOf(jid)}.`);
  const securityText = text(settings, 'security') ?? 'starttls';
  if (securityText !== 'tls' && securityText !== 'starttls' && securityText !== 'plain') {
    throw new ProtocolError('protocol', `"${securityText}" is not a connection security setting (tls, starttls or plain).`);
  }
  let port: number | undefined;
  if (settings['port'] !== undefined && String(settings['port']).trim() !== '') {
    port = Number(settings['port']);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new ProtocolError('protocol', `${String(settings['port'])} is not a valid port.`);
    }
  }
  // A resource from parsing "alice@example.org/laptop" counts when the field is empty.
  const resource = text(settings, 'resource') ?? parsed.resource;
  const server = text(settings, 'server');
  const trustedFingerprint = text(settings, 'trustedFingerprint');
  return {
    jid,
    bareJid: bareOf(jid),
    password,
    security: securityText,
    allowPlainPassword: flag(settings['allowPlainPassword']),
    keepAlive: readKeepAlive(settings),
    ...(resource !== undefined ? { resource } : {}),
    ...(server !== undefined ? { server } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(trustedFingerprint !== undefined ? { trustedFingerprint } : {}),
  };
}
