import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations/migration.js';

/**
 * Brings the schema to the newest version, one migration per transaction, recording the
 * version in `PRAGMA user_version`. A database newer than this build is refused rather
 * than misread.
 */
export function migrate(db: Database, migrations: readonly Migration[]): { from: number; to: number } {
  migrations.forEach((m, index) => {
    if (m.version !== index + 1) throw new Error(`Migration ${m.name} has version ${m.version}, expected ${index + 1}`);
  });
  const from = db.pragma('user_version', { simple: true }) as number;
  const newest = migrations.length;
  if (from > newest) {
    throw new Error(`The database is from a newer Switchboard (schema ${from}, this build knows ${newest}). Update Switchboard.`);
  }
  for (const migration of migrations.slice(from)) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return { from, to: newest };
}
