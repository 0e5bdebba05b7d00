/** The account's settings (see manifest.ts), read and checked. */
import { isIP } from 'node:net';
import { ProtocolError, type AccountFieldValue } from '../api/index.js';
import type { DccSettings } from './dcc/dccTransfers.js';
import { isKnownEncoding } from './decode.js';
import { parseProxyAddress, type SocksProxy } from './socksProxy.js';

export type SaslMechanism = 'auto' | 'plain' | 'scram-sha-256' | 'external';

export interface IrcSettings {
  readonly server: string;
  readonly port: number;
  readonly tls: boolean;
  readonly nick: string;
  readonly password?: string;
  readonly username: string;
  readonly realname: string;
  readonly trustedFingerprint?: string;
  /** SASL / NickServ account name (default: the nick) and password. */
  readonly account: string;
  readonly accountPassword?: string;
  readonly saslMechanism: SaslMechanism;
  /** Path of a PEM file holding the client certificate and its key (SASL EXTERNAL, CertFP). */
  readonly clientCertificate?: string;
  /** Nicks to try, in order, when the nick is taken. */
  readonly altNicks: readonly string[];
  /** Channels to join after login: "#chan" or "#chan key". */
  readonly autojoin: readonly { readonly channel: string; readonly key?: string }[];
  /** Encoding for incoming lines that are not valid UTF-8. */
  readonly encoding: string;
  /** The user allowed passwords to go out over a connection without TLS (issue 7). */
  readonly allowPlainPassword: boolean;
  readonly keepAlive: KeepAlive;
  /** soju's network id to bind this account's connection to (bouncerNetworks.ts). */
  readonly bouncerNetwork?: string;
  /** Every connection to the server goes through this SOCKS5 proxy (socksProxy.ts). */
  readonly proxy?: SocksProxy;
  /** File transfers person to person (dcc/dccTransfers.ts). */
  readonly dcc: DccSettings;
}

/**
 * When to ping the server and when to give up on it. Close to what desktop clients do:
 * HexChat pings every 30 s and drops the link after 60 s without an answer, irssi and
 * WeeChat check the lag every 60 s and reconnect after 300 s. We ping every 60 s and give
 * up after 120 s of silence, so a frozen server or a dead route is noticed within two minutes.
 */
export interface KeepAlive {
  /** Seconds between our PINGs (after each PONG). */
  readonly intervalSeconds: number;
  /** Seconds without any line from the server after which the connection counts as lost. */
  readonly timeoutSeconds: number;
}

export const DEFAULT_KEEP_ALIVE: KeepAlive = { intervalSeconds: 60, timeoutSeconds: 120 };

/** A valid IRC nickname (RFC 2812 letters, digits and specials; not starting with a digit or -). */
export const NICK_PATTERN = '[A-Za-z\\[\\]\\\\`_^{|}][A-Za-z0-9\\[\\]\\\\`_^{|}-]{0,29}';
const NICK = new RegExp(`^${NICK_PATTERN}$`);

function text(settings: Readonly<Record<string, AccountFieldValue>>, key: string): string | undefined {
  const value = settings[key];
  if (value === undefined) return undefined;
  const trimmed = String(value).trim();
  return trimmed === '' ? undefined : trimmed;
}

function flag(value: AccountFieldValue | undefined, fallback: boolean): boolean {
  return value === undefined ? fallback : value === true || value === 'true';
}

function seconds(settings: Readonly<Record<string, AccountFieldValue>>, key: string, label: string, fallback: number): number {
  const value = settings[key];
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 3600) {
    throw new ProtocolError('protocol', `${String(value)} is not a valid ${label} (whole seconds, 1 to 3600).`);
  }
  return number;
}

function readKeepAlive(settings: Readonly<Record<string, AccountFieldValue>>): KeepAlive {
  const intervalSeconds = seconds(settings, 'pingInterval', 'ping interval', DEFAULT_KEEP_ALIVE.intervalSeconds);
  const timeoutSeconds = seconds(settings, 'pingTimeout', 'ping timeout', DEFAULT_KEEP_ALIVE.timeoutSeconds);
  // A timeout shorter than the interval would drop every quiet but healthy connection.
  if (timeoutSeconds <= intervalSeconds) {
    throw new ProtocolError('protocol', `The ping timeout (${timeoutSeconds} s) must be longer than the ping interval (${intervalSeconds} s).`);
  }
  return { intervalSeconds, timeoutSeconds };
}

function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '');
}

