/**
 * The CTCP DCC requests (https://modern.ircdocs.horse/dcc, the de-facto protocol; no RFC):
 * `DCC SEND <name> <ip> <port> <size> [token]`, `DCC RESUME <name> <port> <position> [token]`,
 * `DCC ACCEPT <name> <port> <position> [token]`. A name with spaces is quoted; an IPv4
 * address travels as one unsigned 32-bit integer, an IPv6 one as written. Port 0 with a
 * token is a passive ("reverse") offer: the receiver listens and answers with its own SEND
 * carrying the same token.
 */
import { isIP } from 'node:net';

export interface DccSend {
  readonly type: 'SEND';
  readonly name: string;
  /** Dotted IPv4 or IPv6. */
  readonly host: string;
  readonly port: number;
  /** Bytes; undefined when the sender did not say (some old clients). */
  readonly size: number | undefined;
  readonly token?: string;
}

export interface DccResume {
  readonly type: 'RESUME' | 'ACCEPT';
  readonly name: string;
  readonly port: number;
  readonly position: number;
  readonly token?: string;
}

/** `DCC CHAT chat <ip> <port> [token]`: port 0 + token is a passive offer. */
export interface DccChat {
  readonly type: 'CHAT';
  readonly host: string;
  readonly port: number;
  readonly token?: string;
}

export type DccRequest = DccSend | DccResume | DccChat;

/** Splits a DCC argument list: a double-quoted name may hold spaces. */
function words(text: string): string[] {
  const out: string[] = [];
  const pattern = /"([^"]*)"|(\S+)/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) out.push(match[1] ?? match[2] ?? '');
  return out;
}

function wholeNumber(text: string | undefined, max: number): number | undefined {
  if (text === undefined || !/^\d{1,20}$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) && value <= max ? value : undefined;
}

/** The address a DCC line carries: a 32-bit integer (IPv4) or an IPv6 literal. */
export function decodeAddress(text: string): string | undefined {
  if (/^\d{1,10}$/.test(text)) {
    const value = Number(text);
    if (value > 0xffffffff) return undefined;
    return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
  }
  return isIP(text) === 6 ? text : undefined;
}

export function encodeAddress(host: string): string {
  if (isIP(host) !== 4) return host;
  return String(host.split('.').reduce((sum, part) => sum * 256 + Number(part), 0));
}

/** The DCC request in a CTCP text (without the \x01), or undefined when it is none we know or malformed. */
export function parseDcc(ctcp: string): DccRequest | undefined {
  const match = /^DCC\s+(\S+)\s+(.*)$/i.exec(ctcp.trim());
  if (!match) return undefined;
  const type = (match[1] ?? '').toUpperCase();
  const args = words(match[2] ?? '');
  const [name = '', ...rest] = args;
  if (name === '') return undefined;
  if (type === 'SEND') {
    const host = decodeAddress(rest[0] ?? '');
    const port = wholeNumber(rest[1], 65535);
    const size = rest[2] === undefined ? undefined : wholeNumber(rest[2], Number.MAX_SAFE_INTEGER);
    if (host === undefined || port === undefined || (rest[2] !== undefined && size === undefined)) return undefined;
    const token = rest[3];
    if (port === 0 && token === undefined) return undefined;
    return { type, name, host, port, size, ...(token !== undefined ? { token } : {}) };
  }
  if (type === 'CHAT') {
    const host = decodeAddress(rest[0] ?? '');
    const port = wholeNumber(rest[1], 65535);
    const token = rest[2];
    if (name.toLowerCase() !== 'chat' || host === undefined || port === undefined || (port === 0 && token === undefined)) return undefined;
    return { type, host, port, ...(token !== undefined ? { token } : {}) };
  }
  if (type === 'RESUME' || type === 'ACCEPT') {
    const port = wholeNumber(rest[0], 65535);
    const position = wholeNumber(rest[1], Number.MAX_SAFE_INTEGER);
    if (port === undefined || position === undefined) return undefined;
    const token = rest[2];
    return { type, name, port, position, ...(token !== undefined ? { token } : {}) };
  }
  return undefined;
}

/** A name as DCC sends it: quoted when it has spaces; quotes themselves cannot travel. */
export function quoteName(name: string): string {
  const clean = name.replace(/["\x00-\x1f\x7f]/g, '_');
  return /\s/.test(clean) ? `"${clean}"` : clean;
}

export function formatSend(offer: Omit<DccSend, 'type'>): string {
  const token = offer.token !== undefined ? ` ${offer.token}` : '';
  return `DCC SEND ${quoteName(offer.name)} ${encodeAddress(offer.host)} ${offer.port} ${offer.size ?? 0}${token}`;
}

export function formatResume(type: 'RESUME' | 'ACCEPT', request: Omit<DccResume, 'type'>): string {
  const token = request.token !== undefined ? ` ${request.token}` : '';
  return `DCC ${type} ${quoteName(request.name)} ${request.port} ${request.position}${token}`;
}
