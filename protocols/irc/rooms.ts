/**
 * Channel state for one connection: who is in which channel with which role, the topic,
 * and the events that keep the core's copy in step (conversation.upserted,
 * members.changed, and `event` messages such as "alice joined").
 */
import type { Capabilities, Member, ProtocolEvent } from '../api/index.js';
import type { ChannelUserEvent, KickEvent, ModeEvent, NickEvent, TopicEvent, UserlistEvent } from 'irc-framework';
import { describe } from './describe.js';
import { stripFormatting } from './formatting.js';
import type { NameRules } from './names.js';
import { makeMember, parseNamesEntry, type MemberRole } from './members.js';

interface RoomMember {
  nick: string;
  roles: Set<MemberRole>;
  /** Away message (away-notify), or undefined when present. */
  away?: string;
  /** The services account (extended-join, account-notify, account-tag), undefined when not logged in or not known. */
  account?: string;
  /** Marked a bot (bot mode's message tag). */
  bot?: boolean;
}

/** What the core is told about a member. */
function toMember(id: string, member: RoomMember): Member {
  const base = makeMember(id, member.roles, member.nick, member.away);
  return { ...base, ...(member.account !== undefined ? { account: member.account } : {}), ...(member.bot ? { bot: true } : {}) };
}

interface Room {
  /** The channel name as the server spells it. */
  title: string;
  topic: string;
  members: Map<string, RoomMember>;
  /** WHOX for the members' accounts was sent for this join (whox.ts). */
  accountsAsked?: boolean;
}

export class RoomTracker {
  private readonly rooms = new Map<string, Room>();

  constructor(
    private readonly emit: (event: ProtocolEvent) => void,
    private readonly names: NameRules,
    private readonly selfNick: () => string,
    /** What this server lets a conversation do, where it differs from the manifest (no +typing, no history). */
    private readonly capabilities: () => Partial<Capabilities> | undefined = () => undefined,
  ) {}

  isSelf(nick: string | undefined): boolean {
    return nick !== undefined && this.names.fold(nick) === this.names.fold(this.selfNick());
  }

  has(conversationId: string): boolean {
    return this.rooms.has(conversationId);
  }

  /** Forget every room (the connection is gone). */
  clear(): void {
    this.rooms.clear();
  }

  private upsert(id: string, room: Room, joined: boolean): void {
    this.emit({
      type: 'conversation.upserted',
      conversation: { id, kind: 'room', title: room.title, joined, ...(room.topic ? { topic: room.topic } : {}), ...this.capabilitiesField() },
    });
  }

  /** Files go person to person over DCC: a channel takes none (dcc/dccTransfers.ts). */
  private capabilitiesField(): { capabilities: Partial<Capabilities> } {
    return { capabilities: { ...this.capabilities(), fileUpload: false } };
  }

  /** Topic of a joined room. */
  topicOf(conversationId: string): string | undefined {
    return this.rooms.get(conversationId)?.topic;
  }

  /** An `event` line in a joined room. */
  note(conversationId: string, nick: string, body: string, time: number): void {
    if (this.rooms.has(conversationId)) this.event(conversationId, nick, body, time);
  }

  private event(conversationId: string, nick: string, body: string, time: number | undefined): void {
    this.emit({
      type: 'message.received',
      message: {
        conversationId, senderId: this.names.fold(nick), senderName: stripFormatting(nick), kind: 'event', body: stripFormatting(body),
        timestamp: typeof time === 'number' ? time : Date.now(),
      },
    });
  }

  onJoin(event: ChannelUserEvent): void {
    const { nick, channel } = event;
    if (!nick || !channel) return;
    const id = this.names.fold(channel);
    if (this.isSelf(nick)) {
      const room: Room = { title: channel, topic: '', members: new Map() };
      this.rooms.set(id, room);
      this.upsert(id, room, true);
      return;
    }
    const room = this.rooms.get(id);
    if (!room) return;
    // extended-join (https://ircv3.net/specs/extensions/extended-join): the account, or `*` (false) for none.
    const member: RoomMember = { nick, roles: new Set(), ...(event.account ? { account: event.account } : {}) };
    room.members.set(this.names.fold(nick), member);
    this.emit({ type: 'members.changed', conversationId: id, added: [toMember(this.names.fold(nick), member)] });
    this.event(id, nick, describe.joined(nick), event.time);
  }

