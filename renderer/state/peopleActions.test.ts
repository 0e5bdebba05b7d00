import { describe, expect, it } from 'vitest';
import type { PersonView } from '../../electron/bridge/schemas.js';
import { resetContacts } from './contacts.js';
import { personEntries, resetPeople } from './people.js';
import { setupActions } from './testActions.js';
import { contact, conversation } from './testData.js';

const bobIrc = contact({ accountId: 'irc', id: 'bob', presence: { status: 'away' } });
const bobXmpp = contact({ accountId: 'xmpp', id: 'bob@x.org' });
const carol = contact({ accountId: 'xmpp', id: 'carol@x.org' });

describe('people actions', () => {
  it('merge: ask the core with the trimmed name and show the person it answers (a joined one replaced)', async () => {
    const person: PersonView = { id: 3, name: 'Bob', members: [{ accountId: 'irc', contactId: 'bob' }, { accountId: 'xmpp', contactId: 'bob@x.org' }, { accountId: 'xmpp', contactId: 'carol@x.org' }] };
    const { stores, actions, calls } = setupActions({ 'contacts.merge': () => person });
    stores.people.setState(resetPeople([{ id: 2, members: [{ accountId: 'xmpp', contactId: 'carol@x.org' }, { accountId: 'irc', contactId: 'carol' }] }]));
    await actions.mergeContacts(bobIrc, bobXmpp, '  Bob  ');
    expect(calls).toEqual([['contacts.merge', { accountId: 'irc', contactId: 'bob', withAccountId: 'xmpp', withContactId: 'bob@x.org', name: 'Bob' }]]);
    expect([...stores.people.getState().byId.values()]).toEqual([person]);
    await actions.mergeContacts(bobIrc, carol, ' ');
    expect(calls[1]).toEqual(['contacts.merge', { accountId: 'irc', contactId: 'bob', withAccountId: 'xmpp', withContactId: 'carol@x.org' }]);
  });

  it('rename: ask the core with the trimmed name and show the person it answers', async () => {
    const members = [{ accountId: 'irc', contactId: 'bob' }, { accountId: 'xmpp', contactId: 'bob@x.org' }];
    const { stores, actions, calls } = setupActions({ 'people.rename': () => ({ id: 1, name: 'Robert', members }) });
    stores.people.setState(resetPeople([{ id: 1, members }]));
    await actions.renamePerson(1, '  Robert ');
    expect(calls).toEqual([['people.rename', { personId: 1, name: 'Robert' }]]);
    expect(stores.people.getState().byId.get(1)?.name).toBe('Robert');
  });

  it('separate: the buddy leaves its person at once; a refusal leaves the person as it was', async () => {
    const { stores, actions } = setupActions({ 'contacts.separate': () => null });
    stores.people.setState(resetPeople([{ id: 1, members: [{ accountId: 'irc', contactId: 'bob' }, { accountId: 'xmpp', contactId: 'bob@x.org' }] }]));
    await actions.separateContact(bobIrc);
    expect(stores.people.getState().byId.size).toBe(0);
    const refused = setupActions({});
    refused.stores.people.setState(resetPeople([{ id: 1, members: [{ accountId: 'irc', contactId: 'bob' }, { accountId: 'xmpp', contactId: 'bob@x.org' }] }]));
    await expect(refused.actions.separateContact(bobIrc)).rejects.toThrow(/not supported/);
    expect(refused.stores.people.getState().byId.size).toBe(1);
  });

  it('open a person: the conversation the core opens for it, shown; toggling shows and hides its buddies', async () => {
    const { stores, actions, calls } = setupActions({
      'people.open': () => conversation({ id: 9, kind: 'direct', accountId: 'xmpp', networkId: 'bob@x.org', title: 'bob@x.org' }),
    });
    stores.contacts.setState(resetContacts([bobIrc, bobXmpp]));
    const [entry] = personEntries(resetPeople([{ id: 1, members: [{ accountId: 'irc', contactId: 'bob' }, { accountId: 'xmpp', contactId: 'bob@x.org' }] }]),
      stores.contacts.getState().byKey, () => 'IRC');
    if (!entry) throw new Error('no person');
    await actions.openPerson(entry);
    expect(calls[0]).toEqual(['people.open', { personId: 1 }]);
    expect(stores.conversations.getState().byId.get(9)?.networkId).toBe('bob@x.org');
    expect(stores.conversations.getState().activeId).toBe(9);
    actions.togglePerson(1);
    expect([...stores.ui.getState().expandedPersons]).toEqual([1]);
    actions.togglePerson(1);
    expect(stores.ui.getState().expandedPersons.size).toBe(0);
  });
});
