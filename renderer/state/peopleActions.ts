/** Persons (metacontacts): merging buddies into one, separating them, opening a person. */
import type { ContactView, ConversationView, PersonView } from '../../electron/bridge/schemas.js';
import type { ActionContext } from './actionContext.js';
import { contactKey } from './contacts.js';
import { applyPersonEvents, withoutMember, type PersonEntry } from './people.js';

export interface PeopleActions {
  /** Opens "Merge with…" for this buddy. */
  askToMerge(contact: ContactView): void;
  /** Makes one person of the two buddies (joining their persons), named `name` when it is not blank. */
  mergeContacts(contact: ContactView, other: ContactView, name: string): Promise<PersonView>;
  /** Names the person; a blank name calls it after its first buddy again. */
  renamePerson(personId: number, name: string): Promise<PersonView>;
  /** Takes the buddy out of its person. */
  separateContact(contact: ContactView): Promise<void>;
  /** Opens the direct conversation with the buddy the core prefers (`people.open`). */
  openPerson(person: PersonEntry): Promise<ConversationView>;
  /** Shows or hides the person's buddies under it (in this window). */
  togglePerson(personId: number): void;
}

/** `opened` shows a conversation the core returned (adds it to the store, activates it). */
export function createPeopleActions(context: ActionContext, opened: (conversation: ConversationView) => ConversationView): PeopleActions {
  const { stores, client } = context;
  return {
    askToMerge: (contact) => stores.ui.setState({ dialog: { kind: 'merge-contact', contact } }),
    mergeContacts: async (contact, other, name) => {
      const trimmed = name.trim();
      const person = await client().request('contacts.merge', {
        accountId: contact.accountId, contactId: contact.id, withAccountId: other.accountId, withContactId: other.id,
        ...(trimmed === '' ? {} : { name: trimmed }),
      });
      // The core's person.changed (and person.removed for a person joined into it) follows.
      const state = stores.people.getState();
      const byId = new Map(state.byId);
      const joined = new Set(person.members.map((member) => contactKey(member.accountId, member.contactId)));
      for (const [id, existing] of state.byId) {
        if (id !== person.id && existing.members.some((member) => joined.has(contactKey(member.accountId, member.contactId)))) byId.delete(id);
      }
      byId.set(person.id, person);
      stores.people.setState({ ...state, byId });
      return person;
    },
    renamePerson: async (personId, name) => {
      const person = await client().request('people.rename', { personId, name: name.trim() });
      stores.people.setState(applyPersonEvents(stores.people.getState(), [{ type: 'person.changed', payload: { person } }]));
      return person;
    },
    separateContact: async (contact) => {
      await client().request('contacts.separate', { accountId: contact.accountId, contactId: contact.id });
      stores.people.setState(withoutMember(stores.people.getState(), contact.accountId, contact.id));
    },
    openPerson: async (person) => opened(await client().request('people.open', { personId: person.id })),
    togglePerson: (personId) => {
      const expanded = new Set(stores.ui.getState().expandedPersons);
      if (!expanded.delete(personId)) expanded.add(personId);
      stores.ui.setState({ expandedPersons: expanded });
    },
  };
}
