/**
 * Room messages (XEP-0045 §7.4–§8.1): bodies with the room's stanza-id as network id
 * (XEP-0359), our reflected messages as confirmations, subjects as topics, corrections,
 * reactions and chat states in rooms; and what we send to rooms.
 */
import { ProtocolError, type IncomingMessage } from '../api/index.js';
import type { XmppCore } from './core.js';
import { bare, resourceOf } from './jid.js';
import { htmlField, stylingToHtml } from './messageStyling.js';
import { attachmentFor, senderMessageId, splitAction, stanzaIdBy, type ParsedMessage } from './messageParse.js';
import type { Room } from './mucState.js';
import { encryptionFields } from './omemo/outcome.js';
import { applyRetraction, RoomAuthors } from './retraction.js';
import { xml } from './xml.js';

const TYPING: Record<string, 'active' | 'paused' | 'done'> = {
  composing: 'active', paused: 'paused', active: 'done', inactive: 'done', gone: 'done',
};

export interface RoomInput {
  readonly parsed: ParsedMessage;
  readonly source: 'live' | 'archive';
  readonly archiveId?: string;
  readonly timestamp?: number;
  /** Real JID from the archive's muc#user item (XEP-0313 §6.1.2 in non-anonymous rooms). */
  readonly realJid?: string;
  /** Collect the message here instead of emitting it (a history page). */
  readonly collect?: IncomingMessage[];
}

export class RoomMessages {
  private readonly authors = new RoomAuthors();

  constructor(private readonly core: XmppCore) {}

  /** Handle a groupchat message of a room we know; returns the message emitted, if any. */
  onMessage(room: Room, input: RoomInput): IncomingMessage | undefined {
    const { parsed } = input;
    const nick = resourceOf(parsed.from);
    const self = this.core.selfBare;
    const timestamp = input.timestamp ?? parsed.delayedAt ?? Date.now();
    const networkId = stanzaIdBy(parsed, room.jid) ?? input.archiveId;
    const ownId = senderMessageId(parsed);
    if (ownId !== undefined && networkId !== undefined) {
      room.stanzaIds.set(ownId, networkId);
      room.senderIds.set(networkId, ownId);
    }

    // §8.1: a subject change (a message with <subject/> and no body).
    if (parsed.subject !== undefined && parsed.body === undefined) {
      const topic = parsed.subject.trim().slice(0, 10_000);
      const changed = room.topic !== topic;
      room.topic = topic;
      this.core.emit({ type: 'conversation.upserted', conversation: room.conversation() });
      if (room.subjectSeen && changed && nick) {
        this.event(room, nick, topic ? `${nick} set the topic to ${topic}` : `${nick} cleared the topic`);
      }
      room.subjectSeen = true;
      return undefined;
    }

    const fromUs = (nick !== undefined && nick === room.nick) || this.core.wireIds.toLocal(ownId) !== undefined;
    const senderId = nick === undefined ? room.jid : fromUs ? self : input.realJid ?? room.memberId(nick, self);
    const senderName = nick ?? room.title;

    if (input.source === 'live' && parsed.chatState && parsed.body === undefined && nick && !fromUs) {
      this.core.emit({ type: 'typing', conversationId: room.jid, participantId: senderId, state: TYPING[parsed.chatState] ?? 'done' });
    }
    if (parsed.reactions && nick) {
      this.core.emit({ type: 'reactions.changed', conversationId: room.jid, targetNetworkId: parsed.reactions.id, senderId, senderName, reactions: parsed.reactions.emojis });
    }
    if (parsed.displayedId && nick && !fromUs) {
      this.core.emit({ type: 'receipt', conversationId: room.jid, networkId: parsed.displayedId, participantId: senderId, kind: 'read' });
    }
    if (parsed.retractId !== undefined && nick) {
      // XEP-0424 §5.1/§7: the room's stanza-id of a message this occupant wrote.
      if (fromUs || this.authors.wrote(room.jid, parsed.retractId, senderId)) applyRetraction((event) => this.core.emit(event), room.jid, parsed.retractId, senderId, input.collect);
      return undefined;
    }
    const rawBody = parsed.body;
    if (rawBody === undefined || (rawBody.trim() === '' && !parsed.oob)) return undefined;
    if (networkId !== undefined) this.authors.note(room.jid, networkId, senderId);

    if (parsed.replaceId) {
      this.core.emit({
        type: 'message.edited', conversationId: room.jid, targetNetworkId: room.stanzaIds.get(parsed.replaceId) ?? parsed.replaceId,
        senderId, body: rawBody, timestamp, ...htmlField(stylingToHtml(rawBody, parsed.unstyled)),
      });
      return undefined;
    }
    // Our own message reflected by the room: the confirmation, with the room's id for it.
    const localId = fromUs ? this.core.wireIds.toLocal(ownId) : undefined;
    if (localId !== undefined && ownId !== undefined && room.pending.delete(ownId)) {
      this.core.emit({ type: 'message.confirmed', localId, timestamp, ...(networkId !== undefined ? { networkId } : {}) });
      return undefined;
    }
    const { kind, body } = splitAction(rawBody);
    const attachment = attachmentFor(parsed);
    const message: IncomingMessage = {
      conversationId: room.jid,
      senderId,
      senderName,
      kind: nick === undefined ? 'notice' : kind,
      body,
      timestamp,
      ...htmlField(stylingToHtml(body, parsed.unstyled)),
      ...(networkId !== undefined ? { networkId } : {}),
      ...(fromUs ? { fromSelf: true } : {}),
      ...(localId !== undefined ? { localId } : {}),
      ...(parsed.reply ? { replyTo: { networkId: parsed.reply.id, ...(parsed.reply.to ? { senderId: this.replySender(room, parsed.reply.to) } : {}) } } : {}),
      ...(attachment ? { attachments: [attachment] } : {}),
      ...encryptionFields(parsed.decryption),
      // Not live: the room archive's catch-up after a join (XEP-0313), or the discussion
      // history a room without an archive sends on join, delayed (XEP-0045 §7.2.15). The core
      // places it by its time among what it has (API 0.4).
      ...(!input.collect && (input.source === 'archive' || parsed.delayedAt !== undefined) ? { catchUp: true } : {}),
    };
    if (input.collect) input.collect.push(message);
    else this.core.emit({ type: 'message.received', message });
    return message;
  }

  private replySender(room: Room, to: string): string {
    const nick = bare(to) === room.jid ? resourceOf(to) : undefined;
    return nick ? room.memberId(nick, this.core.selfBare) : bare(to) ?? to;
  }

  private event(room: Room, nick: string, body: string): void {
    this.core.emit({
      type: 'message.received',
      message: { conversationId: room.jid, senderId: room.memberId(nick, this.core.selfBare), senderName: nick, kind: 'event', body, timestamp: Date.now() },
    });
  }

  /** §8.1: change the subject. */
  async setTopic(room: Room, topic: string): Promise<void> {
    if (topic.length > 10_000) throw new ProtocolError('protocol', 'The topic is too long.');
    await this.core.send(xml('message', { to: room.jid, type: 'groupchat' }, xml('subject', {}, topic)));
  }
}
