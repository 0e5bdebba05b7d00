/**
 * Persons (metacontacts): the user merges buddies of different accounts or networks that
 * are the same human into one person, and separates them again. A buddy is in at most one
 * person; a person holds two to {@link MAX_PERSON_MEMBERS} buddies. When a buddy leaves
 * its buddy list (or its account is removed) it leaves its person, and a person left with
 * one buddy is dissolved. Every change is told to every window (person.changed / removed).
 */
import type { PersonMember, PersonView } from '../../bridge/schemas.js';
import { invalidRequest, notFound } from '../model/coreError.js';
import type { EventBatcher } from '../bridge/eventBatcher.js';
import type { ContactsRepository } from '../store/contactsRepository.js';
import type { PersonsRepository } from '../store/personsRepository.js';
import { cleanPersonName } from './personName.js';
import { preferredBuddy } from './preferredBuddy.js';

export const MAX_PERSON_MEMBERS = 20;

export interface PersonServiceDeps {
  readonly persons: PersonsRepository;
  readonly contacts: ContactsRepository;
  readonly events: EventBatcher;
  /** The time of the newest message of the direct conversation with the contact, 0 when there is none. */
  readonly lastDirectActivity: (accountId: string, contactId: string) => number;
}

export class PersonService {
  /** Accounts being removed: their buddies cannot join a person meanwhile. */
  private readonly removing = new Set<string>();

  constructor(private readonly deps: PersonServiceDeps) {}

  list(): PersonView[] {
    return this.deps.persons.list();
  }

  /**
   * Puts `a` and `b` in one person: a new one, the one either is in, or (when both are in
   * one) the two persons joined into `a`'s. A name given (once cleaned) names the result.
   */
  merge(a: PersonMember, b: PersonMember, rawName: string | undefined): PersonView {
    if (a.accountId === b.accountId && a.contactId === b.contactId) throw invalidRequest('A buddy cannot be merged with itself.');
    for (const member of [a, b]) {
      if (this.removing.has(member.accountId)) throw invalidRequest('That account is being removed.');
      if (!this.deps.contacts.get(member.accountId, member.contactId)) {
        throw notFound(`${member.contactId} is no longer on that buddy list.`);
      }
    }
    const name = cleanPersonName(rawName);
    const { persons } = this.deps;
    const { id, joined } = persons.transaction((): { id: number; joined?: number } => {
      const ofA = persons.personOf(a.accountId, a.contactId);
      const ofB = persons.personOf(b.accountId, b.contactId);
      if (ofA !== undefined && ofA === ofB) {
        if (name === undefined) throw invalidRequest('These buddies are already one person.');
        persons.rename(ofA, name);
        return { id: ofA };
      }
      const size = (personId: number | undefined): number => (personId === undefined ? 1 : persons.get(personId)?.members.length ?? 1);
      if (size(ofA) + size(ofB) > MAX_PERSON_MEMBERS) {
        throw invalidRequest(`A person holds at most ${MAX_PERSON_MEMBERS} buddies.`);
      }
      let result: { id: number; joined?: number };
      if (ofA !== undefined && ofB !== undefined) {
        persons.join(ofA, ofB);
        result = { id: ofA, joined: ofB };
      } else if (ofA !== undefined) {
        persons.add(ofA, b);
        result = { id: ofA };
      } else if (ofB !== undefined) {
        persons.add(ofB, a);
        result = { id: ofB };
      } else {
        result = { id: persons.create(name, [a, b]) };
      }
      if (name !== undefined) persons.rename(result.id, name);
      return result;
    });
    if (joined !== undefined) this.deps.events.emit({ type: 'person.removed', payload: { personId: joined } });
    const person = persons.get(id);
    if (!person) throw notFound('That person is gone.');
    this.deps.events.emit({ type: 'person.changed', payload: { person } });
    return person;
  }

  /** The buddy a chat with the person goes to ({@link preferredBuddy}). */
  preferredBuddy(personId: number): PersonMember {
    const person = this.deps.persons.get(personId);
    if (!person) throw notFound('That person is gone.');
    const buddies = person.members.flatMap((member) => this.deps.contacts.get(member.accountId, member.contactId) ?? []);
    const buddy = preferredBuddy(buddies, (contact) => this.deps.lastDirectActivity(contact.accountId, contact.id));
    if (!buddy) throw notFound(`${person.name ?? 'That person'} has no buddies left.`);
    return { accountId: buddy.accountId, contactId: buddy.id };
  }

  /** Names the person; a blank name (once cleaned) calls it after its first buddy again. */
  rename(personId: number, rawName: string): PersonView {
    if (!this.deps.persons.get(personId)) throw notFound('That person is gone.');
    this.deps.persons.rename(personId, cleanPersonName(rawName));
    const person = this.deps.persons.get(personId);
    if (!person) throw notFound('That person is gone.');
    this.deps.events.emit({ type: 'person.changed', payload: { person } });
    return person;
  }

  /** Takes the buddy out of its person. */
  separate(member: PersonMember): void {
    const personId = this.deps.persons.personOf(member.accountId, member.contactId);
    if (personId === undefined) throw notFound(`${member.contactId} is not merged with anyone.`);
    this.deps.persons.removeMemberOf(member.accountId, member.contactId);
    this.settle([personId]);
  }

  /**
   * Removes a contact with `remove` (its membership goes with its row) and then settles
   * the person it was in. Returns what `remove` returned.
   */
  removingContact<T>(accountId: string, contactId: string, remove: () => T): T {
    const personId = this.deps.persons.personOf(accountId, contactId);
    const result = remove();
    if (personId !== undefined) this.settle([personId]);
    return result;
  }

  /**
   * Removes an account with `remove`; meanwhile its buddies cannot be merged, and
   * afterwards the persons they were in are settled (also when removing failed half-way).
   */
  async removingAccount(accountId: string, remove: () => Promise<void>): Promise<void> {
    this.removing.add(accountId);
    const personIds = this.deps.persons.personsWithAccount(accountId);
    try {
      await remove();
    } finally {
      this.removing.delete(accountId);
      this.settle(personIds);
    }
  }

  /** Tells the UI how each person is now, dissolving those left with fewer than two buddies. */
  private settle(personIds: readonly number[]): void {
    for (const personId of new Set(personIds)) {
      const person = this.deps.persons.get(personId);
      if (person && person.members.length >= 2) {
        this.deps.events.emit({ type: 'person.changed', payload: { person } });
        continue;
      }
      this.deps.persons.remove(personId);
      this.deps.events.emit({ type: 'person.removed', payload: { personId } });
    }
  }
}
