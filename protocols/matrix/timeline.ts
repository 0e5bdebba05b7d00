/**
 * Room timeline events to protocol events (spec §Instant Messaging, §Event replacements,
 * §Redactions, §Event annotations and reactions, §Rich replies, §End-to-End Encryption).
 */
import type { IncomingMessage, MessageReference, SenderTrust } from '../api/index.js';
import { EventStatus, type MatrixEvent, type Room } from 'matrix-js-sdk';
import { EV, membershipOf, REL, typeOf } from './names.js';
import { mentionsSelfOf, parseMessageContent, parseStickerContent, relationOf } from './content.js';
import { oneLine } from './displayText.js';
import { handlePollEvent, isPollEvent, type PollTracker } from './polls.js';
import type { ReactionTracker } from './reactions.js';
import { announceConversation, displayNameOf } from './rooms.js';
import type { AccountState } from './state.js';
import { followTombstone } from './upgrades.js';

/** What the timeline needs besides the account state. */
export interface TimelineDeps {
  readonly reactions: ReactionTracker;
  /** The polls seen, for their votes (polls.ts); without it polls are not shown. */
  readonly polls?: PollTracker;
  /** Called with each room event seen, for catch-up bookkeeping. */
  noteSeen(room: Room, event: MatrixEvent): void;
  /** A state event changed the room: announce it once the sync batch is applied. */
  touch(room: Room, membership: boolean): void;
  /**
   * The events are paged back by a catch-up (wiring.ts), after newer live ones: their
   * messages say so (IncomingMessage.catchUp), and the core places them by server time.
   */
  readonly catchUp?: boolean;
}

/** The longest reaction key the core stores (protocolEventGuard.ts). */
const MAX_REACTION_KEY = 64;

const UNDECRYPTABLE_BODY = '🔒 This message could not be decrypted: this device does not have its key (yet).';

/**
 * The event's id and sender, or undefined when either is missing, empty or no string: the SDK
 * types them as strings but passes on whatever the server sent (found by the fuzzer).
 */
function idAndSender(event: MatrixEvent): { id: string; sender: string } | undefined {
  const id: unknown = event.getId();
  const sender: unknown = event.getSender();
  return typeof id === 'string' && id !== '' && typeof sender === 'string' ? { id, sender } : undefined;
}

/** The server's time of the event; the time we got it when that is no number. */
function timestampOf(event: MatrixEvent): number {
  const ts: unknown = event.getTs();
  return typeof ts === 'number' && Number.isFinite(ts) ? ts : Date.now();
}

/** True for events that are still our own local echo (not yet on the server). */
export function isLocalEcho(event: MatrixEvent): boolean {
  const id: unknown = event.getId();
  return typeof id !== 'string' || id.startsWith('~') || (event.status !== null && event.status !== EventStatus.SENT);
}

function replyReference(room: Room, eventId: string): MessageReference {
  const target = room.findEventById(eventId);
  const sender = target?.getSender();
  const body = target?.getContent<{ body?: unknown }>().body;
  return {
    networkId: eventId,
    ...(sender !== undefined ? { senderId: sender } : {}),
    ...(typeof body === 'string' ? { excerpt: body.slice(0, 140) } : {}),
  };
}

/**
 * The event's content with its relation: an encrypted event keeps `m.relates_to` in the
 * clear, outside the ciphertext (§End-to-End Encryption: "m.relates_to"), so that servers
 * can aggregate it (threads, edits).
 */
function contentWithRelation(event: MatrixEvent): Record<string, unknown> {
  const content = event.getContent<Record<string, unknown>>();
  const wireRelation: unknown = event.getWireContent()['m.relates_to'];
  return content['m.relates_to'] === undefined && wireRelation !== undefined ? { ...content, 'm.relates_to': wireRelation } : content;
}

/**
 * An event as a message, or undefined when it is not a message we show. `trust` is its
 * sender's device trust (trust.ts), worked out beforehand because the crypto answers async.
 */
export function messageOf(state: AccountState, room: Room, event: MatrixEvent, trust?: SenderTrust): IncomingMessage | undefined {
  const { id, sender } = idAndSender(event) ?? {};
  if (id === undefined || sender === undefined) return undefined;
  // The txnId is the core's localId (messages.ts): the server echoes it to the sending device only.
  const unsignedTxn = event.getUnsigned().transaction_id;
  const txnId = typeof unsignedTxn === 'string' ? unsignedTxn : event.getTxnId();
  const base = {
    conversationId: state.directory.conversationIdOf(room.roomId),
    networkId: id,
    senderId: sender,
    // The SDK's name for the sender is their display name as set (or "name (@id)"): one plain line here, as elsewhere.
    senderName: oneLine(event.sender?.name) || displayNameOf(state, sender, room),
    timestamp: timestampOf(event),
    ...(sender === state.selfId ? { fromSelf: true } : {}),
    ...(sender === state.selfId && txnId !== undefined ? { localId: txnId } : {}),
  };
  if (event.isDecryptionFailure()) {
    return { ...base, kind: 'text', body: UNDECRYPTABLE_BODY, undecryptable: true, encrypted: true };
  }
  if (typeOf(event) !== EV.message && typeOf(event) !== EV.sticker) return undefined;
  const content = contentWithRelation(event);
  const parsed = typeOf(event) === EV.sticker ? parseStickerContent(content) : parseMessageContent(content);
  if (!parsed) return undefined;
  const mentions = mentionsSelfOf(content, state.selfId);
  return {
    ...base,
    kind: parsed.kind,
    body: parsed.body,
    ...(parsed.html !== undefined ? { html: parsed.html } : {}),
    ...(parsed.attachments ? { attachments: parsed.attachments } : {}),
    ...(parsed.replyToId !== undefined ? { replyTo: replyReference(room, parsed.replyToId) } : {}),
    ...(parsed.threadRootId !== undefined ? { threadRootId: parsed.threadRootId } : {}),
    ...(mentions !== undefined && sender !== state.selfId ? { mentionsSelf: mentions } : {}),
    ...(event.isEncrypted() ? { encrypted: true } : {}),
    ...(trust !== undefined ? { senderTrust: trust } : {}),
  };
}

