/** The account's settings (see manifest.ts), read and checked. */
import { ProtocolError, type AccountFieldValue } from '../api/index.js';

export interface IrcSettings {
  readonly server: string;
  readonly port: number;
  readonly tls: boolean;
  readonly nick: string;
  readonly password?: string;
  readonly username: string;
  readonly realname: string;
  readonly trustedFingerprint?: string;
}

/** A valid IRC nickname (RFC 2812 letters, digits and specials; not starting with a digit or -). */
export const NICK_PATTERN = '[A-Za-z\\[\\]\\\\`_^{|}][A-Za-z0-9\\[\\]\\\\`_^{|}-]{0,29}';

function text(settings: Readonly<Record<string, AccountFieldValue>>, key: string): string | undefined {
  const value = settings[key];
  if (value === undefined) return undefined;
  const trimmed = String(value).trim();
  return trimmed === '' ? undefined : trimmed;
}

export function readSettings(settings: Readonly<Record<string, AccountFieldValue>>): IrcSettings {
  const server = text(settings, 'server');
  if (!server) throw new ProtocolError('protocol', 'The account has no IRC server set.');
  const nick = text(settings, 'nick');
  if (!nick || !new RegExp(`^${NICK_PATTERN}$`).test(nick)) {
    throw new ProtocolError('protocol', `"${nick ?? ''}" is not a valid IRC nickname.`);
  }
  const tlsValue = settings['tls'];
  const tls = tlsValue === undefined ? true : tlsValue === true || tlsValue === 'true';
  const portValue = Number(settings['port'] ?? (tls ? 6697 : 6667));
  if (!Number.isInteger(portValue) || portValue < 1 || portValue > 65535) {
    throw new ProtocolError('protocol', `${String(settings['port'])} is not a valid port.`);
  }
  const password = settings['password'] === undefined || settings['password'] === '' ? undefined : String(settings['password']);
  const username = (text(settings, 'username') ?? nick).replace(/[^A-Za-z0-9_.-]/g, '').slice(0, 10) || 'switchbrd';
  const trustedFingerprint = text(settings, 'trustedFingerprint');
  return {
    server, port: portValue, tls, nick, username,
    realname: text(settings, 'realname') ?? 'Switchboard user',
    ...(password !== undefined ? { password } : {}),
    ...(trustedFingerprint !== undefined ? { trustedFingerprint } : {}),
  };
}
