/** What a user types to join a room (XEP-0045 §7.2; an `xmpp:` URI with `?join`, RFC 5122 / XEP-0147). */
import { ProtocolError } from '../api/index.js';
import { parseJid } from './jid.js';

export interface ParsedRoom {
  readonly jid: string;
  readonly nick?: string;
}

/** "room@conference.example.org" or "room@conference.example.org/nick". */
export function parseRoomAddress(text: string): ParsedRoom {
  const jid = parseJid(text.trim().replace(/^xmpp:/, '').replace(/\?join$/, ''));
  if (!jid?.local) {
    throw new ProtocolError('protocol', `"${text}" is not a room address: type it like room@conference.example.org (add /nickname to choose your nickname).`);
  }
  return { jid: `${jid.local}@${jid.domain}`, ...(jid.resource ? { nick: jid.resource.slice(0, 100) } : {}) };
}
