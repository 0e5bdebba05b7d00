/**
 * "Try to recover": copies every row that can still be read from a damaged database into
 * a new one, table by table, in rowid order. Where SQLite refuses to read (a damaged page),
 * the copy skips ahead, doubling the step until reading works again, so one bad page costs
 * the rows on it and not the rest of the table. SQLite's own `.recover` lives in its shell
 * and in an extension that better-sqlite3 does not build (no `sqlite_dbpage`), so this is
 * the same idea at the level of SQL.
 *
 * The copy goes into a database created with the migrations up to the damaged one's schema
 * version, and is migrated to the newest afterwards; full-text indexes are rebuilt by their
 * triggers as rows are copied; rows whose parent was lost are dropped (foreign_key_check).
 */
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { closeSync, copyFileSync, existsSync, openSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import type { Migration } from '../migrations/migration.js';
import { migrate } from '../migrator.js';

export interface SalvageReport {
  /** Rows copied per table. */
  readonly copied: Readonly<Record<string, number>>;
  /** Damaged stretches skipped, over all tables. */
  readonly damagedStretches: number;
  /** Rows dropped because what they belonged to was lost. */
  readonly orphansDropped: number;
}

const PAGE = 500;

function schemaVersion(source: Database, newest: number): number {
  try {
    const version = source.pragma('user_version', { simple: true });
    return typeof version === 'number' && version >= 1 && version <= newest ? version : newest;
  } catch {
    return newest;
  }
}

/** Ordinary tables of the schema: not SQLite's own, not virtual tables nor their shadow tables. */
function copyableTables(db: Database): string[] {
  const rows = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string; sql: string | null }[];
  const virtual = rows.filter((r) => /^CREATE VIRTUAL TABLE/i.test(r.sql ?? '')).map((r) => r.name);
  return rows.map((r) => r.name).filter((name) => !virtual.some((v) => name === v || name.startsWith(`${v}_`)));
}

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

function hasRowid(db: Database, table: string): boolean {
  const row = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) as { sql: string | null } | undefined;
  return !/WITHOUT\s+ROWID/i.test(row?.sql ?? '');
}

/** Small keyed tables (WITHOUT ROWID): all of it or, when unreadable, nothing. */
function copyWholeTable(source: Database, target: Database, table: string, list: string, marks: string): { copied: number; stretches: number } {
  try {
    const rows = source.prepare(`SELECT ${list} FROM ${quote(table)}`).raw(true).all() as unknown[][];
    const insert = target.prepare(`INSERT OR IGNORE INTO ${quote(table)} (${list}) VALUES (${marks})`);
    target.transaction(() => {
      for (const row of rows) insert.run(...row);
    })();
    return { copied: rows.length, stretches: 0 };
  } catch {
    return { copied: 0, stretches: 1 };
  }
}

function copyTable(source: Database, target: Database, table: string): { copied: number; stretches: number } {
  const columns = (target.pragma(`table_info(${quote(table)})`) as { name: string }[]).map((c) => quote(c.name));
  const list = columns.join(', ');
  if (!hasRowid(target, table)) return copyWholeTable(source, target, table, list, columns.map(() => '?').join(', '));
  const insert = target.prepare(`INSERT OR IGNORE INTO ${quote(table)} (rowid, ${list}) VALUES (${['?', ...columns.map(() => '?')].join(', ')})`);
  let read: BetterSqlite3.Statement;
  try {
    read = source.prepare(`SELECT rowid AS salvage_rowid, ${list} FROM ${quote(table)} WHERE rowid > ? ORDER BY rowid LIMIT ?`).raw(true);
  } catch {
    return { copied: 0, stretches: 1 }; // the table's definition itself is unreadable
  }
  let after = Number.MIN_SAFE_INTEGER;
  let copied = 0;
  let stretches = 0;
  // A page read fails when any of its rows sits on a damaged page: then read row by row up
  // to the damage, and skip over it with a doubling step.
  let limit = PAGE;
  let step = 0;
  for (;;) {
    let rows: unknown[][];
    try {
      rows = read.all(after, limit) as unknown[][];
    } catch {
      if (limit > 1) {
        limit = 1;
        continue;
      }
      if (step === 0) stretches++;
      step = step === 0 ? 1 : step * 2;
      if (step > Number.MAX_SAFE_INTEGER / 4) break;
      after += step;
      continue;
    }
    if (rows.length === 0) break;
    target.transaction(() => {
      for (const row of rows) insert.run(...row);
    })();
    copied += rows.length;
    const last = rows[rows.length - 1]?.[0];
    if (typeof last !== 'number' && typeof last !== 'bigint') break;
    after = Number(last);
    // Past a damaged stretch, whole pages again.
    if (step > 0) limit = PAGE;
    step = 0;
  }
  return { copied, stretches };
}

/**
 * A working copy of the damaged file to read from (the damaged file itself stays as it
 * was). A truncated file still claims its old size in its header (offset 28, "in-header
 * database size", https://www.sqlite.org/fileformat.html#in_header_database_size), and
 * SQLite then refuses every read; the copy's header is made to tell the truth, so the pages
 * that are left can be read.
 */
function workingCopy(sourceFile: string, targetFile: string): string {
  const copy = `${targetFile}.salvage-source`;
  copyFileSync(sourceFile, copy);
  if (existsSync(`${sourceFile}-wal`)) copyFileSync(`${sourceFile}-wal`, `${copy}-wal`);
  const header = Buffer.alloc(100);
  const fd = openSync(copy, 'r+');
  try {
    if (readSync(fd, header, 0, 100, 0) === 100) {
      const rawPageSize = header.readUInt16BE(16);
      const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize;
      const pagesInFile = Math.floor(statSync(copy).size / Math.max(pageSize, 512));
      if (pageSize >= 512 && header.readUInt32BE(28) > pagesInFile) {
        const size = Buffer.alloc(4);
        size.writeUInt32BE(pagesInFile);
        writeSync(fd, size, 0, 4, 28);
      }
    }
  } finally {
    closeSync(fd);
  }
  return copy;
}

/** Copies what can be read of `sourceFile` into the new database `targetFile`. */
export function salvageDatabase(sourceFile: string, targetFile: string, migrations: readonly Migration[]): SalvageReport {
  const copy = workingCopy(sourceFile, targetFile);
  const source = new BetterSqlite3(copy, { fileMustExist: true });
  const target = new BetterSqlite3(targetFile);
  try {
    target.pragma('journal_mode = WAL');
    const version = schemaVersion(source, migrations.length);
    migrate(target, migrations.slice(0, version));
    target.pragma('foreign_keys = OFF');
    const copied: Record<string, number> = {};
    let damagedStretches = 0;
    for (const table of copyableTables(target)) {
      const result = copyTable(source, target, table);
      copied[table] = result.copied;
      damagedStretches += result.stretches;
    }
    let orphansDropped = 0;
    for (const orphan of target.pragma('foreign_key_check') as { table: string; rowid: number | null }[]) {
      if (orphan.rowid === null) continue;
      orphansDropped += target.prepare(`DELETE FROM ${quote(orphan.table)} WHERE rowid = ?`).run(orphan.rowid).changes;
    }
    target.pragma('foreign_keys = ON');
    migrate(target, migrations);
    return { copied, damagedStretches, orphansDropped };
  } finally {
    source.close();
    target.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true });
  }
}
