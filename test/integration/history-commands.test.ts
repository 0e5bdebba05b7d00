/**
 * `npm run export` and `npm run import` as built (dist/core/exportHistory.js,
 * importHistory.js): a profile's history out to JSON Lines and into a new profile, the
 * summary printed, a profile in use refused, and bad arguments answered in one line.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AccountsRepository } from '../../electron/core/store/accountsRepository.js';
import { ConversationsRepository } from '../../electron/core/store/conversationsRepository.js';
import { openDatabase } from '../../electron/core/store/database.js';
import { MessagesRepository } from '../../electron/core/store/messagesRepository.js';
import { repoRoot } from '../support/paths.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sb-history-cli-'));
  dirs.push(dir);
  return dir;
}

function run(command: 'exportHistory' | 'importHistory', args: readonly string[]) {
  const result = spawnSync(process.execPath, [join(repoRoot, 'dist', 'core', `${command}.js`), ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

function profileWithHistory(): string {
  const dir = tempDir();
  const db = openDatabase(join(dir, 'switchboard.sqlite'));
  new AccountsRepository(db).insert({ id: 'acc', pluginId: 'xmpp', settings: { jid: 'me@example.org' }, secretKeys: [], enabled: true, createdAt: 1 });
  const chat = new ConversationsRepository(db).upsert({ accountId: 'acc', networkId: 'you@example.org', kind: 'direct', title: 'You' });
  const messages = new MessagesRepository(db);
  for (const [body, day] of [['in november', 20], ['in december', 40]] as const) {
    messages.insert({ conversationId: chat.id, senderId: 'you@example.org', senderName: 'You', kind: 'text', direction: 'in', status: 'received', body, timestamp: Date.UTC(2026, 10, day) });
  }
  db.close();
  return dir;
}

describe('npm run export / npm run import', () => {
  it('exports a date range to JSON Lines and imports it into a new profile, printing what was done', () => {
    const profile = profileWithHistory();
    const out = join(tempDir(), 'december.jsonl');
    const exported = run('exportHistory', ['--profile', profile, '--format', 'jsonl', '--since', '2026-12-01', '--out', out]);
    expect(exported).toMatchObject({ status: 0, stdout: `Exported 1 message in 1 conversation to ${out}.` });
    expect(readFileSync(out, 'utf8')).toContain('"body":"in december"');

    const fresh = join(tempDir(), 'new-profile');
    const imported = run('importHistory', ['--profile', fresh, '--from', 'jsonl', out]);
    expect(imported).toMatchObject({ status: 0, stdout: 'Imported 1 message in 1 conversation; 1 disabled account created for them.' });
    const again = run('importHistory', ['--profile', fresh, '--from', 'jsonl', out]);
    expect(again.stdout).toBe('Imported 0 messages in 0 conversations; 1 message was already there.');
  });

  it('refuses to import into a profile a running Switchboard holds', () => {
    const profile = profileWithHistory();
    writeFileSync(join(profile, 'switchboard.lock'), `${process.pid}\nsomewhere\n`);
    const file = join(tempDir(), 'x.jsonl');
    writeFileSync(file, '');
    const refused = run('importHistory', ['--profile', profile, '--from', 'jsonl', file]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`in use by process ${process.pid}`);
  });

  it.each([
    [['--profile', '/tmp/p', '--format', 'pdf', '--out', 'x'], '--format must be one of txt, jsonl, html (not "pdf")'],
    [['--profile', '/tmp/p', '--format', 'txt'], '--out PATH is required'],
    [['--profile', '/tmp/p', '--format', 'txt', '--out', 'x', '--until', 'yesterday'], '--until "yesterday" is not a date'],
    [['--format', 'txt', '--out', 'x', '--colour'], 'Unknown option --colour'],
  ])('export %j: one line saying what is wrong', (args, words) => {
    const result = run('exportHistory', args);
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(words);
    expect(result.stderr).toContain('usage: npm run export --');
  });

  it('export of a folder that is no profile says so', () => {
    const result = run('exportHistory', ['--profile', tempDir(), '--format', 'txt', '--out', join(tempDir(), 'x.txt')]);
    expect(result).toMatchObject({ status: 1 });
    expect(result.stderr).toMatch(/^There is no Switchboard profile in .* \(no switchboard\.sqlite\): nothing to export\.$/);
  });
});
