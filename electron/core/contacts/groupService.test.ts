import { describe, expect, it } from 'vitest';
import { parseConnectionResult } from '../../../protocols/api/validation/index.js';
import type { BridgeEvent } from '../../bridge/contract.js';
import { EventBatcher } from '../bridge/eventBatcher.js';
import { AccountsRepository } from '../store/accountsRepository.js';
import { BuddyGroupsRepository } from '../store/buddyGroupsRepository.js';
import { ContactsRepository } from '../store/contactsRepository.js';
import { openDatabase } from '../store/database.js';
import { PersonsRepository } from '../store/personsRepository.js';
import { GroupService, movedGroups } from './groupService.js';

/** An IRC account (groups kept in the profile) and an XMPP one (groups on the server, here a recorded call). */
function setup(start?: (contacts: ContactsRepository) => void) {
  const db = openDatabase(':memory:');
  const accounts = new AccountsRepository(db);
  for (const id of ['irc', 'xmpp']) accounts.insert({ id, pluginId: id, settings: {}, secretKeys: [], enabled: true, createdAt: 1 });
  const contacts = new ContactsRepository(db);
  const add = (accountId: string, id: string, groups: string[] = []) => contacts.upsert({ accountId, id, displayName: id, groups, presence: { status: 'available' } });
  start?.(contacts);
  const persons = new PersonsRepository(db);
  const events = new EventBatcher(0);
  const seen: BridgeEvent[] = [];
  events.subscribe((batch) => seen.push(...batch));
  const calls: unknown[] = [];
  const repository = new BuddyGroupsRepository(db);
  const make = () => new GroupService({
    groups: repository, contacts, persons, events,
    accounts: {
      capabilitiesOf: (accountId) => ({ contactGroups: accountId === 'xmpp' }),
      call: (accountId, method, args) => { calls.push([accountId, method, ...args]); return Promise.resolve(parseConnectionResult(method, null)); },
    },
  });
  const drain = (): BridgeEvent[] => {
    events.flush();
    return seen.splice(0);
  };
  return { db, contacts, persons, add, make, drain, calls, repository };
}

const names = (groups: readonly { name: string }[]) => groups.map((group) => group.name);

