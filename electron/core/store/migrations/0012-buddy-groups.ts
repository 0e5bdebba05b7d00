import type { Migration } from './migration.js';

/**
 * Buddy-list groups and suggested merges, kept in the profile.
 * - `buddy_groups`: every group the list shows, in the user's order, with whether it is
 *   collapsed. Groups are merged across networks by name ("Work" holds buddies of every
 *   account), so a name is the key.
 * - `contact_groups`: the groups of buddies whose network keeps none (IRC's MONITOR list,
 *   Matrix DMs): the user's choice, which replaces what the plugin reports. Buddies of
 *   networks that keep groups (XMPP roster groups, RFC 6121 §2.1.2.2) are not in it.
 * - `persons.group_name`: the group a person is shown in (NULL: its first buddy's).
 * - `dismissed_merge_suggestions`: pairs of buddies the user said are not the same person
 *   (never suggested again), keyed by the pair in a fixed order.
 */
export const migration0012BuddyGroups: Migration = {
  version: 12,
  name: '0012-buddy-groups',
  up: (db) => {
    db.exec(`
      CREATE TABLE buddy_groups (
        name TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        collapsed INTEGER NOT NULL DEFAULT 0 CHECK (collapsed IN (0, 1))
      ) STRICT;

      CREATE TABLE contact_groups (
        account_id TEXT NOT NULL,
        contact_id TEXT NOT NULL,
        groups TEXT NOT NULL CHECK (json_valid(groups)),
        PRIMARY KEY (account_id, contact_id),
        FOREIGN KEY (account_id, contact_id) REFERENCES contacts(account_id, contact_id) ON DELETE CASCADE
      ) STRICT, WITHOUT ROWID;

      ALTER TABLE persons ADD COLUMN group_name TEXT;

      CREATE TABLE dismissed_merge_suggestions (
        pair TEXT PRIMARY KEY
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
