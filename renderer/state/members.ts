/** Room members: a full list from `members.list`, then deltas from `members.changed`. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MemberView } from '../../electron/bridge/schemas.js';
import { i18n } from '../i18n/index.js';

export interface RoomMembers {
  readonly byId: ReadonlyMap<string, MemberView>;
  readonly loaded: boolean;
}

export interface MembersState {
  readonly byRoom: ReadonlyMap<number, RoomMembers>;
}

export interface MembersChanged {
  readonly conversationId: number;
  readonly reset: boolean;
  readonly added: readonly MemberView[];
  readonly removed: readonly string[];
  readonly renamed: readonly { readonly from: string; readonly to: string }[];
}

export type MembersEvent =
  | { readonly type: 'members.changed'; readonly payload: MembersChanged }
  | { readonly type: 'conversation.removed'; readonly payload: { readonly conversationId: number } };

export function createMembersStore(): StoreApi<MembersState> {
  return createStore<MembersState>()(() => ({ byRoom: new Map() }));
}

export function setRoomMembers(state: MembersState, conversationId: number, members: readonly MemberView[]): MembersState {
  const byRoom = new Map(state.byRoom);
  byRoom.set(conversationId, { byId: new Map(members.map((member) => [member.id, member])), loaded: true });
  return { byRoom };
}

/** Applies one delta to a mutable member map: removals, then renames, then additions. */
function applyDelta(byId: Map<string, MemberView>, change: MembersChanged): void {
  if (change.reset) byId.clear();
  for (const id of change.removed) byId.delete(id);
  for (const { from, to } of change.renamed) {
    const member = byId.get(from);
    if (!member) continue;
    byId.delete(from);
    // On networks where the id is the nick (IRC), the shown name follows the rename.
    byId.set(to, { ...member, id: to, displayName: member.displayName === from ? to : member.displayName });
  }
  for (const member of change.added) byId.set(member.id, member);
}

/** One pass over a batch: each room's map is copied once, however many deltas it gets. */
export function applyMembersEvents(state: MembersState, events: readonly MembersEvent[]): MembersState {
  if (events.length === 0) return state;
  const byRoom = new Map(state.byRoom);
  const copied = new Map<number, Map<string, MemberView>>();
  for (const event of events) {
    const roomId = event.payload.conversationId;
    if (event.type === 'conversation.removed') {
      byRoom.delete(roomId);
      copied.delete(roomId);
      continue;
    }
    let members = copied.get(roomId);
    if (!members) {
      members = new Map(byRoom.get(roomId)?.byId);
      copied.set(roomId, members);
    }
    applyDelta(members, event.payload);
    const loaded = event.payload.reset || (byRoom.get(roomId)?.loaded ?? false);
    byRoom.set(roomId, { byId: members, loaded });
  }
  return { byRoom };
}

const roleRank: Record<NonNullable<MemberView['role']>, number> = { owner: 0, admin: 1, operator: 2, halfop: 3, voice: 4 };
const roleGlyph: Record<NonNullable<MemberView['role']>, string> = { owner: '~', admin: '&', operator: '@', halfop: '%', voice: '+' };

export function memberGlyph(member: MemberView): string {
  return member.role ? roleGlyph[member.role] : '';
}

/**
 * What a member row says besides the name: the services account the member is logged in as
 * (IRC account-notify / extended-join / account-tag) and whether it is a bot (IRCv3 bot
 * mode). Undefined when there is nothing to say.
 */
export function memberDescription(member: MemberView): string | undefined {
  const parts = [...(member.bot ? [i18n.t('members.bot')] : []), ...(member.account ? [i18n.t('memberInfo.loggedInAs', { account: member.account })] : [])];
  return parts.length > 0 ? parts.join(', ') : undefined;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Sorted by role (owners first), then by name. */
export function sortMembers(members: Iterable<MemberView>): MemberView[] {
  const rank = (member: MemberView): number => (member.role ? roleRank[member.role] : 5);
  return [...members].sort((a, b) => rank(a) - rank(b) || collator.compare(a.displayName, b.displayName) || (a.id < b.id ? -1 : 1));
}

export function filterMembers(sorted: readonly MemberView[], query: string): readonly MemberView[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return sorted;
  return sorted.filter((member) => member.displayName.toLowerCase().includes(needle) || member.id.toLowerCase().includes(needle));
}
