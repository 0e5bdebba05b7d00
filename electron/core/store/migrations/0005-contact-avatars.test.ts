import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrator.js';
import { migrations } from './index.js';

describe('0005-contact-avatars', () => {
  it('keeps the buddy list stored before it, without pictures, and stores pictures after', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 4));
    db.exec(`
      INSERT INTO accounts (id, plugin_id, settings, secret_keys, position, created_at) VALUES ('a1', 'xmpp', '{}', '[]', 0, 1);
      INSERT INTO contacts (account_id, contact_id, display_name, groups, subscription, blocked, presence_status, presence_message)
        VALUES ('a1', 'bob@example.org', 'Bob', '["Friends"]', 'both', 0, 'away', 'lunch');
    `);
    const before = db.prepare('SELECT * FROM contacts').get() as Record<string, unknown>;

    expect(migrate(db, migrations.slice(0, 5))).toEqual({ from: 4, to: 5 });
    expect(db.prepare('SELECT * FROM contacts').get()).toEqual({ ...before, avatar: null });
    db.exec("UPDATE contacts SET avatar = 'data:image/png;base64,iVBORw0KGgo=' WHERE contact_id = 'bob@example.org'");
    expect(db.prepare('SELECT avatar FROM contacts').get()).toEqual({ avatar: 'data:image/png;base64,iVBORw0KGgo=' });
  });
});
