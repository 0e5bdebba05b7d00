/**
 * Buddy-list groups: the list of groups and their order (stored in the profile), and
 * moving buddies and persons between them. Groups are merged across networks by name. A
 * buddy of a network that keeps groups (XMPP roster groups, RFC 6121 §2.1.2.2: the
 * `contactGroups` capability) is moved on the server with `updateContact`, and a change
 * another client makes arrives as a roster push; for the others (IRC, Matrix) the profile
 * keeps the groups the user gave, and they replace what the plugin reports.
 */
import { cleanGroupName, DEFAULT_GROUP, shownGroups } from '../../bridge/buddyGroups.js';
import type { BuddyGroupView, PersonMember } from '../../bridge/schemas.js';
import type { Buddy } from '../model/buddy.js';
import type { AccountManager } from '../accounts/accountManager.js';
import { CoreError, invalidRequest, notFound } from '../model/coreError.js';
import type { EventBatcher } from '../bridge/eventBatcher.js';
import type { BuddyGroupsRepository } from '../store/buddyGroupsRepository.js';
import type { ContactsRepository } from '../store/contactsRepository.js';
import type { PersonsRepository } from '../store/personsRepository.js';

export interface GroupServiceDeps {
  readonly groups: BuddyGroupsRepository;
  readonly contacts: ContactsRepository;
  readonly persons: PersonsRepository;
  readonly accounts: Pick<AccountManager, 'capabilitiesOf' | 'call'>;
  readonly events: EventBatcher;
}

export class GroupService {
  private readonly known = new Set<string>();

  constructor(private readonly deps: GroupServiceDeps) {
    for (const group of deps.groups.list()) this.known.add(group.name);
    // A profile from before groups were stored: adopt the default group and every group in use.
    const used = [DEFAULT_GROUP, ...[...new Set(deps.contacts.list().flatMap((contact) => contact.groups))].sort()];
    for (const name of used) this.adopt(name);
  }

  list(): BuddyGroupView[] {
    return this.deps.groups.list();
  }

  /**
   * The groups to store and show for a buddy the network just reported: the network's own
   * where it keeps groups, else the profile's when the user gave some. New names join the list.
   */
  groupsFor(accountId: string, contactId: string, reported: readonly string[]): string[] {
    const groups = this.keepsGroups(accountId) ? [...reported] : this.deps.groups.keptGroups(accountId, contactId) ?? [...reported];
    if (groups.map((name) => this.adopt(name)).some(Boolean)) this.changed();
    return groups;
  }

  create(raw: string): BuddyGroupView[] {
    const name = this.validName(raw);
    if (this.known.has(name)) throw invalidRequest(`There is already a group called “${name}”.`);
    this.adopt(name);
    return this.changed();
  }

  async rename(from: string, raw: string): Promise<BuddyGroupView[]> {
    this.requireGroup(from);
    if (from === DEFAULT_GROUP) throw invalidRequest(`“${DEFAULT_GROUP}” holds the buddies without a group: it keeps its name.`);
    const to = this.validName(raw);
    if (to === from) return this.list();
    if (this.known.has(to)) throw invalidRequest(`There is already a group called “${to}”.`);
    this.deps.groups.rename(from, to);
    this.known.delete(from);
    this.known.add(to);
    this.changed();
    await this.regroupAll((groups) => groups.map((name) => (name === from ? to : name)));
    this.personsChanged();
    return this.list();
  }

  /** Deletes the group; its buddies stay in their other groups, or go to the default group. */
  async remove(name: string): Promise<BuddyGroupView[]> {
    this.requireGroup(name);
    if (name === DEFAULT_GROUP) throw invalidRequest(`“${DEFAULT_GROUP}” holds the buddies without a group: it cannot be deleted.`);
    this.deps.groups.remove(name);
    this.known.delete(name);
    this.changed();
    await this.regroupAll((groups) => groups.filter((group) => group !== name));
    this.personsChanged();
    return this.list();
  }

  reorder(names: readonly string[]): BuddyGroupView[] {
    // A group only a space's (plugin API 0.7 `Conversation.groups`) is kept once the user moves it.
    for (const name of names) if (!this.known.has(name) && cleanGroupName(name) === name && name !== '') this.adopt(name);
    this.deps.groups.reorder(names.filter((name) => this.known.has(name)));
    return this.changed();
  }

  setCollapsed(name: string, collapsed: boolean): BuddyGroupView[] {
    // A group only a space's is kept once the user collapses it.
    if (!this.known.has(name)) this.adopt(this.validName(name));
    this.deps.groups.setCollapsed(name, collapsed);
    return this.changed();
  }

