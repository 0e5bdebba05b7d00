/**
 * The profile as two hosts share it (issue "Edges that hold"): one running core per
 * profile, a stale lock taken over, owner-only files, and a secret store that neither host
 * overwrites with its own format. Runs the real `dist/core/serve.js`, as `npm run serve` does.
 */
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHeadlessCore, type RunningHeadlessCore } from '../support/headlessCore.js';
import { repoRoot } from '../support/paths.js';

const running: RunningHeadlessCore[] = [];
const serve = async (profileDir: string, args: readonly string[] = []): Promise<RunningHeadlessCore> => {
  const core = await startHeadlessCore({ profileDir, requireRenderer: false, args });
  running.push(core);
  return core;
};
const freshProfile = (): string => mkdtempSync(join(tmpdir(), 'switchboard-profile-edges-'));
const mode = (path: string): number => statSync(path).mode & 0o777;

afterEach(async () => {
  await Promise.all(running.splice(0).map((core) => core.stop()));
});

describe('a profile shared by two starts', () => {
  it('refuses a second instance on the same profile, naming the first one\'s process', async () => {
    const profile = freshProfile();
    const first = await serve(profile);
    await expect(serve(profile)).rejects.toThrow(`This profile is in use by process ${String(first.child.pid)}`);
    // The first one is untouched and still serving.
    expect(first.child.exitCode).toBeNull();
    // Still serving, and the token still opens it (404 only when the renderer was not built).
    expect([200, 404]).toContain((await fetch(first.url)).status);
  });

  it('takes over the lock of an instance that was killed', async () => {
    const profile = freshProfile();
    const first = await serve(profile);
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL');
    await exited;
    const second = await serve(profile);
    expect(readFileSync(join(profile, 'switchboard.lock'), 'utf8').split('\n')[0]).toBe(String(second.child.pid));
  });

  it('makes a pre-existing 0755 profile folder owner-only and creates every file 0600', async () => {
    const profile = join(freshProfile(), 'profile');
    mkdirSync(profile, { mode: 0o755 });
    chmodSync(profile, 0o755);
    await serve(profile);
    expect(mode(profile)).toBe(0o700);
    for (const name of ['switchboard.sqlite', 'switchboard.sqlite-wal', 'switchboard.sqlite-shm', 'switchboard.lock']) {
      expect(mode(join(profile, name)), name).toBe(0o600);
    }
  });
});

describe('the secret store of a shared profile', () => {
  it('headless mode refuses the desktop app\'s encrypted secrets file, in words, and leaves it as it was', async () => {
    const profile = freshProfile();
    const desktopFile = JSON.stringify({ version: 1, format: 'safeStorage', secrets: { 'account/a/password': 'djEwAAAA' } });
    writeFileSync(join(profile, 'secrets.json'), desktopFile, { mode: 0o600 });
    await expect(serve(profile)).rejects.toThrow(/written by the desktop app \(encrypted with the system keychain\).*Use the desktop app with this profile/s);
    expect(readFileSync(join(profile, 'secrets.json'), 'utf8')).toBe(desktopFile);
  });

  it('sets a damaged secrets file aside, says where, and starts', async () => {
    const profile = freshProfile();
    writeFileSync(join(profile, 'secrets.json'), '{"version":1,"format":"plaint', { mode: 0o600 });
    const core = await serve(profile);
    expect(core.log()).toMatch(/secrets\.json was damaged \(not valid JSON\) and was moved to .*secrets\.json\.corrupt-/);
    expect(readdirSync(profile).filter((name) => name.startsWith('secrets.json.corrupt-'))).toHaveLength(1);
  });
});

