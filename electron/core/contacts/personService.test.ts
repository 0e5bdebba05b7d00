import { describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../bridge/contract.js';
import { CoreError, type CoreErrorData } from '../model/coreError.js';
import { EventBatcher } from '../bridge/eventBatcher.js';
import { AccountsRepository } from '../store/accountsRepository.js';
import { ContactsRepository } from '../store/contactsRepository.js';
import { PersonsRepository } from '../store/personsRepository.js';
import { MAX_PERSON_MEMBERS, PersonService } from './personService.js';
import { openDatabase } from '../store/database.js';

function setup() {
  const db = openDatabase(':memory:');
  const accounts = new AccountsRepository(db);
  for (const id of ['irc', 'xmpp']) accounts.insert({ id, pluginId: id, settings: {}, secretKeys: [], enabled: true, createdAt: 1 });
  const contacts = new ContactsRepository(db);
  const add = (accountId: string, id: string) => contacts.upsert({ accountId, id, displayName: id, groups: [], presence: { status: 'available' } });
  for (const id of ['bob', 'carol', 'dave']) { add('irc', id); add('xmpp', `${id}@x.org`); }
  const events = new EventBatcher(0);
  const seen: BridgeEvent[] = [];
  events.subscribe((batch) => seen.push(...batch));
  const activity = new Map<string, number>();
  const service = new PersonService({
    persons: new PersonsRepository(db), contacts, events,
    lastDirectActivity: (accountId, contactId) => activity.get(`${accountId}/${contactId}`) ?? 0,
  });
  const drain = (): BridgeEvent[] => {
    events.flush();
    return seen.splice(0);
  };
  return { db, accounts, contacts, add, service, drain, activity };
}

const irc = (contactId: string) => ({ accountId: 'irc', contactId });
const xmpp = (contactId: string) => ({ accountId: 'xmpp', contactId });

function fault(work: () => unknown): CoreErrorData {
  try {
    work();
  } catch (error) {
    if (error instanceof CoreError) return error.data;
    throw error;
  }
  throw new Error('no fault');
}

describe('PersonService', () => {
  it('merges two buddies into a named person, tells every window, and lists it', () => {
    const { service, drain } = setup();
    const person = service.merge(irc('bob'), xmpp('bob@x.org'), '  Bob\u0007 Smith \u202e ');
    expect(person).toEqual({ id: person.id, name: 'Bob Smith', members: [irc('bob'), xmpp('bob@x.org')] });
    expect(drain()).toEqual([{ type: 'person.changed', payload: { person } }]);
    expect(service.list()).toEqual([person]);
  });

  it('adds a third buddy to the person, and joins two persons into the first', () => {
    const { service, drain } = setup();
    const bob = service.merge(irc('bob'), xmpp('bob@x.org'), undefined);
    const carol = service.merge(irc('carol'), xmpp('carol@x.org'), 'Carol');
    expect(service.merge(irc('dave'), irc('bob'), undefined).members).toEqual([irc('bob'), xmpp('bob@x.org'), irc('dave')]);
    drain();
    const joined = service.merge(xmpp('bob@x.org'), irc('carol'), undefined);
    expect(joined).toEqual({ id: bob.id, members: [irc('bob'), xmpp('bob@x.org'), irc('dave'), irc('carol'), xmpp('carol@x.org')] });
    expect(drain()).toEqual([{ type: 'person.removed', payload: { personId: carol.id } }, { type: 'person.changed', payload: { person: joined } }]);
    expect(service.list()).toEqual([joined]);
  });

  it('refuses a buddy with itself, a buddy that is gone, an account being removed, and a person over the limit, losing nothing', async () => {
    const { service, add, drain } = setup();
    const bob = service.merge(irc('bob'), xmpp('bob@x.org'), 'Bob');
    drain();
    expect(fault(() => service.merge(irc('carol'), irc('carol'), undefined))).toEqual({ kind: 'invalid-request', message: 'A buddy cannot be merged with itself.' });
    expect(fault(() => service.merge(irc('carol'), irc('zed'), undefined))).toMatchObject({ kind: 'not-found', message: expect.stringContaining('zed') as string });
    expect(fault(() => service.merge(irc('carol'), { accountId: 'gone', contactId: 'x' }, undefined))).toMatchObject({ kind: 'not-found' });
    expect(fault(() => service.merge(irc('bob'), xmpp('bob@x.org'), undefined))).toEqual({ kind: 'invalid-request', message: 'These buddies are already one person.' });

    let release = (): void => undefined;
    const removal = service.removingAccount('xmpp', () => new Promise<void>((resolve) => { release = resolve; }));
    expect(fault(() => service.merge(irc('carol'), xmpp('carol@x.org'), undefined))).toEqual({ kind: 'invalid-request', message: 'That account is being removed.' });
    release();
    await removal;
    drain();

    for (let i = 0; i < MAX_PERSON_MEMBERS - 2; i++) {
      add('irc', `bob${i}`);
      service.merge(irc('bob'), irc(`bob${i}`), undefined);
    }
    add('irc', 'one-too-many');
    expect(fault(() => service.merge(irc('one-too-many'), irc('bob'), undefined))).toEqual({ kind: 'invalid-request', message: `A person holds at most ${MAX_PERSON_MEMBERS} buddies.` });
    expect(service.list()[0]?.members).toHaveLength(MAX_PERSON_MEMBERS);
    expect(service.list()[0]?.name).toBe('Bob');
    expect(service.list()[0]?.id).toBe(bob.id);
  });

  it('cleans a name: blank or only controls is no name, a long one is cut at 100 characters', () => {
    const { service } = setup();
    expect(service.merge(irc('bob'), xmpp('bob@x.org'), ' \u0000\u200b\t ').name).toBeUndefined();
    expect(service.merge(irc('carol'), xmpp('carol@x.org'), 'x'.repeat(5000)).name).toBe('x'.repeat(100));
  });

  it('renames a person (cleaned), a blank name calls it after its first buddy again; an unknown person is an error', () => {
    const { service, drain } = setup();
    const person = service.merge(irc('bob'), xmpp('bob@x.org'), undefined);
    drain();
    expect(service.rename(person.id, '  Robert\u202E  Smith ').name).toBe('Robert Smith');
    expect(drain()).toEqual([{ type: 'person.changed', payload: { person: { ...person, name: 'Robert Smith' } } }]);
    expect(service.rename(person.id, '   ').name).toBeUndefined();
    expect(service.list()[0]?.name).toBeUndefined();
    expect(fault(() => service.rename(person.id + 1, 'x'))).toMatchObject({ kind: 'not-found' });
  });

  it('separates a buddy; a person left with one buddy is dissolved; separating a lone buddy is an error', () => {
    const { service, drain } = setup();
    const bob = service.merge(irc('bob'), xmpp('bob@x.org'), 'Bob');
    service.merge(irc('bob'), irc('dave'), undefined);
    drain();
    service.separate(irc('dave'));
    expect(drain()).toEqual([{ type: 'person.changed', payload: { person: { id: bob.id, name: 'Bob', members: [irc('bob'), xmpp('bob@x.org')] } } }]);
    service.separate(xmpp('bob@x.org'));
    expect(drain()).toEqual([{ type: 'person.removed', payload: { personId: bob.id } }]);
    expect(service.list()).toEqual([]);
    expect(fault(() => service.separate(irc('bob')))).toMatchObject({ kind: 'not-found' });
  });

  it('takes a buddy that leaves its list, or whose account is removed, out of its person', async () => {
    const { service, contacts, accounts, drain } = setup();
    const bob = service.merge(irc('bob'), xmpp('bob@x.org'), undefined);
    service.merge(irc('bob'), irc('dave'), undefined);
    const carol = service.merge(irc('carol'), xmpp('carol@x.org'), undefined);
    drain();
    expect(service.removingContact('irc', 'dave', () => contacts.remove('irc', 'dave'))).toBe(true);
    expect(drain()).toEqual([{ type: 'person.changed', payload: { person: { id: bob.id, members: [irc('bob'), xmpp('bob@x.org')] } } }]);
    await service.removingAccount('xmpp', () => {
      accounts.remove('xmpp');
      return Promise.resolve();
    });
    expect(drain()).toEqual([
      { type: 'person.removed', payload: { personId: bob.id } },
      { type: 'person.removed', payload: { personId: carol.id } },
    ]);
    expect(service.list()).toEqual([]);
  });

  it('chooses the buddy a chat with the person goes to: most reachable, then the last talked with, else the first merged', () => {
    const { service, contacts, activity } = setup();
    const status = (accountId: string, id: string, presence: 'available' | 'away' | 'busy' | 'offline') =>
      contacts.upsert({ accountId, id, displayName: id, groups: [], presence: { status: presence } });
    const person = service.merge(irc('bob'), xmpp('bob@x.org'), undefined);
    service.merge(irc('bob'), irc('carol'), undefined);
    status('irc', 'bob', 'away');
    status('xmpp', 'bob@x.org', 'busy');
    status('irc', 'carol', 'offline');
    expect(service.preferredBuddy(person.id)).toEqual(xmpp('bob@x.org'));
    status('xmpp', 'bob@x.org', 'away');
    expect(service.preferredBuddy(person.id)).toEqual(irc('bob'));
    activity.set('xmpp/bob@x.org', 50);
    activity.set('irc/bob', 20);
    expect(service.preferredBuddy(person.id)).toEqual(xmpp('bob@x.org'));
    activity.set('irc/carol', 99);
    status('irc', 'bob', 'offline');
    status('xmpp', 'bob@x.org', 'offline');
    expect(service.preferredBuddy(person.id)).toEqual(irc('bob'));
    expect(fault(() => service.preferredBuddy(person.id + 100))).toMatchObject({ kind: 'not-found' });
  });
});
