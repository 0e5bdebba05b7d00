import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AccountsRepository } from '../accountsRepository.js';
import { ContactsRepository } from '../contactsRepository.js';
import { migrate } from '../migrator.js';
import { PersonsRepository } from '../personsRepository.js';
import { migrations } from './index.js';

describe('0008-persons', () => {
  it('adds persons to a database with buddies, and a buddy leaving its list (or account) leaves its person', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 7));
    const accounts = new AccountsRepository(db);
    accounts.insert({ id: 'irc', pluginId: 'irc', settings: {}, secretKeys: [], enabled: true, createdAt: 1 });
    accounts.insert({ id: 'xmpp', pluginId: 'xmpp', settings: {}, secretKeys: [], enabled: true, createdAt: 2 });
    const contacts = new ContactsRepository(db);
    const contact = (accountId: string, id: string) => contacts.upsert({ accountId, id, displayName: id, groups: [], presence: { status: 'unknown' } });
    contact('irc', 'bob');
    contact('xmpp', 'bob@example.org');
    contact('xmpp', 'carol@example.org');

    expect(migrate(db, migrations.slice(0, 8))).toEqual({ from: 7, to: 8 });
    // Today's repository reads today's schema (0011 adds the person's group).
    migrate(db, migrations);
    const persons = new PersonsRepository(db);
    const id = persons.create('Bob', [{ accountId: 'irc', contactId: 'bob' }, { accountId: 'xmpp', contactId: 'bob@example.org' }]);
    persons.add(id, { accountId: 'xmpp', contactId: 'carol@example.org' });
    expect(persons.list()).toEqual([{ id, name: 'Bob', members: [
      { accountId: 'irc', contactId: 'bob' }, { accountId: 'xmpp', contactId: 'bob@example.org' }, { accountId: 'xmpp', contactId: 'carol@example.org' },
    ] }]);
    // A buddy is in one person at most.
    expect(() => persons.create(undefined, [{ accountId: 'irc', contactId: 'bob' }])).toThrow(/UNIQUE/);
    // Only buddies that are on a buddy list can be members.
    expect(() => persons.add(id, { accountId: 'irc', contactId: 'nobody' })).toThrow(/FOREIGN KEY/);

    contacts.remove('xmpp', 'carol@example.org');
    expect(persons.get(id)?.members).toHaveLength(2);
    accounts.remove('xmpp');
    expect(persons.get(id)?.members).toEqual([{ accountId: 'irc', contactId: 'bob' }]);
  });
});