  onPart(event: ChannelUserEvent): void {
    const { nick, channel } = event;
    if (!nick || !channel) return;
    this.removeFrom(this.names.fold(channel), nick, describe.left(nick, event.message), event.time);
  }

  onKick(event: KickEvent): void {
    const { kicked, channel } = event;
    if (!kicked || !channel) return;
    this.removeFrom(this.names.fold(channel), kicked, describe.kicked(kicked, event.nick ?? 'the server', event.message), event.time);
  }

  private removeFrom(id: string, nick: string, body: string, time: number | undefined): void {
    const room = this.rooms.get(id);
    if (!room) return;
    this.event(id, nick, body, time);
    if (this.isSelf(nick)) {
      this.rooms.delete(id);
      this.upsert(id, room, false);
      return;
    }
    room.members.delete(this.names.fold(nick));
    this.emit({ type: 'members.changed', conversationId: id, removed: [this.names.fold(nick)] });
  }

  onQuit(event: ChannelUserEvent): void {
    const { nick } = event;
    if (!nick) return;
    for (const [id, room] of this.rooms) {
      if (!room.members.delete(this.names.fold(nick))) continue;
      this.emit({ type: 'members.changed', conversationId: id, removed: [this.names.fold(nick)] });
      this.event(id, nick, describe.quit(nick, event.message), event.time);
    }
  }

  onNick(event: NickEvent): void {
    const { nick, new_nick: newNick } = event;
    if (!nick || !newNick) return;
    const from = this.names.fold(nick);
    const to = this.names.fold(newNick);
    for (const [id, room] of this.rooms) {
      const member = room.members.get(from);
      if (!member) continue;
      room.members.delete(from);
      member.nick = newNick;
      room.members.set(to, member);
      this.emit({
        type: 'members.changed', conversationId: id,
        renamed: [{ from, to }], added: [toMember(to, member)],
      });
      this.event(id, newNick, describe.renamed(nick, newNick), event.time);
    }
  }

  onTopic(event: TopicEvent): void {
    const { channel } = event;
    if (!channel) return;
    const id = this.names.fold(channel);
    const room = this.rooms.get(id);
    if (!room) return;
    room.topic = event.topic ?? '';
    this.upsert(id, room, true);
    // RPL_TOPIC on join has no nick; a TOPIC command (a change) has one.
    if (event.nick) this.event(id, event.nick, describe.topic(event.nick, room.topic), event.time);
  }

  onUserlist(event: UserlistEvent): void {
    const { channel } = event;
    if (!channel) return;
    const id = this.names.fold(channel);
    const room = this.rooms.get(id);
    if (!room) return;
    // A NAMES refresh keeps what only other lines tell (away, account, bot).
    const previous = new Map(room.members);
    room.members.clear();
    for (const user of event.users ?? []) {
      if (!user.nick) continue;
      // irc-framework strips the symbols PREFIX lists; any left (an odd server) are read the same way.
      const parsed = parseNamesEntry(user.nick, this.names.prefixes);
      if (!parsed.nick) continue;
      for (const mode of user.modes ?? []) {
        const role = this.names.prefixes.roleOfMode(mode);
        if (role) parsed.roles.add(role);
      }
      const known = previous.get(this.names.fold(parsed.nick));
      room.members.set(this.names.fold(parsed.nick), { ...known, nick: parsed.nick, roles: parsed.roles });
    }
    this.emit({
      type: 'members.changed', conversationId: id, reset: true,
      added: [...room.members.entries()].map(([memberId, m]) => toMember(memberId, m)),
    });
  }

  /**
   * away-notify (https://ircv3.net/specs/extensions/away-notify): AWAY with a message marks a
   * member away, without one back; shown in the member list, not as chat lines.
   */
  /** The channels (ids) this nick is in with us. */
  roomsWith(nick: string): string[] {
    const id = this.names.fold(nick);
    return [...this.rooms].filter(([, room]) => room.members.has(id)).map(([roomId]) => roomId);
  }

  onAway(nick: string, message: string | undefined): void {
    const id = this.names.fold(nick);
    for (const [roomId, room] of this.rooms) {
      const member = room.members.get(id);
      if (!member) continue;
      if (message) member.away = message;
      else delete member.away;
      this.emit({ type: 'members.changed', conversationId: roomId, added: [toMember(id, member)] });
    }
  }

