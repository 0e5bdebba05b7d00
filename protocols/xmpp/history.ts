/**
 * Server history (XEP-0313): catch-up of our archive and of each joined room's archive,
 * and scroll-back pages. Archived messages take the same paths as live ones, so ids and
 * dedup work the same (XEP-0359).
 */
import type { HistoryPage, HistoryRequest, IncomingMessage } from '../api/index.js';
import { BoundedMap, type XmppCore } from './core.js';
import { directNetworkId } from './chat.js';
import type { Features } from './features.js';
import { bare } from './jid.js';
import type { ArchivedMessage } from './mam.js';
import { parseMessage, senderMessageId } from './messageParse.js';
import type { Room } from './mucState.js';
import { NS, attr, child } from './xml.js';

const MAX_PAGE = 200;

export class History {
  /** One-to-one network ids → our archive's ids, for paging with RSM. */
  private readonly archiveIds = new BoundedMap<string, string>(20_000);

  constructor(private readonly core: XmppCore, private readonly features: Features) {}

  deliverDirect(archived: ArchivedMessage, collect?: IncomingMessage[]): void {
    const parsed = parseMessage(archived.message);
    if (parsed.type === 'groupchat' || parsed.type === 'error') return;
    const self = this.core.selfBare;
    const fromBare = bare(parsed.from) ?? self;
    const outgoing = fromBare === self;
    const other = outgoing ? parsed.to : parsed.from;
    const otherBare = bare(other);
    if (!otherBare) return;
    // A room's private message keeps its occupant JID as the conversation.
    const peer = this.features.rooms.get(otherBare) && other && other !== otherBare ? other : otherBare;
    // Our own message from this installation, caught up after a drop: the core already has
    // it, sent (acked) or failed. Its copy in our archive does not prove delivery: Prosody
    // archives the sender's copy before routing, and a server killed in between never
    // delivered it (the server-kill fault test lost such messages when this confirmed
    // them). A failed one stays failed; Retry resends its origin-id, which receivers dedup.
    if (outgoing && !collect && this.core.wireIds.toLocal(senderMessageId(parsed)) !== undefined) return;
    const networkId = directNetworkId(parsed, self, archived.archiveId);
    if (networkId !== undefined) this.archiveIds.set(networkId, archived.archiveId);
    this.features.chats.onMessage({
      parsed, outgoing, source: 'archive', peer, archiveId: archived.archiveId,
      ...(archived.timestamp !== undefined ? { timestamp: archived.timestamp } : {}),
      ...(collect ? { collect } : {}),
    });
  }

  deliverRoom(room: Room, archived: ArchivedMessage, collect?: IncomingMessage[]): void {
    const parsed = parseMessage(archived.message);
    if (parsed.type === 'error') return;
    const item = child(child(archived.message, 'x', NS.mucUser), 'item', NS.mucUser);
    const realJid = bare(item ? attr(item, 'jid') : undefined);
    this.features.roomMessages.onMessage(room, {
      parsed, source: 'archive', archiveId: archived.archiveId,
      ...(archived.timestamp !== undefined ? { timestamp: archived.timestamp } : {}),
      ...(realJid ? { realJid } : {}),
      ...(collect ? { collect } : {}),
    });
  }

  /** After joining: what the room said since we last saw it. */
  async catchUpRoom(room: Room): Promise<void> {
    if (!room.archived) return;
    try {
      const count = await this.features.archive.catchUp(`mam.room.${room.jid}`, room.jid, (archived) => this.deliverRoom(room, archived));
      this.core.log.info(`XMPP: caught up ${count} message(s) in ${room.jid}`);
    } catch (error: unknown) {
      this.core.log.info(`XMPP: no catch-up for ${room.jid}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Scroll-back: one page older than `request.before`, oldest first. */
  async page(request: HistoryRequest): Promise<HistoryPage> {
    const max = Math.max(1, Math.min(MAX_PAGE, Math.floor(request.limit)));
    const collected: IncomingMessage[] = [];
    const room = this.features.rooms.get(request.conversationId);
    let complete: boolean;
    if (room) {
      const beforeId = request.before?.networkId;
      let result;
      try {
        result = await this.features.archive.query({ archive: room.jid, before: beforeId ?? '', max });
      } catch (error: unknown) {
        if (beforeId === undefined || request.before === undefined) throw error;
        result = await this.features.archive.query({ archive: room.jid, before: '', end: request.before.timestamp, max });
      }
      for (const archived of result.messages) this.deliverRoom(room, archived, collected);
      complete = result.complete;
    } else {
      const archiveId = request.before?.networkId !== undefined ? this.archiveIds.get(request.before.networkId) : undefined;
      const result = await this.features.archive.query({
        with: request.conversationId, before: archiveId ?? '', max,
        ...(archiveId === undefined && request.before ? { end: request.before.timestamp } : {}),
      });
      for (const archived of result.messages) this.deliverDirect(archived, collected);
      complete = result.complete;
    }
    collected.sort((a, b) => a.timestamp - b.timestamp);
    return { messages: collected, complete };
  }
}
