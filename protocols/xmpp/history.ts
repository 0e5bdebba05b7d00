/**
 * Server history (XEP-0313): catch-up of our archive and of each joined room's archive,
 * and scroll-back pages. Archived messages take the same paths as live ones, so ids and
 * dedup work the same (XEP-0359).
 */
import { BoundedMap, type HistoryPage, type HistoryRequest, type IncomingMessage } from '../api/index.js';
import type { XmppCore } from './core.js';
import { directNetworkId } from './chat.js';
import type { Features } from './features.js';
import { bare } from './jid.js';
import type { ArchiveGap, ArchivedMessage } from './mam.js';
import { parseMessage, senderMessageId } from './messageParse.js';
import type { Room } from './mucState.js';
import { NS, attr, child } from './xml.js';

const MAX_PAGE = 200;

export class History {
  /** One-to-one network ids → our archive's ids, for paging with RSM. */
  private readonly archiveIds = new BoundedMap<string, string>(20_000);

  constructor(private readonly core: XmppCore, private readonly features: Features) {}

  /** Which direct conversation an archived message belongs to, and its network id there. */
  private placeDirect(archived: ArchivedMessage): { readonly parsed: ReturnType<typeof parseMessage>; readonly outgoing: boolean; readonly peer: string; readonly networkId?: string } | undefined {
    const parsed = parseMessage(archived.message);
    if (parsed.type === 'groupchat' || parsed.type === 'error') return undefined;
    const self = this.core.selfBare;
    const fromBare = bare(parsed.from) ?? self;
    const outgoing = fromBare === self;
    const other = outgoing ? parsed.to : parsed.from;
    const otherBare = bare(other);
    if (!otherBare) return undefined;
    // A room's private message keeps its occupant JID as the conversation.
    const peer = this.features.rooms.get(otherBare) && other && other !== otherBare ? other : otherBare;
    const networkId = directNetworkId(parsed, self, archived.archiveId);
    return { parsed, outgoing, peer, ...(networkId !== undefined ? { networkId } : {}) };
  }

  deliverDirect(archived: ArchivedMessage, collect?: IncomingMessage[]): void {
    const placed = this.placeDirect(archived);
    if (!placed) return;
    const { parsed, outgoing, peer, networkId } = placed;
    // Our own message from this installation, caught up after a drop: the core already has
    // it, sent (acked) or failed. Its copy in our archive does not prove delivery: Prosody
    // archives the sender's copy before routing, and a server killed in between never
    // delivered it (the server-kill fault test lost such messages when this confirmed
    // them). A failed one stays failed; Retry resends its origin-id, which receivers dedup.
    if (outgoing && !collect && this.core.wireIds.toLocal(senderMessageId(parsed)) !== undefined) return;
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

  /**
   * After login: what our archive got since we last saw it (XEP-0313 §4), before the live
   * one-to-one messages that arrived meanwhile.
   */
  async catchUpDirect(): Promise<number> {
    try {
      return await this.features.archive.catchUp('mam.self', undefined, (archived) => this.deliverDirect(archived), (gap) => this.directGap(gap));
    } finally {
      // What came live meanwhile is newer than all of it: now it may follow (liveHold.ts).
      this.features.liveHold.release();
    }
  }

  /**
   * A hole in our own archive's catch-up. The archive mixes every one-to-one conversation, so
   * each conversation seen on either side of the hole gets a gap: from its last message before
   * the hole (else the hole's start) to its first one after (else the newest page's start).
   * A conversation active only inside the hole cannot be named without fetching it.
   */
  private directGap(gap: ArchiveGap): void {
    const start = gap.after;
    const end = gap.newest[0];
    const endAt = end?.timestamp ?? Date.now();
    const lastBefore = new Map<string, { networkId?: string; timestamp: number }>();
    for (const archived of gap.delivered) {
      const placed = this.placeDirect(archived);
      if (placed) lastBefore.set(placed.peer, { ...(placed.networkId !== undefined ? { networkId: placed.networkId } : {}), timestamp: archived.timestamp ?? endAt });
    }
    const firstAfter = new Map<string, { networkId?: string; timestamp: number }>();
    for (const archived of gap.newest) {
      const placed = this.placeDirect(archived);
      if (placed && !firstAfter.has(placed.peer)) firstAfter.set(placed.peer, { ...(placed.networkId !== undefined ? { networkId: placed.networkId } : {}), timestamp: archived.timestamp ?? endAt });
    }
    for (const peer of new Set([...lastBefore.keys(), ...firstAfter.keys()])) {
      const after = lastBefore.get(peer) ?? (start ? { timestamp: start.timestamp } : undefined);
      this.core.emit({
        type: 'history.gap', conversationId: peer, reason: gap.reason,
        ...(after ? { after } : {}),
        before: firstAfter.get(peer) ?? { timestamp: endAt },
      });
    }
  }

  /** A hole in a room's catch-up: room message ids are the room archive's ids (XEP-0359). */
  private roomGap(room: Room, gap: ArchiveGap): void {
    const end = gap.newest[0];
    this.core.emit({
      type: 'history.gap', conversationId: room.jid, reason: gap.reason,
      ...(gap.after ? { after: { ...(gap.after.archiveId !== undefined ? { networkId: gap.after.archiveId } : {}), timestamp: gap.after.timestamp } } : {}),
      before: end ? { networkId: end.archiveId, timestamp: end.timestamp ?? Date.now() } : { timestamp: Date.now() },
    });
  }

  /** After joining: what the room said since we last saw it. */
  async catchUpRoom(room: Room): Promise<void> {
    if (!room.archived) return;
    try {
      const count = await this.features.archive.catchUp(`mam.room.${room.jid}`, room.jid, (archived) => this.deliverRoom(room, archived), (gap) => this.roomGap(room, gap));
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
