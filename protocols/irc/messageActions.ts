/**
 * What IRCv3 lets one do to a message already sent, both ways:
 * - replies: the `+draft/reply=<msgid>` client tag (https://ircv3.net/specs/client-tags/reply;
 *   `+reply` read too) on a PRIVMSG;
 * - reactions: a TAGMSG with `+draft/react=<emoji>` and `+draft/reply=<msgid>`
 *   (https://ircv3.net/specs/client-tags/react). IRC sends each reaction on its own, the app
 *   keeps a person's set per message, so the sets are kept here; a reaction taken back is
 *   sent as `+draft/unreact` (proposed beside the react spec; servers relay any client tag);
 * - deletion: `REDACT <target> <msgid> [:reason]` with the `draft/message-redaction` capability
 *   (https://ircv3.net/specs/extensions/message-redaction);
 * - typing: the `+typing` client tag (https://ircv3.net/specs/client-tags/typing).
 * Client tags need `message-tags` and may be refused by ISUPPORT CLIENTTAGDENY.
 */
import type { IrcMessage } from 'irc-framework';
import { ProtocolError, type ProtocolEvent } from '../api/index.js';
import type { NameRules } from './names.js';
import { directNick } from './outgoing.js';
import { stripFormatting } from './formatting.js';

/** Messages whose reactions we keep (per conversation, message and person). */
const KEPT_REACTIONS = 5_000;
/** An emoji sequence is short; a longer tag value is no reaction. */
const MAX_REACTION_BYTES = 64;

export interface ActionsHost {
  readonly emit: (event: ProtocolEvent) => void;
  readonly names: NameRules;
  readonly send: (line: string) => void;
  readonly selfNick: () => string;
  readonly hasCap: (name: string) => boolean;
  /** ISUPPORT CLIENTTAGDENY as irc-framework keeps it (a list, or a string). */
  readonly clientTagDeny: () => unknown;
}

/** The message a line answers: its reply tag's msgid. */
export function replyTarget(tags: Readonly<Record<string, string | true>> | undefined): string | undefined {
  const value = tags?.['+draft/reply'] ?? tags?.['+reply'];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A tag value escaped as the message-tags spec says (`\:` for ;, `\s` for space, `\\`, `\r`, `\n`). */
export function escapeTagValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\:').replace(/ /g, '\\s').replace(/\r/g, '\\r').replace(/\n/g, '\\n');
}

export class MessageActions {
  /** "conversation msgid sender" → that person's reactions, oldest entries dropped first. */
  private readonly reactions = new Map<string, Set<string>>();

  constructor(private readonly host: ActionsHost) {}

  /** Whether the server relays this client tag (message-tags on, not in CLIENTTAGDENY). */
  allows(tag: string): boolean {
    if (!this.host.hasCap('message-tags')) return false;
    const denied = this.host.clientTagDeny();
    const list = Array.isArray(denied) ? denied.filter((t): t is string => typeof t === 'string') : typeof denied === 'string' ? denied.split(',') : [];
    // CLIENTTAGDENY=*,-reply denies all but reply; names are without the leading +.
    const name = tag.replace(/^\+/, '');
    if (list.includes(`-${name}`)) return true;
    return !list.some((entry) => entry === '*' || entry === name || entry === `+${name}`);
  }

  /** The conversation a line to `target` from `nick` belongs to. */
  private conversationOf(target: string, nick: string): string {
    return this.host.names.isChannel(target) ? this.host.names.fold(target) : this.host.names.fold(nick);
  }

  private isSelf(nick: string): boolean {
    return this.host.names.fold(nick) === this.host.names.fold(this.host.selfNick());
  }