  /** Moves the buddy out of `from` (the group it was shown in; all of them when undefined) into `to`. */
  async moveContact(member: PersonMember, from: string | undefined, to: string): Promise<void> {
    const contact = this.deps.contacts.get(member.accountId, member.contactId);
    if (!contact) throw notFound(`${member.contactId} is no longer on that buddy list.`);
    this.requireGroup(to);
    await this.setGroups(contact, movedGroups(contact.groups, from, to));
  }

  /** Shows the person in `to`, and moves each of its buddies there (on their networks too). */
  async movePerson(personId: number, to: string): Promise<void> {
    const person = this.deps.persons.get(personId);
    if (!person) throw notFound('That person is gone.');
    this.requireGroup(to);
    this.deps.groups.setPersonGroup(personId, to);
    this.personsChanged([personId]);
    const failures: string[] = [];
    for (const member of person.members) {
      const contact = this.deps.contacts.get(member.accountId, member.contactId);
      if (!contact) continue;
      await this.setGroups(contact, to === DEFAULT_GROUP ? [] : [to]).catch((error: unknown) => {
        failures.push(`${contact.displayName}: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
    if (failures.length > 0) throw new CoreError({ kind: 'network', message: `Moved, but not everywhere: ${failures.join('; ')}` });
  }

  private async setGroups(contact: Buddy, groups: readonly string[]): Promise<void> {
    if (sameGroups(contact.groups, groups)) return;
    if (this.keepsGroups(contact.accountId)) {
      // The server answers with a roster push to every resource (RFC 6121 §2.1.5), which
      // brings the same groups; storing them now shows the move without waiting for it.
      await this.deps.accounts.call(contact.accountId, 'updateContact', [{ id: contact.id, groups: [...groups] }]);
    } else {
      this.deps.groups.keepGroups(contact.accountId, contact.id, groups);
    }
    const current = this.deps.contacts.get(contact.accountId, contact.id) ?? contact;
    const stored = this.deps.contacts.upsert({ ...current, groups: [...groups] });
    this.deps.events.emit({ type: 'contact.changed', payload: { contact: stored } });
  }

  /** Applies `change` to every buddy's groups (a renamed or deleted group); failures are reported after the rest. */
  private async regroupAll(change: (groups: readonly string[]) => string[]): Promise<void> {
    const failures: string[] = [];
    for (const contact of this.deps.contacts.list()) {
      const groups = change(contact.groups);
      if (sameGroups(groups, contact.groups)) continue;
      await this.setGroups(contact, groups).catch((error: unknown) => {
        failures.push(`${contact.displayName}: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
    if (failures.length > 0) {
      throw new CoreError({ kind: 'network', message: `Done here, but these buddies keep their old group on their server for now: ${failures.join('; ')}` });
    }
  }

  private keepsGroups(accountId: string): boolean {
    return this.deps.accounts.capabilitiesOf(accountId)?.contactGroups === true;
  }

  private validName(raw: string): string {
    const name = cleanGroupName(raw);
    if (name === '') throw invalidRequest('A group needs a name.');
    return name;
  }

  private requireGroup(name: string): void {
    if (!this.known.has(name)) throw notFound(`There is no group called “${name}”.`);
  }

  private adopt(name: string): boolean {
    if (this.known.has(name)) return false;
    this.deps.groups.add(name);
    this.known.add(name);
    return true;
  }

  private changed(): BuddyGroupView[] {
    const groups = this.list();
    this.deps.events.emit({ type: 'groups.changed', payload: { groups } });
    return groups;
  }

  private personsChanged(ids?: readonly number[]): void {
    for (const person of this.deps.persons.list()) {
      if (ids === undefined || ids.includes(person.id)) this.deps.events.emit({ type: 'person.changed', payload: { person } });
    }
  }
}

/** The buddy's groups once moved out of `from` (every group when undefined) into `to`. */
export function movedGroups(groups: readonly string[], from: string | undefined, to: string): string[] {
  const shown = shownGroups(groups);
  const kept = from === undefined ? [] : shown.filter((name) => name !== from);
  const next = kept.includes(to) ? kept : [...kept, to];
  // The default group is where buddies without groups are: never written as a group of its own.
  const own = next.filter((name) => name !== DEFAULT_GROUP);
  return own.length === 0 || !next.includes(DEFAULT_GROUP) ? own : next;
}

function sameGroups(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, index) => name === b[index]);
}