/** Handle one timeline event of a room the user is in (already decrypted, if it could be). */
export function handleTimelineEvent(state: AccountState, deps: TimelineDeps, room: Room, event: MatrixEvent, trust?: SenderTrust): void {
  if (isLocalEcho(event)) return;
  const { id, sender } = idAndSender(event) ?? {};
  if (id === undefined || sender === undefined) return;
  deps.noteSeen(room, event);
  const type = event.getType();
  if (type === EV.member || type === EV.name || type === EV.topic || type === EV.encryption || type === EV.canonicalAlias) {
    deps.touch(room, false); // announced when the sync batch is applied
    return;
  }
  if (type === EV.tombstone) {
    if (membershipOf(room) === 'join') void state.guard('following a room upgrade', () => followTombstone(state, room, event));
    return;
  }
  if (membershipOf(room) === 'join') announceConversation(state, room);
  const conversationId = state.directory.conversationIdOf(room.roomId);

  if (type === EV.redaction) {
    const target = event.event.redacts ?? event.getContent<{ redacts?: string }>().redacts;
    if (typeof target !== 'string') return;
    const reaction = deps.reactions.remove(target);
    if (reaction) {
      state.emit({
        type: 'reactions.changed', conversationId, targetNetworkId: reaction.target, senderId: reaction.sender,
        senderName: displayNameOf(state, reaction.sender, room), reactions: reaction.reactions,
      });
    } else {
      state.emit({ type: 'message.deleted', conversationId, targetNetworkId: target, senderId: sender });
    }
    return;
  }

  if (event.isRedacted()) {
    // Already redacted when we first see it (catch-up, history): only a placeholder remains.
    if (type === EV.message) state.emit({ type: 'message.deleted', conversationId, targetNetworkId: id });
    return;
  }

  if (isPollEvent(type)) {
    if (deps.polls) handlePollEvent(state, deps.polls, room, event, deps.catchUp === true);
    return;
  }

  const relation = relationOf(event.getContent());
  if (type === EV.reaction) {
    // The core keeps keys of 1 to 64 characters: a longer one would cost the sender's whole set.
    if (relation?.relType !== REL.annotation || relation.key === undefined || relation.key === '' || relation.key.length > MAX_REACTION_KEY) return;
    const reactions = deps.reactions.add(id, { target: relation.eventId, sender, key: relation.key });
    if (reactions) {
      state.emit({
        type: 'reactions.changed', conversationId, targetNetworkId: relation.eventId, senderId: sender,
        senderName: displayNameOf(state, sender, room), reactions,
      });
    }
    return;
  }

  if (type === EV.message && relation?.relType === REL.replace) {
    const replacement = parseMessageContent(event.getContent()['m.new_content']);
    if (!replacement) return;
    state.emit({
      type: 'message.edited', conversationId, targetNetworkId: relation.eventId, senderId: sender,
      body: replacement.body, timestamp: timestampOf(event),
      ...(replacement.html !== undefined ? { html: replacement.html } : {}),
    });
    return;
  }

  const message = messageOf(state, room, event, trust);
  if (message) state.emit({ type: 'message.received', message: deps.catchUp === true ? { ...message, catchUp: true } : message });
}

/**
 * A message that failed to decrypt at first and was decrypted later (its key arrived): it
 * replaces the placeholder as it is, not as a correction, since its sender changed nothing.
 * An edit or reaction that arrives late is handled like a live one.
 */
export function handleLateDecryption(state: AccountState, deps: TimelineDeps, room: Room, event: MatrixEvent, trust?: SenderTrust): void {
  const relation = relationOf(event.getContent());
  if (typeOf(event) !== EV.message || relation?.relType === REL.replace) {
    handleTimelineEvent(state, deps, room, event, trust);
    return;
  }
  const message = messageOf(state, room, event, trust);
  const networkId = message?.networkId;
  if (!message || networkId === undefined || message.undecryptable) return;
  state.emit({ type: 'message.decrypted', message: { ...message, networkId } });
}