  /** TAGMSG (https://ircv3.net/specs/extensions/message-tags#the-tagmsg-tag-only-message): typing or a reaction. */
  onTagmsg(message: IrcMessage): void {
    const nick = message.nick ?? '';
    const target = message.params[0] ?? '';
    if (!nick || !target) return;
    // Our own reaction echoed back (echo-message) goes to the other person's chat, not ours.
    const conversationId = this.isSelf(nick) && !this.host.names.isChannel(target) ? this.host.names.fold(target) : this.conversationOf(target, nick);
    const typing = message.tags['+typing'] ?? message.tags['+draft/typing'];
    if (!this.isSelf(nick) && (typing === 'active' || typing === 'paused' || typing === 'done')) {
      this.host.emit({ type: 'typing', conversationId, participantId: this.host.names.fold(nick), state: typing });
    }
    const replyTo = replyTarget(message.tags);
    const react = message.tags['+draft/react'];
    const unreact = message.tags['+draft/unreact'];
    if (replyTo === undefined) return;
    if (typeof react === 'string') this.changeReaction(conversationId, replyTo, nick, react, true);
    if (typeof unreact === 'string') this.changeReaction(conversationId, replyTo, nick, unreact, false);
  }

  private changeReaction(conversationId: string, msgid: string, nick: string, emoji: string, add: boolean): void {
    if (emoji === '' || Buffer.byteLength(emoji) > MAX_REACTION_BYTES) return;
    const senderId = this.host.names.fold(nick);
    const set = this.reactionsOf(conversationId, msgid, senderId);
    if (add === set.has(emoji)) return;
    if (add) set.add(emoji);
    else set.delete(emoji);
    this.host.emit({ type: 'reactions.changed', conversationId, targetNetworkId: msgid, senderId, senderName: stripFormatting(nick), reactions: [...set] });
  }

  private reactionsOf(conversationId: string, msgid: string, senderId: string): Set<string> {
    const key = `${conversationId} ${msgid} ${senderId}`;
    let set = this.reactions.get(key);
    if (!set) {
      set = new Set();
      this.reactions.set(key, set);
      if (this.reactions.size > KEPT_REACTIONS) {
        const oldest = this.reactions.keys().next();
        if (!oldest.done) this.reactions.delete(oldest.value);
      }
    }
    return set;
  }

  /** REDACT <target> <msgid> [:reason] from anyone (the server checks who may). */
  onRedact(message: IrcMessage): void {
    const [target = '', msgid = ''] = message.params;
    const nick = message.nick ?? '';
    if (!target || !msgid || !nick) return;
    const conversationId = this.isSelf(nick) && !this.host.names.isChannel(target) ? this.host.names.fold(target) : this.conversationOf(target, nick);
    this.host.emit({ type: 'message.deleted', conversationId, targetNetworkId: msgid, senderId: this.host.names.fold(nick) });
  }

  /** Make our reactions to a message this set: a TAGMSG for each one added or taken back. */
  react(conversationId: string, msgid: string, wanted: readonly string[]): void {
    if (!this.allows('+draft/react')) throw new ProtocolError('not-supported', 'This server does not pass reactions on (it has no message-tags).');
    const target = this.targetOf(conversationId);
    const self = this.host.names.fold(this.host.selfNick());
    const set = this.reactionsOf(this.host.names.fold(conversationId), msgid, self);
    const reply = `+draft/reply=${escapeTagValue(msgid)}`;
    for (const emoji of wanted) {
      if (set.has(emoji) || emoji === '' || Buffer.byteLength(emoji) > MAX_REACTION_BYTES) continue;
      set.add(emoji);
      this.host.send(`@${reply};+draft/react=${escapeTagValue(emoji)} TAGMSG ${target}`);
    }
    for (const emoji of [...set]) {
      if (wanted.includes(emoji)) continue;
      set.delete(emoji);
      this.host.send(`@${reply};+draft/unreact=${escapeTagValue(emoji)} TAGMSG ${target}`);
    }
  }

  /** REDACT one of our messages (or, for an operator, anyone's where the server allows it). */
  redact(conversationId: string, msgid: string): void {
    if (!this.host.hasCap('draft/message-redaction')) throw new ProtocolError('not-supported', 'This server cannot delete messages (no message-redaction).');
    if (/[\s\0]/.test(msgid) || msgid === '') throw new ProtocolError('protocol', 'This message has no id the server knows.');
    this.host.send(`REDACT ${this.targetOf(conversationId)} ${msgid}`);
  }

  private targetOf(conversationId: string): string {
    return this.host.names.isChannel(conversationId) ? conversationId : directNick(conversationId);
  }
}
