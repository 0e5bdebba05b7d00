/**
 * The TXT record a link-local user announces (XEP-0174 §3.1.2, "TXT Record"): DNS-SD
 * key=value strings (RFC 6763 §6) with `txtvers=1` first, the user's names, and their
 * presence as `status` (`avail`, `away` or `dnd`) with an optional `msg`.
 */
import type { OwnPresence, Presence } from 'switchboard-plugin-sdk';

export type TxtFields = Readonly<Record<string, string>>;

/** RFC 6763 §6.1: each string is at most 255 bytes; longer values are cut, not refused. */
const MAX_STRING_BYTES = 255;

export function encodeTxt(fields: TxtFields): Buffer[] {
  return Object.entries(fields).map(([key, value]) => {
    const bytes = Buffer.from(`${key}=${value}`, 'utf8');
    return bytes.length <= MAX_STRING_BYTES ? bytes : bytes.subarray(0, MAX_STRING_BYTES);
  });
}

/** RFC 6763 §6.4: keys are case-insensitive and the first occurrence wins; a string without "=" is a boolean key. */
export function decodeTxt(data: unknown): TxtFields {
  const strings = Array.isArray(data) ? data : [data];
  const fields: Record<string, string> = {};
  for (const item of strings) {
    const text = Buffer.isBuffer(item) ? item.toString('utf8') : typeof item === 'string' ? item : '';
    if (!text) continue;
    const at = text.indexOf('=');
    const key = (at < 0 ? text : text.slice(0, at)).toLowerCase();
    if (key && !(key in fields)) fields[key] = at < 0 ? '' : text.slice(at + 1);
  }
  return fields;
}

/** XEP-0174 §3.1.2: "avail", "away", "dnd"; anything else is read as available, as the XEP's clients do. */
export function presenceFromTxt(fields: TxtFields): Presence {
  const status = fields['status'] === 'away' ? 'away' : fields['status'] === 'dnd' ? 'busy' : 'available';
  const message = fields['msg'];
  return message ? { status, message } : { status };
}

/** The `status` value for the user's own presence: away and extended away are "away", busy is "dnd". */
export function txtStatus(presence: OwnPresence): 'avail' | 'away' | 'dnd' {
  if (presence.status === 'away' || presence.status === 'extended-away') return 'away';
  if (presence.status === 'busy') return 'dnd';
  return 'avail';
}

/** The name to show for a peer: its nick, else first and last name, else its instance name. */
export function displayNameFromTxt(fields: TxtFields, instance: string): string {
  const nick = fields['nick']?.trim();
  if (nick) return nick;
  const full = [fields['1st'], fields['last']].filter((part) => part?.trim()).join(' ').trim();
  return full || instance;
}
