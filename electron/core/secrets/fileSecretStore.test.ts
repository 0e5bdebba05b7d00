import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileSecretStore } from './fileSecretStore.js';

const secretsPath = (): string => join(mkdtempSync(join(tmpdir(), 'switchboard-secrets-')), 'secrets.json');

describe('FileSecretStore', () => {
  it('keeps secrets in an owner-only file of the named plain-text format', async () => {
    const file = secretsPath();
    const store = new FileSecretStore(file);
    await store.set('account/a/password', 'pw');
    expect(await store.get('account/a/password')).toBe('pw');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, format: 'plaintext', secrets: { 'account/a/password': 'pw' } });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('re-reads the file before each write, so a change made meanwhile is kept', async () => {
    const file = secretsPath();
    const store = new FileSecretStore(file);
    await store.set('a', '1');
    // Another writer (an older instance, the user by hand) adds a secret meanwhile.
    const other = new FileSecretStore(file);
    await other.set('b', '2');
    await store.set('c', '3');
    expect(await new FileSecretStore(file).get('b')).toBe('2');
    expect(await store.get('a')).toBe('1');
  });

  it('forgets a secret whose file was deleted instead of answering from memory', async () => {
    const file = secretsPath();
    const store = new FileSecretStore(file);
    await store.set('a', '1');
    await rm(file);
    expect(await store.get('a')).toBeUndefined();
  });

  it('never overwrites a damaged file; at open it is set aside, kept, and the store starts empty', async () => {
    const file = secretsPath();
    const damaged = '{"version": 1, "format": "plaintext", "secr';
    writeFileSync(file, damaged);
    const store = new FileSecretStore(file);
    await expect(store.set('a', '1')).rejects.toThrow(`The secret store ${file} is damaged (not valid JSON)`);
    expect(readFileSync(file, 'utf8')).toBe(damaged);

    const notice = await store.open();
    expect(notice).toMatch(/was damaged \(not valid JSON\) and was moved to .*secrets\.json\.corrupt-.*: passwords must be entered again \(Edit account\)\./);
    const aside = readdirSync(dirname(file)).filter((name) => name.startsWith('secrets.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dirname(file), aside[0] ?? ''), 'utf8')).toBe(damaged);
    expect(await store.get('a')).toBeUndefined();
    await store.set('a', '1');
    expect(await store.get('a')).toBe('1');
    expect(await store.open()).toBeUndefined();
  });
});
