/**
 * XEP-0490 message displayed synchronization: where the user has read up to in each
 * conversation, shared between their own devices through a private PEP node
 * (`urn:xmpp:mds:displayed:0`, one item per conversation JID, holding the XEP-0359
 * stanza-id of the last message read: the room's in rooms, our own archive's in one-to-one
 * chats, §4). Published when the user reads here; a marker from another device (a
 * notification, §5, or the items read after login) is a `read` receipt from the account's
 * own id, which the core takes as "read elsewhere" and clears the unread count with.
 */
import { BoundedMap } from '../api/index.js';
import type { XmppCore } from './core.js';
import { optionsForm } from './bookmarks.js';
import { bare } from './jid.js';
import { NS, attr, child, children, xml, type Element } from './xml.js';

export const MDS_NS = 'urn:xmpp:mds:displayed:0';
/** §4: private, persistent, every conversation kept, nothing pushed at login. */
const PUBLISH_OPTIONS = [
  ['pubsub#persist_items', 'true'], ['pubsub#access_model', 'whitelist'],
  ['pubsub#max_items', 'max'], ['pubsub#send_last_published_item', 'never'],
] as const;
/** What a server whose publish-options know fewer fields gets (see bookmarks.ts). */
const FEW_OPTIONS = PUBLISH_OPTIONS.slice(0, 2);
/** One-to-one messages whose archive id we remember (oldest forgotten first). */
const MAX_KNOWN = 20_000;
const MAX_ITEMS = 5_000;

export class DisplayedSync {
  /** `peer \n network id` → our archive's stanza-id, and back. */
  private readonly archiveIds = new BoundedMap<string, string>(MAX_KNOWN);
  private readonly networkIds = new BoundedMap<string, string>(MAX_KNOWN);
  /** The stanza-id last published or applied per conversation (our own notification is not news). */
  private readonly last = new Map<string, string>();
  /** The markers read at login, kept for rooms joined (and caught up) later. */
  private readonly stored = new Map<string, { readonly by: string; readonly id: string }>();
  private fewOptions = false;

  constructor(private readonly core: XmppCore, private readonly isRoom: (jid: string) => boolean) {}

  /** A one-to-one message with its network id and the stanza-id our archive gave it. */
  noteDirect(peer: string, networkId: string, archiveId: string): void {
    this.archiveIds.set(`${peer}\n${networkId}`, archiveId);
    this.networkIds.set(`${peer}\n${archiveId}`, networkId);
  }

  /** The user read up to `networkId` here. */
  async publish(conversationId: string, networkId: string): Promise<void> {
    const room = this.isRoom(conversationId);
    const by = room ? conversationId : this.core.selfBare;
    const id = room ? networkId : this.archiveIds.get(`${conversationId}\n${networkId}`);
    if (id === undefined) {
      this.core.log.debug(`XMPP: no archive id for ${networkId} in ${conversationId}; read marker not synchronised`);
      return;
    }
    if (this.last.get(conversationId) === id) return;
    this.last.set(conversationId, id);
    const item = xml('item', { id: conversationId }, xml('displayed', { xmlns: MDS_NS }, xml('stanza-id', { xmlns: NS.sid, by, id })));
    const publish = (options: readonly (readonly [string, string])[]): Promise<Element> => this.core.iq(xml('iq', { type: 'set' },
      xml('pubsub', { xmlns: NS.pubsub }, xml('publish', { node: MDS_NS }, item),
        xml('publish-options', {}, optionsForm('http://jabber.org/protocol/pubsub#publish-options', options)))), 'Synchronising the read marker');
    try {
      await publish(this.fewOptions ? FEW_OPTIONS : PUBLISH_OPTIONS);
    } catch (error: unknown) {
      if (this.fewOptions) throw error;
      this.fewOptions = true;
      await publish(FEW_OPTIONS);
    }
  }

  /** §5: every conversation's marker, after login (and the direct catch-up, so that the messages are known). */
  async load(): Promise<void> {
    try {
      const result = await this.core.iq(xml('iq', { type: 'get' }, xml('pubsub', { xmlns: NS.pubsub }, xml('items', { node: MDS_NS }))), 'Loading read markers');
      const items = children(child(child(result, 'pubsub', NS.pubsub), 'items', NS.pubsub), 'item', NS.pubsub);
      for (const item of items.slice(0, MAX_ITEMS)) this.apply(item, true);
    } catch (error: unknown) {
      this.core.log.info(`XMPP: no synchronised read markers: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** A room was joined and caught up: its marker read at login applies now. */
  replay(room: string): void {
    const marker = this.stored.get(room);
    if (marker) this.emit(room, marker.by, marker.id);
  }

  /** §5: a notification from our own account; true when it was one. */
  onEvent(stanza: Element): boolean {
    const items = child(child(stanza, 'event', NS.pubsubEvent), 'items', NS.pubsubEvent);
    if (!items || attr(items, 'node') !== MDS_NS) return false;
    for (const item of children(items, 'item', NS.pubsubEvent).slice(0, MAX_ITEMS)) this.apply(item, false);
    return true;
  }

  private apply(item: Element, atLogin: boolean): void {
    const conversation = bare(attr(item, 'id'));
    const stanzaId = child(child(item, 'displayed', MDS_NS), 'stanza-id', NS.sid);
    const id = stanzaId ? attr(stanzaId, 'id') : undefined;
    const by = stanzaId ? bare(attr(stanzaId, 'by')) : undefined;
    if (!conversation || !id || !by || id.length > 1024) return;
    if (this.last.get(conversation) === id) return;
    this.last.set(conversation, id);
    if (atLogin) this.stored.set(conversation, { by, id });
    this.emit(conversation, by, id);
  }

  private emit(conversation: string, by: string, id: string): void {
    // §4: in rooms the room's stanza-id (our network id there), else our archive's.
    let networkId: string | undefined;
    if (by === conversation) networkId = id;
    else if (by === this.core.selfBare) networkId = this.networkIds.get(`${conversation}\n${id}`) ?? id;
    if (networkId === undefined) return;
    this.core.emit({ type: 'receipt', conversationId: conversation, networkId, participantId: this.core.selfBare, kind: 'read' });
  }
}
