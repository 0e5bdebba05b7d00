/**
 * Room member lists, kept in memory (they are rebuilt by the network on every join). One
 * map per conversation, so a 20,000-member channel costs one map, and a change is applied
 * in place rather than by copying the list.
 */
import type { Member, MembersChangedEvent } from '../../../protocols/api/index.js';
import type { MemberView } from '../../bridge/schemas.js';

const ROLE_RANK: Record<NonNullable<Member['role']>, number> = { owner: 0, admin: 1, operator: 2, halfop: 3, voice: 4 };

function toView(member: Member): MemberView {
  return {
    id: member.id, displayName: member.displayName, ...(member.role ? { role: member.role } : {}),
    ...(member.account ? { account: member.account } : {}), ...(member.bot ? { bot: true } : {}),
    ...(member.roleChanges && member.roleChanges.length > 0 ? { roleChanges: [...member.roleChanges] } : {}),
  };
}

export class MemberRegistry {
  private readonly rooms = new Map<number, Map<string, MemberView>>();

  /** Applies a change and returns it as the bridge will send it. */
  apply(conversationId: number, change: MembersChangedEvent): { reset: boolean; added: MemberView[]; removed: string[]; renamed: { from: string; to: string }[] } {
    let members = this.rooms.get(conversationId);
    const reset = change.reset === true;
    if (!members || reset) {
      members = new Map();
      this.rooms.set(conversationId, members);
    }
    const renamed = [...(change.renamed ?? [])];
    for (const { from, to } of renamed) {
      const member = members.get(from);
      if (!member) continue;
      members.delete(from);
      members.set(to, { ...member, id: to, displayName: member.displayName === from ? to : member.displayName });
    }
    const removed = [...(change.removed ?? [])];
    for (const id of removed) members.delete(id);
    const added = (change.added ?? []).map(toView);
    for (const member of added) members.set(member.id, member);
    return { reset, added, removed, renamed };
  }

  /** Members sorted by rank, then name. */
  list(conversationId: number): MemberView[] {
    const members = [...(this.rooms.get(conversationId)?.values() ?? [])];
    return members.sort((a, b) => rank(a) - rank(b) || a.displayName.localeCompare(b.displayName));
  }

  clear(conversationId: number): void {
    this.rooms.delete(conversationId);
  }
}

function rank(member: MemberView): number {
  return member.role ? ROLE_RANK[member.role] : 5;
}
