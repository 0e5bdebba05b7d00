/**
 * Opens the profile's database only when it can be trusted: checked at start
 * (quick_check, unless it was closed cleanly and checked within the week: cleanClose.ts),
 * backed up before every migration and daily, and never silently replaced by an empty one.
 * A damaged database is moved aside and the start is refused with the file, the cause and
 * the choices (recover what can be read, restore the latest backup, start empty); the host
 * asks the user and starts again with the answer.
 */
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { chmodSync, copyFileSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { backUp, dailyBackupDue, listBackups } from '../store/health/databaseBackups.js';
import { fullCheck, moveAside, quickCheck, type DatabaseHealth } from '../store/health/databaseHealth.js';
import { breakSeal, sealClosed } from '../store/health/cleanClose.js';
import { salvageDatabase } from '../store/health/databaseSalvage.js';
import { openDatabase } from '../store/database.js';
import { SearchIndex } from '../store/searchIndex.js';
import { migrations } from '../store/migrations/index.js';
import { DATABASE_FILE, prepareDatabaseFile } from './profileFolder.js';

/** What the user chose to do about a database that cannot be used as it is. */
export type DatabaseRepair = 'recover' | 'restore-backup' | 'start-fresh';

/** The database cannot be used as it is; nothing was opened. The host offers `choices`. */
export class ProfileDatabaseError extends Error {
  constructor(readonly file: string, readonly choices: readonly DatabaseRepair[], message: string) {
    super(message);
    this.name = 'ProfileDatabaseError';
  }
}

export interface OpenedProfileDatabase {
  readonly db: Database;
  /** What happened that the user should know (a repair, a backup restored), in words. */
  readonly notices: readonly string[];
  /** Whether this start read the whole file (quick_check) or trusted a clean close. */
  readonly checked: 'now' | 'sealed';
  /** Closes the database and seals it, so that the next start may skip the check. */
  close(): void;
}

function corruptCopies(profileDir: string): string[] {
  return readdirSync(profileDir)
    .filter((name) => name.startsWith(`${DATABASE_FILE}.corrupt-`) && !name.endsWith('-wal') && !name.endsWith('-shm'))
    .sort().reverse().map((name) => join(profileDir, name));
}

/** Traces of a profile that was used: an empty database here is a loss, not a first start. */
function signsOfUse(profileDir: string): string[] {
  const signs: string[] = [];
  const secrets = join(profileDir, 'secrets.json');
  if (existsSync(secrets) && statSync(secrets).size > 2) signs.push('its secrets file holds passwords');
  if (listBackups(profileDir).length > 0) signs.push('it has backups');
  if (corruptCopies(profileDir).length > 0) signs.push('a damaged database was set aside');
  return signs;
}

function repairChoices(profileDir: string): DatabaseRepair[] {
  return [
    ...(corruptCopies(profileDir).length > 0 ? ['recover' as const] : []),
    ...(listBackups(profileDir).length > 0 ? ['restore-backup' as const] : []),
    'start-fresh',
  ];
}

function describeChoices(profileDir: string, choices: readonly DatabaseRepair[]): string {
  const backup = listBackups(profileDir)[0];
  const words: Record<DatabaseRepair, string> = {
    'recover': 'try to recover what can still be read from the damaged copy',
    'restore-backup': `restore the backup of ${backup?.madeAt.toISOString() ?? ''}`,
    'start-fresh': 'start with an empty database (the old files are kept)',
  };
  return choices.map((c) => words[c]).join('; or ');
}

function repair(profileDir: string, file: string, choice: DatabaseRepair): string {
  rmSync(file, { force: true });
  for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, { force: true });
  if (choice === 'recover') {
    const source = corruptCopies(profileDir)[0];
    if (!source) throw new ProfileDatabaseError(file, repairChoices(profileDir), `There is no damaged database in ${profileDir} to recover from.`);
    const report = salvageDatabase(source, file, migrations);
    chmodSync(file, 0o600);
    const messages = report.copied['messages'] ?? 0;
    return `Recovered ${messages} messages from ${source} into a new database ${file}` +
      (report.damagedStretches > 0 ? `; ${report.damagedStretches} damaged stretch(es) could not be read` : '') +
      (report.orphansDropped > 0 ? `; ${report.orphansDropped} rows lost what they belonged to` : '') + '.';
  }
  if (choice === 'restore-backup') {
    const backup = listBackups(profileDir)[0];
    if (!backup) throw new ProfileDatabaseError(file, repairChoices(profileDir), `There is no backup in ${join(profileDir, 'backups')} to restore.`);
    copyFileSync(backup.path, file);
    chmodSync(file, 0o600);
    return `Restored the backup of ${backup.madeAt.toISOString()} (${backup.path}): messages received after it are not in it.`;
  }
  return `Started with an empty database ${file}.`;
}

