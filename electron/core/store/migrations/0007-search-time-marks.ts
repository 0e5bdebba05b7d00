import type { Migration } from './migration.js';

/**
 * Newest-first search without sorting every match (searchRepository.ts). FTS5 walks its
 * matches by rowid (the message id) cheaply and in order, but ids follow arrival, not time:
 * backfilled history and imports arrive late with old times, a confirmed message gets the
 * server's time. So for each block of 256 ids this keeps an upper bound: the newest
 * timestamp of any message with an id in that block or below. A search walking ids
 * downwards can stop once that bound is older than the last of the hits it holds.
 *
 * The bounds only ever grow (a deleted or edited message leaves them as they were): they
 * stay true, at worst looser.
 */
export const migration0007SearchTimeMarks: Migration = {
  version: 7,
  name: '0007-search-time-marks',
  up: (db) => {
    db.exec(`
      CREATE TABLE message_time_marks (
        block INTEGER PRIMARY KEY,   -- messages.id >> 8
        newest INTEGER NOT NULL      -- the newest timestamp of the messages with ids up to the end of this block
      );
      INSERT INTO message_time_marks (block, newest)
        SELECT block, max(newest) OVER (ORDER BY block)
        FROM (SELECT id >> 8 AS block, max(timestamp) AS newest FROM messages GROUP BY id >> 8);

      CREATE TRIGGER message_time_marks_insert AFTER INSERT ON messages BEGIN
        INSERT INTO message_time_marks (block, newest)
          VALUES (new.id >> 8, max(new.timestamp, coalesce(
            (SELECT newest FROM message_time_marks WHERE block < new.id >> 8 ORDER BY block DESC LIMIT 1), new.timestamp)))
          ON CONFLICT (block) DO UPDATE SET newest = max(newest, excluded.newest);
        -- Blocks above are left by deleted messages (ids are reused from the top): keep them bounds too.
        UPDATE message_time_marks SET newest = new.timestamp WHERE block > new.id >> 8 AND newest < new.timestamp;
      END;
      CREATE TRIGGER message_time_marks_update AFTER UPDATE OF timestamp ON messages WHEN new.timestamp > old.timestamp BEGIN
        UPDATE message_time_marks SET newest = new.timestamp WHERE block >= new.id >> 8 AND newest < new.timestamp;
      END;
    `);
  },
};
