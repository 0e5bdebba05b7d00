import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrator.js';
import { PluginStateRepository } from '../pluginStateRepository.js';
import { migrations } from './index.js';

describe('0002-plugin-state', () => {
  it('adds per-account plugin storage to a database with accounts, which leaves with its account', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 1));
    db.exec(`INSERT INTO accounts (id, plugin_id, settings, secret_keys, position, created_at) VALUES
      ('a1', 'matrix', '{"homeserver":"https://example.org"}', '["password"]', 0, 1), ('a2', 'irc', '{}', '[]', 1, 2)`);
    const accountsBefore = db.prepare('SELECT * FROM accounts ORDER BY id').all();

    expect(migrate(db, migrations.slice(0, 2))).toEqual({ from: 1, to: 2 });
    expect(db.prepare('SELECT * FROM accounts ORDER BY id').all()).toEqual(accountsBefore);
    const state = new PluginStateRepository(db);
    state.set('a1', 'syncToken', { since: 's72594_4483_1934' });
    state.noteSecret('a1', 'accessToken', true);
    state.set('a2', 'nick', 'alice_');
    expect(state.get('a1', 'syncToken')).toEqual({ since: 's72594_4483_1934' });
    expect(state.listSecretKeys('a1')).toEqual(['accessToken']);
    expect(() => state.set('nobody', 'x', 1)).toThrow(/FOREIGN KEY/);

    db.exec("DELETE FROM accounts WHERE id = 'a1'");
    expect(state.get('a1', 'syncToken')).toBeUndefined();
    expect(state.listSecretKeys('a1')).toEqual([]);
    expect(state.get('a2', 'nick')).toBe('alice_');
  });
});