describe('buddy groups', () => {
  it('adopts the default group and the groups in use of a profile from before, sorted; new groups go last', () => {
    const { make } = setup((contacts) => {
      contacts.upsert({ accountId: 'xmpp', id: 'a@x', displayName: 'a', groups: ['Work', 'Friends'], presence: { status: 'available' } });
    });
    const service = make();
    expect(names(service.list())).toEqual(['Buddies', 'Friends', 'Work']);
    expect(names(service.create('  Family\u0007 '))).toEqual(['Buddies', 'Friends', 'Work', 'Family']);
    expect(() => service.create('family ')).not.toThrow();
    expect(() => service.create('Family')).toThrow(/already a group called “Family”/);
    expect(() => service.create('   ')).toThrow(/needs a name/);
  });

  it('reorders and collapses, and a new service (the next start) reads the same', () => {
    const { make, drain } = setup();
    const service = make();
    service.create('Work');
    service.create('Friends');
    service.reorder(['Friends', 'Buddies']);
    service.setCollapsed('Work', true);
    expect(make().list()).toEqual([{ name: 'Friends', collapsed: false }, { name: 'Buddies', collapsed: false }, { name: 'Work', collapsed: true }]);
    expect(drain().filter((event) => event.type === 'groups.changed')).toHaveLength(4);
  });

  it('keeps a group that was only a space\'s once the user collapses or moves it', () => {
    const { make } = setup();
    const service = make();
    service.setCollapsed('Team Space', true);
    service.reorder(['Projects', 'Buddies', 'Team Space']);
    expect(make().list()).toEqual([
      { name: 'Projects', collapsed: false }, { name: 'Buddies', collapsed: false }, { name: 'Team Space', collapsed: true },
    ]);
    expect(() => service.setCollapsed('  ', true)).toThrow('A group needs a name.');
  });

  it('moves an IRC buddy in the profile (the network\'s report no longer decides) and an XMPP buddy on the server', async () => {
    const { make, add, contacts, calls, drain } = setup();
    add('irc', 'bob');
    add('xmpp', 'carol@x', ['Friends']);
    const service = make();
    service.create('Work');
    await service.moveContact({ accountId: 'irc', contactId: 'bob' }, 'Buddies', 'Work');
    expect(contacts.get('irc', 'bob')?.groups).toEqual(['Work']);
    // IRC reports its MONITOR list without groups: the profile's stay.
    expect(service.groupsFor('irc', 'bob', [])).toEqual(['Work']);
    await service.moveContact({ accountId: 'xmpp', contactId: 'carol@x' }, 'Friends', 'Work');
    expect(calls).toEqual([['xmpp', 'updateContact', { id: 'carol@x', groups: ['Work'] }]]);
    // A roster push from another client decides for XMPP.
    expect(service.groupsFor('xmpp', 'carol@x', ['Elsewhere'])).toEqual(['Elsewhere']);
    expect(names(service.list())).toContain('Elsewhere');
    const changed = drain().flatMap((event) => (event.type === 'contact.changed' ? [`${event.payload.contact.id}:${event.payload.contact.groups.join(',')}`] : []));
    expect(changed).toEqual(['bob:Work', 'carol@x:Work']);
  });

  it('renames and deletes a group on every account; "Buddies" is neither renamed nor deleted', async () => {
    const { make, add, contacts, calls } = setup();
    add('irc', 'bob');
    add('xmpp', 'carol@x', ['Work', 'Friends']);
    const service = make();
    await service.moveContact({ accountId: 'irc', contactId: 'bob' }, undefined, 'Work');
    await service.rename('Work', 'Office');
    expect(contacts.get('irc', 'bob')?.groups).toEqual(['Office']);
    expect(calls.at(-1)).toEqual(['xmpp', 'updateContact', { id: 'carol@x', groups: ['Office', 'Friends'] }]);
    await service.remove('Office');
    expect(contacts.get('irc', 'bob')?.groups).toEqual([]);
    expect(names(service.list())).not.toContain('Office');
    await expect(service.rename('Buddies', 'Other')).rejects.toThrow(/keeps its name/);
    await expect(service.remove('Buddies')).rejects.toThrow(/cannot be deleted/);
  });

  it('moves a person with its buddies', async () => {
    const { make, add, persons, contacts, calls } = setup();
    add('irc', 'dave');
    add('xmpp', 'dave@x');
    const id = persons.create(undefined, [{ accountId: 'irc', contactId: 'dave' }, { accountId: 'xmpp', contactId: 'dave@x' }]);
    const service = make();
    service.create('Work');
    await service.movePerson(id, 'Work');
    expect(persons.get(id)?.group).toBe('Work');
    expect(contacts.get('irc', 'dave')?.groups).toEqual(['Work']);
    expect(calls).toEqual([['xmpp', 'updateContact', { id: 'dave@x', groups: ['Work'] }]]);
  });
});

describe('movedGroups', () => {
  it('replaces the group it was shown in, keeps its others, and never writes the default group alone', () => {
    expect(movedGroups([], 'Buddies', 'Work')).toEqual(['Work']);
    expect(movedGroups(['Work', 'Friends'], 'Work', 'Family')).toEqual(['Friends', 'Family']);
    expect(movedGroups(['Work'], 'Work', 'Buddies')).toEqual([]);
    expect(movedGroups(['Work', 'Friends'], 'Work', 'Buddies')).toEqual(['Friends', 'Buddies']);
    expect(movedGroups(['Work', 'Friends'], undefined, 'Family')).toEqual(['Family']);
    expect(movedGroups(['Work'], 'Work', 'Work')).toEqual(['Work']);
  });
});