  /**
   * account-notify (https://ircv3.net/specs/extensions/account-notify): ACCOUNT names the
   * account someone logged in to, `*` (false) that they logged out. Shown in the member list.
   */
  onAccount(nick: string, account: string | false | undefined): void {
    this.updateMember(nick, (member) => {
      const next = account || undefined;
      if (member.account === next) return false;
      if (next === undefined) delete member.account;
      else member.account = next;
      return true;
    });
  }

  /**
   * What a channel message's tags say about its sender: account-tag
   * (https://ircv3.net/specs/extensions/account-tag: present exactly when the sender is
   * logged in, so its absence logs them out) and bot mode
   * (https://ircv3.net/specs/extensions/bot-mode: the `bot` tag; InspIRCd 3 sends it as
   * `inspircd.org/bot`). Only changes are told to the core.
   */
  onSenderTags(channel: string, nick: string, tags: Readonly<Record<string, unknown>>, accountTags: boolean, messageTags: boolean): void {
    const tag = tags['account'];
    this.learned(channel, nick, {
      ...(accountTags ? { account: typeof tag === 'string' && tag !== '' ? tag : null } : {}),
      ...(messageTags ? { bot: 'bot' in tags || 'inspircd.org/bot' in tags } : {}),
    });
  }

  /**
   * What a line told about a member of one channel: `account` null for logged out, absent
   * for not told; `bot` absent for not told. The core hears only of a change.
   */
  learned(channel: string, nick: string, facts: { readonly account?: string | null; readonly bot?: boolean }): void {
    const id = this.names.fold(channel);
    const member = this.rooms.get(id)?.members.get(this.names.fold(nick));
    if (!member) return;
    let changed = false;
    if (facts.account !== undefined && member.account !== (facts.account ?? undefined)) {
      if (facts.account === null) delete member.account;
      else member.account = facts.account;
      changed = true;
    }
    if (facts.bot !== undefined && (member.bot ?? false) !== facts.bot) {
      if (facts.bot) member.bot = true;
      else delete member.bot;
      changed = true;
    }
    if (changed) this.emit({ type: 'members.changed', conversationId: id, added: [toMember(this.names.fold(nick), member)] });
  }

  /** True once per join of a channel small enough to ask WHOX for its members' accounts (whox.ts). */
  takeAccountQuery(channel: string, maxMembers: number): boolean {
    const room = this.rooms.get(this.names.fold(channel));
    if (!room || room.accountsAsked || room.members.size > maxMembers) return false;
    room.accountsAsked = true;
    return true;
  }

  /** Applies a change to one nick in every room it is in; tells the core where `change` says something changed. */
  private updateMember(nick: string, change: (member: RoomMember) => boolean): void {
    const id = this.names.fold(nick);
    for (const [roomId, room] of this.rooms) {
      const member = room.members.get(id);
      if (member && change(member)) this.emit({ type: 'members.changed', conversationId: roomId, added: [toMember(id, member)] });
    }
  }

  onMode(event: ModeEvent): void {
    const { target } = event;
    if (!target) return;
    const id = this.names.fold(target);
    const room = this.rooms.get(id);
    if (!room) return;
    const changed = new Map<string, RoomMember>();
    /** Channel modes that are not member roles (bans +b, key +k, +m, …): one compact line. */
    const other: string[] = [];
    for (const { mode, param } of event.modes ?? []) {
      if (!mode) continue;
      const role = this.names.prefixes.roleOfMode(mode.slice(1));
      const member = param ? room.members.get(this.names.fold(param)) : undefined;
      if (!role || !member) {
        if (!role) other.push(param ? `${mode} ${param}` : mode);
        continue;
      }
      if (mode.startsWith('-')) member.roles.delete(role);
      else member.roles.add(role);
      changed.set(this.names.fold(member.nick), member);
      this.event(id, event.nick || 'server', describe.mode(event.nick || 'the server', mode, member.nick), event.time);
    }
    if (other.length > 0) this.event(id, event.nick || 'server', describe.modes(event.nick || 'the server', other.join(' ')), event.time);
    if (changed.size > 0) {
      this.emit({
        type: 'members.changed', conversationId: id,
        added: [...changed.entries()].map(([memberId, m]) => toMember(memberId, m)),
      });
    }
  }
}
