import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migrations } from './migrations/index.js';
import { migrate } from './migrator.js';

/**
 * Opens (creating if needed) the profile's database with WAL, foreign keys and a busy
 * timeout, and migrates it. `synchronous = NORMAL` in WAL mode survives a killed process
 * (only a power cut can lose the last transactions), which is the trade every desktop
 * client makes.
 */
export function openDatabase(file: string): Database {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, migrations);
  return db;
}