/** The schema version of a healthy database file, without migrating it. */
function schemaVersion(file: string): number {
  const db = new BetterSqlite3(file, { fileMustExist: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

export async function openProfileDatabase(profileDir: string, choice?: DatabaseRepair): Promise<OpenedProfileDatabase> {
  const file = join(profileDir, DATABASE_FILE);
  const notices: string[] = [];
  const sealedCheck = breakSeal(file, Date.now());
  const checkedAt = sealedCheck ?? Date.now();
  const health: DatabaseHealth = sealedCheck === undefined ? quickCheck(file) : { state: 'healthy' };
  let problem: string | undefined;
  if (health.state === 'damaged') {
    const aside = moveAside(file);
    problem = `The database ${file} is damaged (${health.detail}). It was moved to ${aside}.`;
  } else if (health.state !== 'healthy') {
    const signs = signsOfUse(profileDir);
    if (signs.length > 0) {
      problem = `The database ${file} is ${health.state === 'empty' ? 'empty (0 bytes)' : 'missing'}, but this profile was used before (${signs.join(', ')}).`;
    }
  }
  if (problem !== undefined || (choice !== undefined && health.state !== 'healthy')) {
    const choices = repairChoices(profileDir);
    if (choice === undefined || !choices.includes(choice)) {
      throw new ProfileDatabaseError(file, choices, `${problem ?? ''} Switchboard did not start, so nothing was lost; choose what to do: ${describeChoices(profileDir, choices)}.`.trim());
    }
    notices.push(repair(profileDir, file, choice));
  } else if (health.state === 'healthy') {
    const version = schemaVersion(file);
    if (version > 0 && version < migrations.length) {
      const before = new BetterSqlite3(file, { fileMustExist: true });
      try {
        await backUp(before, profileDir, 'before-migration');
      } finally {
        before.close();
      }
    }
  }
  const db = openDatabase(prepareDatabaseFile(profileDir));
  // What was stored and not indexed yet (migration 0013), a recovered database's messages included.
  new SearchIndex(db).catchUp();
  return {
    db, notices, checked: sealedCheck === undefined ? 'now' : 'sealed',
    close() {
      if (!db.open) return;
      db.close();
      sealClosed(file, checkedAt);
    },
  };
}

/**
 * Takes the daily backup when it is due: ten minutes after start (in the background), then
 * once an hour checks again. Returns the way to stop it, which waits for a running backup.
 */
export function scheduleDailyBackups(db: Database, profileDir: string, log: (line: string) => void): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const tick = (): void => {
    if (!dailyBackupDue(profileDir)) return;
    running = running.then(() => backUp(db, profileDir, 'daily')).then(
      (backup) => { log(`database backed up to ${backup.path}`); },
      (error: unknown) => { log(`the daily database backup failed: ${error instanceof Error ? error.message : String(error)}`); },
    );
  };
  // Not at once: start-up is busy enough, and a short session needs no copy of its own.
  const first = setTimeout(tick, 10 * 60 * 1000);
  const hourly = setInterval(tick, 60 * 60 * 1000);
  first.unref();
  hourly.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(hourly);
      await running;
    },
  };
}

/**
 * The check on demand: every page and every index (`integrity_check`), without opening the
 * database for use or changing it. For `npm run serve -- --check-database`.
 */
export function checkProfileDatabase(profileDir: string): { file: string; health: DatabaseHealth } {
  const file = join(profileDir, DATABASE_FILE);
  return { file, health: fullCheck(file) };
}

/** What a check found, in words. */
export function describeHealth(file: string, health: DatabaseHealth): string {
  switch (health.state) {
    case 'healthy': return `The database ${file} is intact (every page and index checked).`;
    case 'damaged': return `The database ${file} is damaged: ${health.detail}. Start Switchboard to be offered a repair.`;
    case 'empty': return `The database ${file} is empty (0 bytes).`;
    case 'missing': return `There is no database at ${file}.`;
  }
}
