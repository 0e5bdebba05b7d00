/** Outgoing requests checked and turned into protocol lines. */
import { ProtocolError, type SendMessageRequest } from '../api/index.js';
import { CARRIED_CODES_BYTES, carryFormatting, markupToIrc } from './formattingOut.js';
import type { NameRules } from './names.js';
import { maxTextBytes, splitMessage } from './lineSplit.js';
import { multilineMessage, type MultilineLimits } from './multiline.js';

/**
 * The PRIVMSG / NOTICE lines for one message, each within the server's line length once
 * relayed (512 bytes, or its ISUPPORT LINELEN): one (or more) per line of the message, its
 * formatting as control codes (formattingOut.ts). Where the server offers draft/multiline,
 * {@link messageUnits} keeps the lines one message instead.
 */
export function messageLines(request: SendMessageRequest, lineMaxBytes?: number): string[] {
  const target = request.conversationId;
  if (!target || /[\s,\0]/.test(target)) throw new ProtocolError('protocol', `Cannot send to "${target}".`);
  const command = request.kind === 'notice' ? 'NOTICE' : 'PRIVMSG';
  const action = request.kind === 'action';
  const room = maxTextBytes(command, target, action ? 9 : 0, lineMaxBytes) - CARRIED_CODES_BYTES;
  const chunks = markupToIrc(request.body.replace(/\0/g, '')).split('\n').flatMap((line) => carryFormatting(splitMessage(line, room)));
  if (chunks.length === 0) throw new ProtocolError('protocol', 'The message is empty.');
  return chunks.map((chunk) => `${command} ${target} :${action ? `\x01ACTION ${chunk}\x01` : chunk}`);
}

/** Lines written together and confirmed by one echo (`text`, as the echo will carry it). */
export interface MessageUnit {
  readonly lines: readonly string[];
  readonly text: string;
}

/**
 * A message as units to write: one draft/multiline batch (multiline.ts) when the server offers
 * it and the message needs several lines, else a unit per line. Actions never go in a batch.
 */
export function messageUnits(request: SendMessageRequest, lineMaxBytes: number, multiline?: { readonly limits: MultilineLimits; readonly ref: string }): MessageUnit[] {
  if (multiline && request.kind !== 'action') {
    const command = request.kind === 'notice' ? 'NOTICE' : 'PRIVMSG';
    const room = maxTextBytes(command, request.conversationId, 0, lineMaxBytes);
    const batch = multilineMessage(command, request.conversationId, markupToIrc(request.body.replace(/\0/g, '')), room, multiline.limits, multiline.ref);
    if (batch) return [batch];
  }
  return messageLines(request, lineMaxBytes).map((line) => {
    // What the echo will carry: irc-framework unwraps CTCP ACTION.
    const raw = line.slice(line.indexOf(' :') + 2);
    return { lines: [line], text: raw.startsWith('\x01ACTION ') ? raw.slice(8, -1) : raw };
  });
}

/** The channel a user typed ("#chan", or "chan" meaning "#chan"), checked against the server's CHANTYPES. */
export function channelName(names: NameRules, room: string, password: string | undefined): string {
  const typed = room.trim();
  const name = names.isChannel(typed) ? typed : `#${typed}`;
  if (!names.isChannel(name) || !/^.[^\s,\x07\0]+$/.test(name) || /[\s,]/.test(password ?? '')) {
    throw new ProtocolError('protocol', `"${room}" is not a valid IRC channel name.`);
  }
  return name;
}

/** A nick the user typed, checked. */
export function directNick(contactId: string): string {
  const nick = contactId.trim();
  if (!/^[^\s,*?!@#&+:$][^\s,*?!@]*$/.test(nick)) {
    throw new ProtocolError('protocol', `"${contactId}" is not a valid IRC nickname.`);
  }
  return nick;
}
