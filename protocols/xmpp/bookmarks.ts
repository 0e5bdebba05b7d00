/**
 * Room bookmarks (XEP-0402, PEP native bookmarks): read at login for autojoin, published
 * when the user joins a room (autojoin on), retracted when they leave, and followed when
 * another device of the user changes them (§4 notifications).
 */
import type { XmppCore } from './core.js';
import { bare } from './jid.js';
import { accountHasPep, PrivateBookmarks } from './privateBookmarks.js';
import { NS, attr, child, childText, children, xml, type Element } from './xml.js';

export interface Bookmark {
  readonly room: string;
  readonly name?: string;
  readonly autojoin: boolean;
  readonly nick?: string;
  readonly password?: string;
}

const MAX_BOOKMARKS = 500;

function readBookmark(item: Element): Bookmark | undefined {
  const room = bare(attr(item, 'id'));
  const conference = child(item, 'conference', NS.bookmarks2);
  if (!room || !conference) return undefined;
  const autojoin = attr(conference, 'autojoin');
  const name = attr(conference, 'name')?.trim().slice(0, 200);
  const nick = childText(conference, 'nick', NS.bookmarks2)?.trim().slice(0, 100);
  const password = childText(conference, 'password', NS.bookmarks2);
  return {
    room, autojoin: autojoin === 'true' || autojoin === '1',
    ...(name ? { name } : {}), ...(nick ? { nick } : {}), ...(password !== undefined ? { password } : {}),
  };
}

/** §3.2's publish options that keep bookmarks private and stored. */
const PRIVATE_OPTIONS = [['pubsub#persist_items', 'true'], ['pubsub#access_model', 'whitelist']] as const;
/** §3.2's others, which a server may only take as node configuration; retractions notify other devices (§4). */
const NODE_OPTIONS = [['pubsub#max_items', 'max'], ['pubsub#send_last_published_item', 'never']] as const;
const NODE_CONFIG_EXTRA = [['pubsub#notify_retract', 'true']] as const;

export function optionsForm(formType: string, options: readonly (readonly [string, string])[]): Element {
  return xml('x', { xmlns: NS.dataForms, type: 'submit' },
    xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, formType)),
    ...options.map(([name, value]) => xml('field', { var: name }, xml('value', {}, value))));
}

/** The RFC 6120 condition of an iq the server answered with an error; undefined for a timeout or a lost stream. */
export function stanzaCondition(error: unknown): string | undefined {
  return error instanceof Error && 'condition' in error && typeof error.condition === 'string' ? error.condition : undefined;
}

export class Bookmarks {
  readonly items = new Map<string, Bookmark>();

  constructor(
    private readonly core: XmppCore,
    private readonly join: (bookmark: Bookmark) => void,
    private readonly leave: (room: string) => void,
  ) {}

  /** Set at login when the account has no PEP: XEP-0048 bookmarks in private storage instead. */
  private legacy: PrivateBookmarks | undefined;

  /** §3.1: all bookmarks. */
  async load(): Promise<Bookmark[]> {
    try {
      if (!await accountHasPep(this.core)) {
        this.legacy = new PrivateBookmarks(this.core);
        this.items.clear();
        for (const bookmark of await this.legacy.load()) this.items.set(bookmark.room, bookmark);
        return [...this.items.values()];
      }
      const result = await this.core.iq(xml('iq', { type: 'get' },
        xml('pubsub', { xmlns: NS.pubsub }, xml('items', { node: NS.bookmarks2 }))), 'Loading bookmarks');
      const items = children(child(child(result, 'pubsub', NS.pubsub), 'items', NS.pubsub), 'item', NS.pubsub);
      this.items.clear();
      for (const item of items.slice(0, MAX_BOOKMARKS)) {
        const bookmark = readBookmark(item);
        if (bookmark) this.items.set(bookmark.room, bookmark);
      }
    } catch (error: unknown) {
      this.core.log.info(`XMPP: no bookmarks: ${error instanceof Error ? error.message : String(error)}`);
    }
    return [...this.items.values()];
  }

