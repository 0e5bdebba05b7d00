/**
 * Copies of the profile's database, made with SQLite's online backup API (a consistent
 * snapshot while the database stays in use): one a day, kept for {@link DAILY_BACKUPS_KEPT}
 * days, and one before every migration, kept for the last {@link MIGRATION_BACKUPS_KEPT}
 * migrations. They live in `<profile>/backups/`, owner-only like the profile.
 */
import type { Database } from 'better-sqlite3';
import { chmodSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const BACKUPS_FOLDER = 'backups';
export const DAILY_BACKUPS_KEPT = 3;
export const MIGRATION_BACKUPS_KEPT = 2;
const DAY_MS = 24 * 60 * 60 * 1000;

export type BackupKind = 'daily' | 'before-migration';

export interface BackupFile {
  readonly path: string;
  readonly kind: BackupKind;
  readonly madeAt: Date;
}

const NAME = /^switchboard-(daily|before-migration)-(\d{8}T\d{6}Z)(?:-\d+)?\.sqlite$/;

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function parseStamp(text: string): Date {
  const iso = `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}T${text.slice(9, 11)}:${text.slice(11, 13)}:${text.slice(13, 15)}Z`;
  return new Date(iso);
}

/** Every backup of the profile, newest first. */
export function listBackups(profileDir: string): BackupFile[] {
  const folder = join(profileDir, BACKUPS_FOLDER);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const match = NAME.exec(name);
    if (!match?.[1] || !match[2]) return [];
    const path = join(folder, name);
    if (statSync(path).size === 0) return [];
    return [{ path, kind: match[1] as BackupKind, madeAt: parseStamp(match[2]) }];
  }).sort((a, b) => b.madeAt.getTime() - a.madeAt.getTime() || b.path.localeCompare(a.path));
}

/** Takes a backup now and drops the oldest of its kind beyond what is kept. */
export async function backUp(db: Database, profileDir: string, kind: BackupKind, now = new Date()): Promise<BackupFile> {
  const folder = join(profileDir, BACKUPS_FOLDER);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  let path = join(folder, `switchboard-${kind}-${stamp(now)}.sqlite`);
  for (let n = 2; listBackups(profileDir).some((b) => b.path === path); n++) path = join(folder, `switchboard-${kind}-${stamp(now)}-${n}.sqlite`);
  const partial = `${path}.partial`;
  await db.backup(partial);
  chmodSync(partial, 0o600);
  // Renamed only when complete: a backup interrupted by a crash is never mistaken for one.
  renameSync(partial, path);
  const keep = kind === 'daily' ? DAILY_BACKUPS_KEPT : MIGRATION_BACKUPS_KEPT;
  for (const old of listBackups(profileDir).filter((b) => b.kind === kind).slice(keep)) rmSync(old.path, { force: true });
  return { path, kind, madeAt: now };
}

/** Whether the newest daily backup is a day old or missing. */
export function dailyBackupDue(profileDir: string, now = new Date()): boolean {
  const newest = listBackups(profileDir).find((b) => b.kind === 'daily');
  return newest === undefined || now.getTime() - newest.madeAt.getTime() >= DAY_MS;
}
