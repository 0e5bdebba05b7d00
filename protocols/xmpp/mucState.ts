/**
 * A joined room's state (XEP-0045): occupants with role and affiliation, our nickname, and
 * which stanza-id each message id became (for corrections that refer to ids, §XEP-0308).
 */
import { BoundedMap, type Conversation, type Member, type Presence } from '../api/index.js';
import { roleChangesFor } from './mucAdmin.js';
import { bare } from './jid.js';
import { readPresence } from './presence.js';
import { NS, attr, child, children, type Element } from './xml.js';

export interface Occupant {
  readonly nick: string;
  /** The occupant's real bare JID, when the room shows it (non-anonymous rooms, or to moderators). */
  readonly realJid?: string;
  readonly affiliation: string;
  readonly role: string;
  readonly presence: Presence;
}

export interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

export class Room {
  joined = false;
  nick: string;
  password?: string;
  title: string;
  topic?: string;
  /** The join is in progress and waits for our own presence. */
  joining: Waiter | undefined;
  /** The whole join (with nick retries), shared by concurrent callers (the core's rejoin and ours). */
  joinTask: Promise<{ readonly conversationId: string }> | undefined;
  leaving: Waiter | undefined;
  /** Our nick change (§7.6) waits for the room's answer from the new occupant JID. */
  renaming: (Waiter & { readonly nick: string }) | undefined;
  readonly occupants = new Map<string, Occupant>();
  /** id attribute / origin-id → stanza-id set by the room. */
  readonly stanzaIds = new BoundedMap<string, string>(5_000);
  /** stanza-id set by the room → the sender's id attribute / origin-id. */
  readonly senderIds = new BoundedMap<string, string>(5_000);
  /** Our messages waiting for their reflection: wire id → core localId. */
  readonly pending = new Map<string, string>();
  /** The room archives messages (XEP-0313 `urn:xmpp:mam:2` in its disco#info). */
  archived = false;
  /** Our join created the room (status 201, XEP-0045 §10.1.1): it waits for its owner's configuration. */
  created = false;
  /** The topic arrived after joining (so a change is news, not history). */
  subjectSeen = false;
  /** More occupants arrived than are kept (muc.ts MAX_OCCUPANTS); said once in the log. */
  crowded = false;
  /** When the room last sent us anything (XEP-0410: quiet rooms are self-pinged). */
  lastHeard = Date.now();

  constructor(readonly jid: string, nick: string, title: string) {
    this.nick = nick;
    this.title = title;
  }

  /** The room as a conversation, for conversation.upserted. */
  conversation(): Conversation {
    return {
      id: this.jid, kind: 'room', title: this.title, joined: this.joined,
      ...(this.topic !== undefined ? { topic: this.topic } : {}),
      // The room gives a resent message a new stanza-id (XEP-0359), so members would see it twice.
      capabilities: { resendSafe: false },
    };
  }

  occupantJid(nick = this.nick): string {
    return `${this.jid}/${nick}`;
  }

  /** The member id for an occupant: our bare JID for us, their real JID when known, else their occupant JID. */
  memberId(nick: string, selfBare: string): string {
    if (nick === this.nick) return selfBare;
    const realJid = this.occupants.get(nick)?.realJid;
    return realJid && realJid !== selfBare ? realJid : this.occupantJid(nick);
  }

  /** The nick of a member id, if that member is here. */
  nickOf(memberId: string, selfBare: string): string | undefined {
    if (memberId === selfBare) return this.nick;
    if (memberId.startsWith(`${this.jid}/`)) return memberId.slice(this.jid.length + 1);
    for (const occupant of this.occupants.values()) if (occupant.realJid === memberId) return occupant.nick;
    return undefined;
  }

  toMember(occupant: Occupant, selfBare: string): Member {
    const role = memberRole(occupant.affiliation, occupant.role);
    const roleChanges = roleChangesFor(this.occupants.get(this.nick), occupant);
    return {
      id: this.memberId(occupant.nick, selfBare),
      displayName: occupant.nick,
      presence: occupant.presence,
      ...(role ? { role } : {}),
      ...(roleChanges.length > 0 ? { roleChanges } : {}),
    };
  }

  members(selfBare: string): Member[] {
    return [...this.occupants.values()].map((occupant) => this.toMember(occupant, selfBare));
  }
}

/** XEP-0045 affiliation and role to our ranks: owner, admin, moderator → operator, member → voice. */
export function memberRole(affiliation: string, role: string): Member['role'] {
  if (affiliation === 'owner') return 'owner';
  if (affiliation === 'admin') return 'admin';
  if (role === 'moderator') return 'operator';
  if (affiliation === 'member') return 'voice';
  return undefined;
}

export interface OccupantPresence {
  readonly nick: string;
  readonly available: boolean;
  readonly occupant: Occupant;
  /** XEP-0045 §15.6 status codes. */
  readonly codes: ReadonlySet<string>;
  /** New nick with status 303. */
  readonly newNick?: string;
  readonly actor?: string;
  readonly reason?: string;
  /** The room was destroyed (§10.9). */
  readonly destroyed: boolean;
  /** The room that replaces a destroyed one (§10.9 `<destroy jid=…>`). */
  readonly destroyedVenue?: string;
  /** The reason given for destroying the room (§10.9 `<destroy><reason>`). */
  readonly destroyedReason?: string;
}

/** Read an occupant's presence (§7.2.3) from room@service/nick. */
export function readOccupantPresence(stanza: Element, nick: string): OccupantPresence {
  const x = child(stanza, 'x', NS.mucUser);
  const item = child(x, 'item', NS.mucUser);
  const codes = new Set(children(x, 'status', NS.mucUser).map((status) => attr(status, 'code') ?? '').filter(Boolean));
  const available = attr(stanza, 'type') !== 'unavailable';
  const realJid = bare(item ? attr(item, 'jid') : undefined);
  const actorNode = child(item, 'actor', NS.mucUser);
  const actor = actorNode ? attr(actorNode, 'nick') ?? bare(attr(actorNode, 'jid')) : undefined;
  const reason = child(item, 'reason', NS.mucUser)?.text().trim().slice(0, 500);
  const newNick = item ? attr(item, 'nick') : undefined;
  const destroy = child(x, 'destroy', NS.mucUser);
  const destroyedVenue = bare(destroy ? attr(destroy, 'jid') : undefined);
  const destroyedReason = child(destroy, 'reason', NS.mucUser)?.text().trim().slice(0, 500);
  return {
    nick,
    available,
    codes,
    destroyed: destroy !== undefined,
    ...(destroyedVenue ? { destroyedVenue } : {}),
    ...(destroyedReason ? { destroyedReason } : {}),
    occupant: {
      nick,
      affiliation: (item ? attr(item, 'affiliation') : undefined) ?? 'none',
      role: (item ? attr(item, 'role') : undefined) ?? 'participant',
      presence: available ? readPresence(stanza) : { status: 'offline' },
      ...(realJid ? { realJid } : {}),
    },
    ...(newNick ? { newNick } : {}),
    ...(actor ? { actor } : {}),
    ...(reason ? { reason } : {}),
  };
}
