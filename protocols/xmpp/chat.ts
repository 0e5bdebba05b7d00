/**
 * One-to-one chat: incoming and carbon-copied messages (RFC 6121 §5, XEP-0280), chat states
 * (XEP-0085), delivery receipts (XEP-0184), displayed markers (XEP-0333), corrections
 * (XEP-0308), reactions (XEP-0444) and replies (XEP-0461), turned into events. The same
 * path serves archive results (XEP-0313), which never trigger receipts or typing.
 */
import type { IncomingMessage, ProtocolEvent } from '../api/index.js';
import type { XmppCore } from './core.js';
import { bare } from './jid.js';
import { htmlField, stylingToHtml } from './messageStyling.js';
import { attachmentFor, senderMessageId, splitAction, stanzaIdBy, type ParsedMessage } from './messageParse.js';
import { encryptionFields } from './omemo/outcome.js';
import type { LiveHold } from './liveHold.js';
import { applyRetraction } from './retraction.js';
import { NS, xml } from './xml.js';

export interface DirectInput {
  readonly parsed: ParsedMessage;
  /** We sent it (a sent carbon, an outgoing archived message). */
  readonly outgoing: boolean;
  readonly source: 'live' | 'carbon' | 'archive';
  /** The other party's id: a bare JID, or an occupant JID for a room's private message. */
  readonly peer: string;
  /** Archive result id (XEP-0313) when from the archive. */
  readonly archiveId?: string;
  /** Time from the forwarding wrapper (XEP-0297 delay). */
  readonly timestamp?: number;
  /** Collect the message here instead of emitting it (a history page). */
  readonly collect?: IncomingMessage[];
}

const TYPING: Record<string, 'active' | 'paused' | 'done'> = {
  composing: 'active', paused: 'paused', active: 'done', inactive: 'done', gone: 'done',
};

/**
 * The network id of a one-to-one message: the sender's id (origin-id, else id), which is
 * the same live, in carbons, in both parties' archives, and what receipts, markers,
 * corrections, reactions and replies refer to (XEP-0184 §5.2, XEP-0333 §4, XEP-0308 §3,
 * XEP-0444 §3, XEP-0461 §3). Our archive's stanza-id only when the sender set no id.
 */
export function directNetworkId(message: ParsedMessage, selfBare: string, archiveId?: string): string | undefined {
  return senderMessageId(message) ?? stanzaIdBy(message, selfBare) ?? archiveId;
}

export class DirectChats {
  constructor(
    private readonly core: XmppCore,
    /** Whether we may tell this contact that we received their message (privacy). */
    private readonly mayReceipt: (jid: string) => boolean,
    /** Live messages wait here for the session's archive catch-up (see liveHold.ts). */
    private readonly liveHold: LiveHold,
    /** A message's network id and our archive's stanza-id for it (XEP-0490 markers refer to the latter). */
    private readonly noteArchived?: (peer: string, networkId: string, archiveId: string) => void,
  ) {}

  /** Returns the message it emitted, if any (for archive collection). */
  onMessage(input: DirectInput): IncomingMessage | undefined {
    const { parsed, outgoing, source, peer } = input;
    const self = this.core.selfBare;
    const sender = outgoing ? self : peer;
    const timestamp = input.timestamp ?? parsed.delayedAt ?? Date.now();
    const live = source !== 'archive' && parsed.delayedAt === undefined;
    // Archived ones go out at once (they are the catch-up); live ones, receipts and edits
    // included, keep their order behind it.
    const emit = (event: ProtocolEvent): void => {
      if (source === 'archive') this.liveHold.emitArchived(event);
      else this.liveHold.emit(event);
    };

    if (!outgoing && source === 'live' && parsed.chatState && parsed.body === undefined) {
      this.core.emit({ type: 'typing', conversationId: peer, participantId: peer, state: TYPING[parsed.chatState] ?? 'done' });
    }
    if (!outgoing && parsed.receivedId) {
      emit({ type: 'receipt', conversationId: peer, networkId: parsed.receivedId, participantId: peer, kind: 'delivered' });
    }
    if (!outgoing && parsed.displayedId) {
      emit({ type: 'receipt', conversationId: peer, networkId: parsed.displayedId, participantId: peer, kind: 'read' });
    }
    if (parsed.reactions) {
      this.core.ensureDirect(peer);
      emit({
        type: 'reactions.changed', conversationId: peer, targetNetworkId: parsed.reactions.id, senderId: sender,
        senderName: outgoing ? this.core.nameOf(self) : this.core.nameOf(peer), reactions: parsed.reactions.emojis,
      });
    }
    if (parsed.retractId !== undefined) {
      // XEP-0424 §7: a contact retracts only their own messages, never ours (our wire ids).
      if (outgoing || this.core.wireIds.toLocal(parsed.retractId) === undefined) applyRetraction(emit, peer, parsed.retractId, sender, input.collect);
      return undefined;
    }
    const rawBody = parsed.body;
    if (rawBody === undefined || (rawBody.trim() === '' && !parsed.oob)) return undefined;

    this.core.ensureDirect(peer);
    if (parsed.replaceId) {
      emit({ type: 'message.edited', conversationId: peer, targetNetworkId: parsed.replaceId, senderId: sender, body: rawBody, timestamp, ...htmlField(stylingToHtml(rawBody, parsed.unstyled)) });
      return undefined;
    }
    const { kind, body } = splitAction(rawBody);
    const networkId = directNetworkId(parsed, self, input.archiveId);
    const archiveId = stanzaIdBy(parsed, self) ?? input.archiveId;
    if (networkId !== undefined && archiveId !== undefined) this.noteArchived?.(peer, networkId, archiveId);
    const localId = outgoing ? this.core.wireIds.toLocal(senderMessageId(parsed)) : undefined;
    const attachment = attachmentFor(parsed);
    const message: IncomingMessage = {
      conversationId: peer,
      senderId: sender,
      senderName: this.core.nameOf(sender),
      kind,
      body,
      timestamp,
      ...htmlField(stylingToHtml(body, parsed.unstyled)),
      ...(networkId !== undefined ? { networkId } : {}),
      ...(outgoing ? { fromSelf: true } : {}),
      ...(localId !== undefined ? { localId } : {}),
      ...(parsed.reply ? { replyTo: { networkId: parsed.reply.id, ...(parsed.reply.to ? { senderId: bare(parsed.reply.to) ?? parsed.reply.to } : {}) } } : {}),
      ...(attachment ? { attachments: [attachment] } : {}),
      ...encryptionFields(parsed.decryption),
      // The archive catch-up after a (re)connect (XEP-0313): the core places it by the
      // archive's time among what it stored before (API 0.4); the new stream's live
      // messages wait for it (liveHold.ts), and its times for the position (mam.ts).
      ...(source === 'archive' && !input.collect ? { catchUp: true } : {}),
    };
    if (input.collect) input.collect.push(message);
    else emit({ type: 'message.received', message });

    // XEP-0184 §5.2: acknowledge with the message's id; only live, only to people we talk to.
    if (!outgoing && source === 'live' && live && parsed.receiptRequested && parsed.id && parsed.from && this.mayReceipt(peer)) {
      void this.core.send(xml('message', { to: parsed.from, id: `r-${parsed.id}`.slice(0, 200) }, xml('received', { xmlns: NS.receipts, id: parsed.id }), xml('store', { xmlns: NS.hints })))
        .catch((error: unknown) => this.core.log.debug(`XMPP: receipt not sent: ${String(error)}`));
    }
    return message;
  }
}