describe('a database that cannot be used as it is', () => {
  it('is never replaced by an empty one silently: the start is refused with the file, the cause and the options', async () => {
    const profile = freshProfile();
    const first = await serve(profile);
    await first.stop();
    writeFileSync(join(profile, 'secrets.json'), JSON.stringify({ version: 1, format: 'plaintext', secrets: { 'account/a/password': 'pw' } }), { mode: 0o600 });
    truncateSync(join(profile, 'switchboard.sqlite'), 0);
    for (const suffix of ['-wal', '-shm']) rmSync(join(profile, `switchboard.sqlite${suffix}`), { force: true });
    await expect(serve(profile)).rejects.toThrow(
      /is empty \(0 bytes\), but this profile was used before \(its secrets file holds passwords\).*Start again with one of: --database-repair start-fresh\./s,
    );
    expect(statSync(join(profile, 'switchboard.sqlite')).size).toBe(0);
    const fresh = await serve(profile, ['--database-repair', 'start-fresh']);
    expect(fresh.log()).toContain('Started with an empty database');
  });

  it('checks the whole database on demand, and says what it found', async () => {
    const profile = freshProfile();
    await (await serve(profile)).stop();
    const serveJs = join(repoRoot, 'dist', 'core', 'serve.js');
    const check = (): { status: number | null; stdout: string } =>
      spawnSync(process.execPath, [serveJs, '--profile', profile, '--check-database'], { encoding: 'utf8', timeout: 60_000 });
    const intact = check();
    expect(intact.stdout).toContain('is intact (every page and index checked)');
    expect(intact.status).toBe(0);
    // A page of messages overwritten with garbage.
    const { default: Sqlite } = await import('better-sqlite3');
    const db = new Sqlite(join(profile, 'switchboard.sqlite'));
    db.exec("INSERT INTO accounts (id, plugin_id, settings, secret_keys, position, created_at) VALUES ('a', 'irc', '{}', '[]', 0, 0)");
    db.exec("INSERT INTO conversations (id, account_id, network_id, kind, title) VALUES (1, 'a', '#x', 'room', '#x')");
    const insert = db.prepare("INSERT INTO messages (conversation_id, sender_id, sender_name, kind, body, timestamp, direction, status) VALUES (1, 'b', 'b', 'text', ?, ?, 'in', 'received')");
    for (let i = 0; i < 500; i++) insert.run(`message ${String(i)} ${'x'.repeat(200)}`, i);
    const pages = db.prepare("SELECT pageno FROM dbstat WHERE name = 'messages' AND pagetype = 'leaf'").all() as { pageno: number }[];
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const victim = pages[Math.floor(pages.length / 2)]?.pageno ?? 1;
    const fd = openSync(join(profile, 'switchboard.sqlite'), 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (victim - 1) * pageSize);
    closeSync(fd);
    const damaged = check();
    expect(damaged.stdout).toMatch(/The database .*switchboard\.sqlite is damaged: .*Start Switchboard to be offered a repair\./);
    expect(damaged.status).toBe(1);
  });

  it('moves a damaged database aside and offers to recover it', async () => {
    const profile = freshProfile();
    await (await serve(profile)).stop();
    writeFileSync(join(profile, 'switchboard.sqlite'), Buffer.alloc(8192, 0x41));
    // A stop that had to be forced under load leaves the pages in the WAL, which SQLite would use.
    for (const suffix of ['-wal', '-shm']) rmSync(join(profile, `switchboard.sqlite${suffix}`), { force: true });
    await expect(serve(profile)).rejects.toThrow(/switchboard\.sqlite is damaged \(file is not a database\)\. It was moved to .*Start again with one of: --database-repair recover, --database-repair start-fresh\./s);
    const recovered = await serve(profile, ['--database-repair', 'recover']);
    expect(recovered.log()).toMatch(/Recovered 0 messages from .*switchboard\.sqlite\.corrupt-/);
  });
});

/**
 * Runs serve.js once on a copy of `profile` inside a private mount namespace (unshare, as
 * root or through a user namespace), on a small tmpfs that `prepare` turns read-only or full.
 */
/** The PID of a process that has already exited. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

function serveOnTmpfs(profile: string, prepare: string): { status: number | null; stderr: string } {
  const script = [
    'set -e', 'mnt=$(mktemp -d)', 'mount -t tmpfs -o size=2m tmpfs "$mnt"', 'cp -a "$1" "$mnt/p"',
    prepare, 'exec node "$2" --profile "$mnt/p"',
  ].join('\n');
  const result = spawnSync('unshare', ['--mount', '--map-root-user', '--propagation', 'private', 'sh', '-c', script, 'sh', profile, join(repoRoot, 'dist', 'core', 'serve.js')], { encoding: 'utf8', timeout: 90_000 });
  return { status: result.status, stderr: result.stderr };
}

describe('a profile that cannot be written', () => {
  it('says the profile is on a read-only file system, and what to do', async () => {
    const profile = freshProfile();
    await (await serve(profile)).stop();
    const { status, stderr } = serveOnTmpfs(profile, 'mount -o remount,ro "$mnt"');
    expect(status).toBe(1);
    expect(stderr).toMatch(/^Switchboard could not start: The file \S+\/p\/switchboard\.lock is on a read-only file system\. Switchboard writes its history there: choose a writable profile folder or remount the disk\./m);
  });

  it('says the disk is full, and what to do, and never takes the full disk for a damaged database', async () => {
    const profile = freshProfile();
    await (await serve(profile)).stop();
    // What a stop forced under load leaves (WAL, shared memory, lock) already holds disk
    // pages; without them, the start has to write and meets the full disk.
    const fill = 'rm -f "$mnt/p/switchboard.sqlite-wal" "$mnt/p/switchboard.sqlite-shm" "$mnt/p/switchboard.lock"; dd if=/dev/zero of="$mnt/fill" bs=4k 2>/dev/null || true';
    const { status, stderr } = serveOnTmpfs(profile, fill);
    expect(stderr).toMatch(/^Switchboard could not start: The (profile|file) \S+ is on a full disk\. Free some space on that disk and start again\./m);
    expect(status).toBe(1);
    // A lock left by a killed instance frees the one page the lock needs: then SQLite is the
    // first to meet the full disk, as a plain I/O error.
    const staleLock = `printf '%s\\n%s\\n' ${String(deadPid())} "${hostname()}" > "$mnt/p/switchboard.lock"`;
    const second = serveOnTmpfs(profile, fill.replace('; dd', `; ${staleLock}; dd`));
    expect(second.stderr).toMatch(/^Switchboard could not start: The profile \S+ is on a full disk\./m);
    expect(second.stderr).not.toContain('corrupt-');
    expect(second.status).toBe(1);
  });
});
