import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrator.js';
import { PreferencesRepository } from '../preferencesRepository.js';
import { migrations } from './index.js';

describe('0010-preferences', () => {
  it('adds the preferences table to a database of the previous schema; values are JSON', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, migrations.slice(0, 9));
    expect(migrate(db, migrations.slice(0, 10))).toMatchObject({ from: 9 });
    const repository = new PreferencesRepository(db);
    repository.write(new Map<string, unknown>([['autoAwayMinutes', 5], ['buddySort', 'name']]), []);
    repository.write(new Map(), ['buddySort']);
    expect(repository.list()).toEqual(new Map([['autoAwayMinutes', 5]]));
    expect(() => db.prepare('INSERT INTO preferences (key, value) VALUES (?, ?)').run('x', '{not json')).toThrow(/CHECK/);
  });
});
