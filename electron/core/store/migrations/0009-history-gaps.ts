import type { Migration } from './migration.js';

/**
 * History gaps (plugin API 0.4 `history.gap`): stretches of a conversation where messages
 * may be missing, because a catch-up after an outage stopped before it met what was
 * stored. Open until the user loads them; a loaded gap stays as a filled range, so that
 * a plugin reporting the same gap again (it does not know the core filled it) is not
 * shown again. `after` is absent when the gap reaches back to the start of the conversation.
 */
export const migration0009HistoryGaps: Migration = {
  version: 9,
  name: '0009-history-gaps',
  up: (db) => {
    db.exec(`
      CREATE TABLE history_gaps (
        id INTEGER PRIMARY KEY,
        conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        after_network_id TEXT,
        after_time INTEGER,                    -- NULL: nothing older is known
        before_network_id TEXT,
        before_time INTEGER NOT NULL,          -- paging back starts here
        reason TEXT,
        filled INTEGER NOT NULL DEFAULT 0 CHECK (filled IN (0, 1))  -- loaded: kept so the same gap reported again is known stored
      ) STRICT;

      CREATE INDEX history_gaps_by_conversation ON history_gaps (conversation_id, before_time);
    `);
  },
};
