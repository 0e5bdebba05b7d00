/**
 * setname (https://ircv3.net/specs/extensions/setname): someone's real name (gecos) changed
 * while connected. Told in every channel shared with them and in a private chat with them;
 * our own change (the server echoes SETNAME to us) on the server console. `/setname` sends it.
 */
import { ProtocolError, type ProtocolEvent } from '../api/index.js';
import { stripFormatting } from './formatting.js';
import type { NameRules } from './names.js';

export interface RealnameHost {
  readonly emit: (event: ProtocolEvent) => void;
  readonly names: NameRules;
  readonly selfNick: () => string;
  /** Channels (ids) where this nick is a member. */
  readonly roomsWith: (nick: string) => readonly string[];
  readonly knownDirect: { has(id: string): boolean };
  readonly notice: (text: string) => void;
}

/** The longest real name we send; servers cut longer ones (ISUPPORT NAMELEN, often 50–128). */
const MAX_REALNAME_BYTES = 200;

export function onSetname(host: RealnameHost, nick: string | undefined, realname: string | undefined, time: number | undefined): void {
  if (!nick || realname === undefined) return;
  const name = stripFormatting(realname);
  const id = host.names.fold(nick);
  if (id === host.names.fold(host.selfNick())) {
    host.notice(`Your real name is now "${name}".`);
    return;
  }
  const body = `${stripFormatting(nick)} changed their real name to "${name}"`;
  const conversations = [...host.roomsWith(nick), ...(host.knownDirect.has(id) ? [id] : [])];
  for (const conversationId of conversations) {
    host.emit({
      type: 'message.received',
      message: { conversationId, senderId: id, senderName: stripFormatting(nick), kind: 'event', body, timestamp: time ?? Date.now() },
    });
  }
}

/** The SETNAME line for `/setname <real name>`, refused in words where the server cannot. */
export function setnameLine(enabled: boolean, realname: string): string {
  if (!enabled) throw new ProtocolError('not-supported', 'This server cannot change your real name while connected (no setname capability); change it in the account settings and reconnect.');
  const name = realname.replace(/[\r\n\0]/g, ' ').trim();
  if (!name) throw new ProtocolError('protocol', 'Usage: /setname <real name>');
  if (Buffer.byteLength(name) > MAX_REALNAME_BYTES) throw new ProtocolError('protocol', `A real name may have at most ${MAX_REALNAME_BYTES} bytes.`);
  return `SETNAME :${name}`;
}
