/** The feature modules of one session, wired to each other. */
import { RoomDirectory } from './mucDirectory.js';
import { Avatars } from './avatars.js';
import { Blocklist } from './blocking.js';
import { Bookmarks, type Bookmark } from './bookmarks.js';
import { DirectChats } from './chat.js';
import type { XmppCore } from './core.js';
import { capsElement } from './disco.js';
import { DisplayedSync } from './displayedSync.js';
import { Invisibility } from './invisibility.js';
import { Invitations } from './invites.js';
import { LiveHold } from './liveHold.js';
import { Archive } from './mam.js';
import { Rooms } from './muc.js';
import { OmemoChats } from './omemo/chats.js';
import { RoomMessages } from './mucMessages.js';
import type { Room } from './mucState.js';
import { Presences } from './presence.js';
import { Roster } from './roster.js';
import { Uploads } from './upload.js';

/** Archive positions (last archive id seen), saved a little later so a burst is one write. */
export class Positions {
  private readonly dirty = new Map<string, string | number>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly core: XmppCore) {}

  /** A live message with this archive id arrived now (catch-up resumes after it; a gap starts no earlier). */
  note(key: string, archiveId: string): void {
    this.dirty.set(key, archiveId);
    this.dirty.set(`${key}.at`, Date.now());
    this.timer ??= setTimeout(() => void this.flush(), 1_000);
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const entries = [...this.dirty];
    this.dirty.clear();
    for (const [key, value] of entries) await this.core.context.storage.set(key, value).catch(() => undefined);
  }
}

export interface FeatureHooks {
  /** A room was joined (catch up its archive, remember it). */
  readonly roomJoined: (room: Room) => void;
  /** A room we were in was destroyed (XEP-0045 §10.9): forget it, so that nothing joins (and so recreates) it. */
  readonly roomDestroyed: (jid: string) => void;
  /** A bookmark from another device asks to join a room. */
  readonly bookmarkJoin: (bookmark: Bookmark) => void;
  /** A bookmark was removed on another device. */
  readonly bookmarkLeave: (room: string) => void;
  /** Whether the user has this direct conversation open (receipts may be sent). */
  readonly knownDirect: (jid: string) => boolean;
}

export interface Features {
  readonly roster: Roster;
  readonly presences: Presences;
  readonly invisibility: Invisibility;
  /** Live one-to-one messages held during a login's archive catch-up (liveHold.ts). */
  readonly liveHold: LiveHold;
  readonly chats: DirectChats;
  readonly rooms: Rooms;
  readonly roomMessages: RoomMessages;
  readonly archive: Archive;
  readonly bookmarks: Bookmarks;
  readonly blocklist: Blocklist;
  readonly invitations: Invitations;
  readonly uploads: Uploads;
  readonly positions: Positions;
  readonly avatars: Avatars;
  /** OMEMO (XEP-0384 v0.3) in one-to-one chats. */
  readonly omemo: OmemoChats;
  readonly displayed: DisplayedSync;
  /** The room directory on the account's MUC service (XEP-0045 §6). */
  readonly directory: RoomDirectory;
}

export function createFeatures(core: XmppCore, domain: string, hooks: FeatureHooks): Features {
  const refresh = (jid: string): void => roster.refresh(jid); // called only after construction
  const blocklist = new Blocklist(core, refresh);
  const isContact = (jid: string): boolean => roster.items.has(jid); // called only after construction
  const presences = new Presences(core, capsElement, refresh, isContact);
  const roster = new Roster(core, (jid) => presences.of(jid), (jid) => presences.hasRequestFrom(jid), (jid) => blocklist.blocked.has(jid),
    (jid) => presences.contactRemoved(jid));
  const mayReceipt = (jid: string): boolean => {
    const item = roster.items.get(jid);
    return item?.subscription === 'from' || item?.subscription === 'both' || hooks.knownDirect(jid);
  };
  const omemoSetting = core.context.settings['omemo'];
  const omemo = new OmemoChats(core, omemoSetting === true || omemoSetting === 'true', (jid) => rooms.get(jid)); // rooms: called only after construction
  const liveHold = new LiveHold((event) => core.emit(event));
  const displayed = new DisplayedSync(core, (jid) => rooms.get(jid) !== undefined); // called only after construction
  const rooms = new Rooms(core, (to) => presences.stanza(presences.own.status === 'offline' ? { status: 'available' } : presences.own, to), hooks.roomJoined, hooks.roomDestroyed);
  return {
    roster,
    presences,
    invisibility: new Invisibility(core, domain),
    liveHold,
    chats: new DirectChats(core, mayReceipt, liveHold, (peer, networkId, archiveId) => displayed.noteDirect(peer, networkId, archiveId)),
    rooms,
    roomMessages: new RoomMessages(core),
    archive: new Archive(core, (message) => omemo.prepareArchived(message)),
    bookmarks: new Bookmarks(core, hooks.bookmarkJoin, hooks.bookmarkLeave),
    blocklist,
    invitations: new Invitations(core, (room) => rooms.get(room)?.joined === true),
    uploads: new Uploads(core, domain),
    positions: new Positions(core),
    avatars: new Avatars(core, (jid) => {
      const item = roster.items.get(jid);
      return item ? roster.toContact(item) : undefined;
    }),
    omemo,
    displayed,
    directory: new RoomDirectory(core, domain),
  };
}