  /**
   * §3.2: add or update with the publish options the XEP requires (private, persistent, many
   * items, not pushed at login). A server whose publish-options know fewer fields (ejabberd
   * 23.01 accepts only persist_items and access_model and answers "Unknown field" otherwise)
   * gets those two, and the rest as the node's configuration (XEP-0060 §8.2): without
   * `max_items` it would keep a single bookmark.
   */
  async publish(bookmark: Bookmark): Promise<void> {
    const conference = xml('conference', { xmlns: NS.bookmarks2, autojoin: bookmark.autojoin ? 'true' : 'false', ...(bookmark.name ? { name: bookmark.name } : {}) },
      ...(bookmark.nick ? [xml('nick', {}, bookmark.nick)] : []),
      ...(bookmark.password !== undefined ? [xml('password', {}, bookmark.password)] : []));
    this.items.set(bookmark.room, bookmark);
    if (this.legacy) {
      await this.legacy.save(this.items.values());
      return;
    }
    const what = `Saving the bookmark for ${bookmark.room}`;
    if (!this.fewPublishOptions) {
      try {
        await this.publishItem(bookmark.room, conference, [...PRIVATE_OPTIONS, ...NODE_OPTIONS], what);
        return;
      } catch (error: unknown) {
        if (stanzaCondition(error) === undefined) throw error; // no answer: nothing to learn from
        this.core.log.info(`XMPP: bookmarks with all publish options refused (${error instanceof Error ? error.message : String(error)}); publishing with fewer and configuring the node`);
        this.fewPublishOptions = true;
      }
    }
    // Never without the private access model: the item may carry a room password.
    await this.publishItem(bookmark.room, conference, PRIVATE_OPTIONS, what);
    if (this.nodeConfigured) return;
    try {
      await this.core.iq(xml('iq', { type: 'set' }, xml('pubsub', { xmlns: NS.pubsubOwner },
        xml('configure', { node: NS.bookmarks2 }, optionsForm('http://jabber.org/protocol/pubsub#node_config', [...NODE_OPTIONS, ...NODE_CONFIG_EXTRA])))),
      'Configuring the bookmarks node');
      this.nodeConfigured = true;
    } catch (error: unknown) {
      this.core.log.warn(`XMPP: bookmarks node not configured, the server may keep fewer bookmarks: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Learned this session: the server refused the full set of publish options. */
  private fewPublishOptions = false;
  private nodeConfigured = false;

  private async publishItem(room: string, conference: Element, options: readonly (readonly [string, string])[], what: string): Promise<void> {
    await this.core.iq(xml('iq', { type: 'set' }, xml('pubsub', { xmlns: NS.pubsub },
      xml('publish', { node: NS.bookmarks2 }, xml('item', { id: room }, conference)),
      xml('publish-options', {}, optionsForm('http://jabber.org/protocol/pubsub#publish-options', options)))), what);
  }

  /** §3.3: remove. */
  async retract(room: string): Promise<void> {
    if (!this.items.delete(room)) return;
    if (this.legacy) {
      await this.legacy.save(this.items.values());
      return;
    }
    await this.core.iq(xml('iq', { type: 'set' }, xml('pubsub', { xmlns: NS.pubsub },
      xml('retract', { node: NS.bookmarks2, notify: 'true' }, xml('item', { id: room })))), `Removing the bookmark for ${room}`);
  }

  /** §4: a PEP notification from our own account; true when it was one. */
  onEvent(stanza: Element): boolean {
    const event = child(stanza, 'event', NS.pubsubEvent);
    const items = child(event, 'items', NS.pubsubEvent);
    if (!items || attr(items, 'node') !== NS.bookmarks2) return false;
    const from = attr(stanza, 'from');
    if (from !== undefined && bare(from) !== this.core.selfBare) return true; // not ours: ignore
    for (const item of children(items, 'item', NS.pubsubEvent)) {
      const bookmark = readBookmark(item);
      if (!bookmark) continue;
      const known = this.items.get(bookmark.room);
      this.items.set(bookmark.room, bookmark);
      if (bookmark.autojoin && !known?.autojoin) this.join(bookmark);
    }
    for (const retract of children(items, 'retract', NS.pubsubEvent)) {
      const room = bare(attr(retract, 'id'));
      if (room && this.items.delete(room)) this.leave(room);
    }
    return true;
  }
}
