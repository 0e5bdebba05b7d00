import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AccountsRepository } from '../accountsRepository.js';
import { BuddyGroupsRepository } from '../buddyGroupsRepository.js';
import { ContactsRepository } from '../contactsRepository.js';
import { migrate } from '../migrator.js';
import { PersonsRepository } from '../personsRepository.js';
import { migrations } from './index.js';

describe('0012-buddy-groups', () => {
  it('adds groups, kept groups, a person\'s group and dismissed pairs to a database with persons; kept groups leave with their buddy', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 11));
    new AccountsRepository(db).insert({ id: 'irc', pluginId: 'irc', settings: {}, secretKeys: [], enabled: true, createdAt: 1 });
    const contacts = new ContactsRepository(db);
    for (const id of ['bob', 'carol']) contacts.upsert({ accountId: 'irc', id, displayName: id, groups: [], presence: { status: 'unknown' } });
    db.prepare('INSERT INTO persons (id, name) VALUES (1, NULL)').run();
    db.prepare("INSERT INTO person_members VALUES (1, 'irc', 'bob', 1), (1, 'irc', 'carol', 2)").run();

    expect(migrate(db, migrations)).toMatchObject({ from: 11 });
    const groups = new BuddyGroupsRepository(db);
    expect(groups.add('Work')).toBe(true);
    expect(groups.add('Work')).toBe(false);
    groups.keepGroups('irc', 'bob', ['Work']);
    groups.setPersonGroup(1, 'Work');
    groups.dismiss('a|b');
    expect(new PersonsRepository(db).get(1)?.group).toBe('Work');
    expect(groups.keptGroups('irc', 'bob')).toEqual(['Work']);
    expect(groups.dismissed()).toEqual(new Set(['a|b']));
    contacts.remove('irc', 'bob');
    expect(groups.keptGroups('irc', 'bob')).toBeUndefined();
    groups.remove('Work');
    expect(new PersonsRepository(db).get(1)?.group).toBeUndefined();
    expect(groups.personGroupsById()).toEqual(new Map());
  });
});
