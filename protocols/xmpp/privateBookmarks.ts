/**
 * Room bookmarks for servers without PEP, and so without XEP-0402: XEP-0048 bookmarks kept
 * in XEP-0049 private XML storage (`jabber:iq:private`, `storage:bookmarks`). The storage is
 * one document, written whole (XEP-0049 §2.2); what we do not manage in it (URL bookmarks,
 * unknown elements) is written back as it was read. Other devices are not notified (private
 * storage has no notifications); they read it at their next login.
 */
import type { Bookmark } from './bookmarks.js';
import type { XmppCore } from './core.js';
import { bare } from './jid.js';
import { NS, attr, child, childText, children, elements, isElement, xml, type Element } from './xml.js';

const PRIVATE_NS = 'jabber:iq:private';
const STORAGE_NS = 'storage:bookmarks';
const MAX_BOOKMARKS = 500;

/** XEP-0163 §6: an account with PEP shows a pubsub/pep identity; without it, XEP-0402 cannot work. */
export async function accountHasPep(core: XmppCore): Promise<boolean> {
  try {
    const result = await core.iq(xml('iq', { type: 'get', to: core.selfBare }, xml('query', { xmlns: NS.discoInfo })), 'Asking the account what it offers', 10_000);
    const query = child(result, 'query', NS.discoInfo);
    return children(query, 'identity', NS.discoInfo).some((identity) => attr(identity, 'category') === 'pubsub' && attr(identity, 'type') === 'pep');
  } catch {
    return true; // no answer: keep to XEP-0402, as before
  }
}

/** XEP-0048 §3.2's `<conference/>`. */
function readConference(conference: Element): Bookmark | undefined {
  const room = bare(attr(conference, 'jid'));
  if (!room) return undefined;
  const autojoin = attr(conference, 'autojoin');
  const name = attr(conference, 'name')?.trim().slice(0, 200);
  const nick = childText(conference, 'nick', STORAGE_NS)?.trim().slice(0, 100);
  const password = childText(conference, 'password', STORAGE_NS);
  return {
    room, autojoin: autojoin === 'true' || autojoin === '1',
    ...(name ? { name } : {}), ...(nick ? { nick } : {}), ...(password !== undefined ? { password } : {}),
  };
}

function conferenceElement(bookmark: Bookmark): Element {
  return xml('conference', { jid: bookmark.room, autojoin: bookmark.autojoin ? 'true' : 'false', ...(bookmark.name ? { name: bookmark.name } : {}) },
    ...(bookmark.nick ? [xml('nick', {}, bookmark.nick)] : []),
    ...(bookmark.password !== undefined ? [xml('password', {}, bookmark.password)] : []));
}

export class PrivateBookmarks {
  /** What the storage held besides conferences (URL bookmarks, extensions), written back untouched. */
  private others: Element[] = [];

  constructor(private readonly core: XmppCore) {}

  /** XEP-0049 §2.3: the whole storage. */
  async load(): Promise<Bookmark[]> {
    const result = await this.core.iq(xml('iq', { type: 'get' }, xml('query', { xmlns: PRIVATE_NS }, xml('storage', { xmlns: STORAGE_NS }))), 'Loading bookmarks');
    const storage = child(child(result, 'query', PRIVATE_NS), 'storage', STORAGE_NS);
    const bookmarks: Bookmark[] = [];
    this.others = [];
    for (const element of elements(storage)) {
      if (!isElement(element, 'conference', STORAGE_NS)) this.others.push(element);
      else if (bookmarks.length < MAX_BOOKMARKS) {
        const bookmark = readConference(element);
        if (bookmark) bookmarks.push(bookmark);
      }
    }
    return bookmarks;
  }

  /** XEP-0049 §2.2: store the whole list (the storage is replaced). */
  async save(bookmarks: Iterable<Bookmark>): Promise<void> {
    const conferences = [...bookmarks].slice(0, MAX_BOOKMARKS).map(conferenceElement);
    await this.core.iq(xml('iq', { type: 'set' }, xml('query', { xmlns: PRIVATE_NS },
      xml('storage', { xmlns: STORAGE_NS }, ...conferences, ...this.others))), 'Saving bookmarks');
  }
}
