import type { Migration } from './migration.js';

/**
 * Persons (metacontacts, Pidgin's "contacts"): the user's grouping of buddies of different
 * accounts that are the same human. A buddy is in at most one person, keyed as contacts
 * are, by (account, network id); it leaves its person when it leaves its buddy list (the
 * cascade from contacts, which itself cascades from accounts). A person with fewer than
 * two buddies is dissolved by the person service, which also tells the UI.
 */
export const migration0008Persons: Migration = {
  version: 8,
  name: '0008-persons',
  up: (db) => {
    db.exec(`
      CREATE TABLE persons (
        id INTEGER PRIMARY KEY,
        name TEXT                              -- NULL: called after its first buddy
      ) STRICT;

      CREATE TABLE person_members (
        person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
        account_id TEXT NOT NULL,
        contact_id TEXT NOT NULL,
        position INTEGER NOT NULL,             -- merge order: the first merged comes first
        PRIMARY KEY (account_id, contact_id),
        FOREIGN KEY (account_id, contact_id) REFERENCES contacts(account_id, contact_id) ON DELETE CASCADE
      ) STRICT, WITHOUT ROWID;

      CREATE INDEX person_members_by_person ON person_members (person_id, position);
    `);
  },
};
