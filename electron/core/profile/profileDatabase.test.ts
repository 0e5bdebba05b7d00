import BetterSqlite3 from 'better-sqlite3';
import { closeSync, mkdtempSync, openSync, readdirSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backUp, DAILY_BACKUPS_KEPT, listBackups } from '../store/health/databaseBackups.js';
import { migrations } from '../store/migrations/index.js';
import { migrate } from '../store/migrator.js';
import { openProfileDatabase, ProfileDatabaseError } from './profileDatabase.js';

const profile = (): string => mkdtempSync(join(tmpdir(), 'switchboard-dbhealth-'));
const dbFile = (dir: string): string => join(dir, 'switchboard.sqlite');

/** A used profile: one account, one conversation, `count` messages with searchable bodies. */
async function usedProfile(count: number): Promise<string> {
  const dir = profile();
  const { db } = await openProfileDatabase(dir);
  db.prepare("INSERT INTO accounts (id, plugin_id, settings, secret_keys, position, created_at) VALUES ('a1', 'irc', '{}', '[]', 0, 0)").run();
  db.prepare("INSERT INTO conversations (id, account_id, network_id, kind, title) VALUES (1, 'a1', '#room', 'room', '#room')").run();
  const insert = db.prepare("INSERT INTO messages (conversation_id, sender_id, sender_name, kind, body, timestamp, direction, status) VALUES (1, 'bob', 'bob', 'text', ?, ?, 'in', 'received')");
  db.transaction(() => {
    for (let i = 0; i < count; i++) insert.run(`message number ${i} about giraffes ${'x'.repeat(200)}`, 1_000 + i);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  writeFileSync(join(dir, 'secrets.json'), JSON.stringify({ version: 1, format: 'plaintext', secrets: { 'account/a1/password': 'pw' } }));
  return dir;
}

async function refusal(dir: string): Promise<ProfileDatabaseError> {
  const error = await openProfileDatabase(dir).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ProfileDatabaseError);
  return error as ProfileDatabaseError;
}

const messageCount = (db: BetterSqlite3.Database): number => (db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;

describe('opening the profile database', () => {
  it('starts a new profile with an empty database and says nothing', async () => {
    const { db, notices } = await openProfileDatabase(profile());
    expect(notices).toEqual([]);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    db.close();
  });

  it('refuses a zero-byte database in a profile that was used, and leaves the file alone until the user chooses', async () => {
    const dir = await usedProfile(10);
    truncateSync(dbFile(dir), 0);
    const error = await refusal(dir);
    expect(error.message).toContain(`The database ${dbFile(dir)} is empty (0 bytes), but this profile was used before (its secrets file holds passwords)`);
    expect(error.choices).toEqual(['start-fresh']);
    expect(statSync(dbFile(dir)).size).toBe(0);
    const { db, notices } = await openProfileDatabase(dir, 'start-fresh');
    expect(notices).toEqual([`Started with an empty database ${dbFile(dir)}.`]);
    db.close();
  });

  it('moves a truncated database aside, names it and the cause, and recovers what can be read', async () => {
    const dir = await usedProfile(2_000);
    truncateSync(dbFile(dir), Math.floor(statSync(dbFile(dir)).size / 2));
    const error = await refusal(dir);
    expect(error.message).toMatch(/The database .*switchboard\.sqlite is damaged \((database disk image is malformed|.*)\)\. It was moved to .*switchboard\.sqlite\.corrupt-.*choose what to do: try to recover/s);
    expect(error.choices).toEqual(['recover', 'start-fresh']);
    expect(readdirSync(dir).some((n) => n.startsWith('switchboard.sqlite.corrupt-'))).toBe(true);
    const { db, notices } = await openProfileDatabase(dir, 'recover');
    expect(notices[0]).toMatch(/^Recovered \d+ messages from .*corrupt-/);
    // The first half of the file survives: so do most of the messages stored in it.
    expect(messageCount(db)).toBeGreaterThan(500);
    expect(db.prepare('SELECT id FROM accounts').all()).toEqual([{ id: 'a1' }]);
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('finds a damaged page in one table at start, and recovery loses only the rows on it', async () => {
    const dir = await usedProfile(3_000);
    const probe = new BetterSqlite3(dbFile(dir));
    const pages = probe.prepare("SELECT pageno FROM dbstat WHERE name = 'messages' AND pagetype = 'leaf' ORDER BY pageno").all() as { pageno: number }[];
    const pageSize = probe.pragma('page_size', { simple: true }) as number;
    probe.close();
    const victim = pages[Math.floor(pages.length / 2)]?.pageno ?? 0;
    const fd = openSync(dbFile(dir), 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (victim - 1) * pageSize);
    closeSync(fd);

    const error = await refusal(dir);
    expect(error.message).toContain('is damaged (');
    const { db, notices } = await openProfileDatabase(dir, 'recover');
    const recovered = messageCount(db);
    // One 4 KiB leaf page holds about 15 of these rows: at most a few pages' worth are lost.
    expect(recovered).toBeLessThan(3_000);
    expect(recovered).toBeGreaterThan(3_000 - 100);
    expect(notices[0]).toMatch(new RegExp(`^Recovered ${recovered} messages .*1 damaged stretch`));
    const hits = db.prepare("SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH 'giraffes'").get() as { n: number };
    expect(hits.n).toBe(recovered);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('skips the check after a clean close, and still finds a page damaged after it or a crash before it', async () => {
    const dir = await usedProfile(3_000);
    const first = await openProfileDatabase(dir);
    expect(first.checked).toBe('now');
    first.close();
    const second = await openProfileDatabase(dir);
    expect(second.checked).toBe('sealed');
    expect(messageCount(second.db)).toBe(3_000);
    // A crash: the database is never closed through `close`, so no seal is left.
    second.db.close();
    const third = await openProfileDatabase(dir);
    expect(third.checked).toBe('now');
    third.close();

    // Another program overwrites a page after the clean close (later than the clock's tick).
    await new Promise((resolve) => setTimeout(resolve, 50));
    const probe = new BetterSqlite3(dbFile(dir), { readonly: true });
    const pages = probe.prepare("SELECT pageno FROM dbstat WHERE name = 'messages' AND pagetype = 'leaf' ORDER BY pageno").all() as { pageno: number }[];
    const pageSize = probe.pragma('page_size', { simple: true }) as number;
    probe.close();
    const fd = openSync(dbFile(dir), 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, ((pages[10]?.pageno ?? 2) - 1) * pageSize);
    closeSync(fd);
    expect((await refusal(dir)).message).toContain('is damaged (');
  });

  it('backs the database up before a migration and can restore the latest backup', async () => {
    const dir = profile();
    const old = new BetterSqlite3(dbFile(dir));
    migrate(old, migrations.slice(0, 7));
    old.prepare("INSERT INTO accounts (id, plugin_id, settings, secret_keys, position, created_at) VALUES ('a1', 'irc', '{}', '[]', 0, 0)").run();
    old.close();
    const { db } = await openProfileDatabase(dir);
    db.close();
    const [backup] = listBackups(dir);
    expect(backup?.kind).toBe('before-migration');
    const copy = new BetterSqlite3(backup?.path ?? '', { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(7);
    copy.close();

    truncateSync(dbFile(dir), 100);
    const error = await refusal(dir);
    expect(error.choices).toEqual(['recover', 'restore-backup', 'start-fresh']);
    expect(error.message).toContain(`restore the backup of ${backup?.madeAt.toISOString() ?? ''}`);
    const restored = await openProfileDatabase(dir, 'restore-backup');
    expect(restored.notices[0]).toContain('Restored the backup of');
    expect(restored.db.prepare('SELECT id FROM accounts').all()).toEqual([{ id: 'a1' }]);
    expect(restored.db.pragma('user_version', { simple: true })).toBe(migrations.length);
    restored.db.close();
  });

  it('keeps the newest daily backups only, each owner-only', async () => {
    const dir = profile();
    const { db } = await openProfileDatabase(dir);
    for (let day = 1; day <= DAILY_BACKUPS_KEPT + 2; day++) await backUp(db, dir, 'daily', new Date(Date.UTC(2026, 0, day)));
    db.close();
    const daily = listBackups(dir);
    expect(daily.map((b) => b.madeAt.getUTCDate())).toEqual([5, 4, 3]);
    for (const b of daily) expect(statSync(b.path).mode & 0o777).toBe(0o600);
  });
});