export function readSettings(settings: Readonly<Record<string, AccountFieldValue>>): IrcSettings {
  const server = text(settings, 'server');
  if (!server) throw new ProtocolError('protocol', 'The account has no IRC server set.');
  const nick = text(settings, 'nick');
  if (!nick || !NICK.test(nick)) throw new ProtocolError('protocol', `"${nick ?? ''}" is not a valid IRC nickname.`);
  const tls = flag(settings['tls'], true);
  const portValue = Number(settings['port'] ?? (tls ? 6697 : 6667));
  if (!Number.isInteger(portValue) || portValue < 1 || portValue > 65535) {
    throw new ProtocolError('protocol', `${String(settings['port'])} is not a valid port.`);
  }
  const secret = (key: string): string | undefined =>
    settings[key] === undefined || settings[key] === '' ? undefined : String(settings[key]);
  const password = secret('password');
  const accountPassword = secret('accountPassword');
  const username = (text(settings, 'username') ?? nick).replace(/[^A-Za-z0-9_.-]/g, '').slice(0, 10) || 'switchbrd';
  const trustedFingerprint = text(settings, 'trustedFingerprint');
  const clientCertificate = text(settings, 'clientCertificate');
  const altNicks = list(text(settings, 'altNicks'));
  const badAlt = altNicks.find((alt) => !NICK.test(alt));
  if (badAlt !== undefined) throw new ProtocolError('protocol', `"${badAlt}" (alternate nick) is not a valid IRC nickname.`);
  const autojoin = list(text(settings, 'autojoin')).map((entry) => {
    const [channel = '', key] = entry.split(/\s+/);
    const name = /^[#&+!]/.test(channel) ? channel : `#${channel}`;
    return key ? { channel: name, key } : { channel: name };
  });
  const encoding = text(settings, 'encoding') ?? 'latin1';
  if (!isKnownEncoding(encoding)) throw new ProtocolError('protocol', `"${encoding}" is not an encoding this app knows (try latin1, windows-1251, iso-8859-15, koi8-r, shift_jis).`);
  const mechanism = text(settings, 'saslMechanism') ?? 'auto';
  const saslMechanism: SaslMechanism = mechanism === 'plain' || mechanism === 'scram-sha-256' || mechanism === 'external' ? mechanism : 'auto';
  const proxy = readProxy(settings, secret('proxyPassword'));
  const bouncerNetwork = text(settings, 'bouncerNetwork');
  if (bouncerNetwork !== undefined && /[\s\0]/.test(bouncerNetwork)) throw new ProtocolError('protocol', `"${bouncerNetwork}" is not a bouncer network id (no spaces).`);
  return {
    server, port: portValue, tls, nick, username,
    realname: text(settings, 'realname') ?? 'Switchboard user',
    account: text(settings, 'account') ?? nick,
    saslMechanism, altNicks, autojoin, encoding,
    allowPlainPassword: flag(settings['allowPlainPassword'], false),
    keepAlive: readKeepAlive(settings),
    dcc: readDcc(settings, proxy !== undefined),
    ...(password !== undefined ? { password } : {}),
    ...(accountPassword !== undefined ? { accountPassword } : {}),
    ...(trustedFingerprint !== undefined ? { trustedFingerprint } : {}),
    ...(clientCertificate !== undefined ? { clientCertificate } : {}),
    ...(proxy !== undefined ? { proxy } : {}),
    ...(bouncerNetwork !== undefined ? { bouncerNetwork } : {}),
  };
}

function readProxy(settings: Readonly<Record<string, AccountFieldValue>>, password: string | undefined): SocksProxy | undefined {
  const address = parseProxyAddress(text(settings, 'proxy') ?? '');
  if (typeof address === 'string') throw new ProtocolError('protocol', address);
  const user = text(settings, 'proxyUser');
  if (address === undefined) return undefined;
  // RFC 1929: user name and password are one to 255 bytes each.
  if (user !== undefined && Buffer.byteLength(user) > 255) throw new ProtocolError('protocol', 'The proxy user name is longer than SOCKS5 allows (255 bytes).');
  if (password !== undefined && Buffer.byteLength(password) > 255) throw new ProtocolError('protocol', 'The proxy password is longer than SOCKS5 allows (255 bytes).');
  if (password !== undefined && user === undefined) throw new ProtocolError('protocol', 'The proxy password needs a proxy user name too.');
  return { ...address, ...(user !== undefined ? { user } : {}), ...(password !== undefined ? { password } : {}) };
}

function readDcc(settings: Readonly<Record<string, AccountFieldValue>>, proxied: boolean): DccSettings {
  const address = text(settings, 'dccAddress');
  if (address !== undefined && isIP(address) === 0) throw new ProtocolError('protocol', `"${address}" is not an IP address (DCC address).`);
  const range = text(settings, 'dccPorts');
  let ports: DccSettings['ports'];
  if (range !== undefined) {
    const match = /^(\d{1,5})(?:\s*-\s*(\d{1,5}))?$/.exec(range);
    const from = Number(match?.[1]);
    const to = Number(match?.[2] ?? match?.[1]);
    if (!match || from < 1024 || to > 65535 || to < from) throw new ProtocolError('protocol', `"${range}" is not a port range for DCC (like 5000-5015, ports from 1024 to 65535).`);
    ports = { from, to };
  }
  return {
    allowLocal: flag(settings['dccAllowLocal'], false), proxied,
    passive: flag(settings['dccPassive'], false),
    ...(address !== undefined ? { address } : {}),
    ...(ports !== undefined ? { ports } : {}),
  };
}
