import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileSecretStore } from '../core/secrets/fileSecretStore.js';
import { SecretsFileError } from '../core/secrets/secretsFile.js';
import { createSafeStorageSecretStore, SecretStoreUnavailableError, type SafeStorageLike } from './safeStorageSecretStore.js';

/** A reversible stand-in for the OS keychain: enough to tell ciphertext from plaintext. */
function fakeSafeStorage(overrides: Partial<SafeStorageLike> = {}): SafeStorageLike {
  return {
    isEncryptionAvailable: () => true,
    encryptString: (text) => Buffer.from(`enc:${Buffer.from(text, 'utf8').toString('hex')}`, 'utf8'),
    decryptString: (data) => {
      const text = data.toString('utf8');
      if (!text.startsWith('enc:')) throw new Error('bad ciphertext');
      return Buffer.from(text.slice(4), 'hex').toString('utf8');
    },
    ...overrides,
  };
}

let dir: string;
let filePath: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'switchboard-secrets-'));
  filePath = path.join(dir, 'profile', 'secrets.json');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createSafeStorageSecretStore', () => {
  it('round-trips secrets through an owner-only file that never holds the plaintext', async () => {
    const store = createSafeStorageSecretStore({ filePath, safeStorage: fakeSafeStorage(), platform: 'linux' });
    await store.set('account/a1/password', 'hunter2 ✓');
    await store.set('account/a2/token', 'tok');
    expect(await store.get('account/a1/password')).toBe('hunter2 ✓');
    expect(await store.get('missing')).toBeUndefined();

    const text = await readFile(filePath, 'utf8');
    expect(text).not.toContain('hunter2');
    expect(JSON.parse(text)).toMatchObject({ version: 1 });
    if (process.platform !== 'win32') expect((await stat(filePath)).mode & 0o777).toBe(0o600);

    const reopened = createSafeStorageSecretStore({ filePath, safeStorage: fakeSafeStorage(), platform: 'linux' });
    expect(await reopened.get('account/a2/token')).toBe('tok');
  });

  it('deletes', async () => {
    const store = createSafeStorageSecretStore({ filePath, safeStorage: fakeSafeStorage() });
    await store.set('k', 'v');
    await store.delete('k');
    await store.delete('never-set');
    expect(await store.get('k')).toBeUndefined();
    const reopened = createSafeStorageSecretStore({ filePath, safeStorage: fakeSafeStorage() });
    expect(await reopened.get('k')).toBeUndefined();
  });

  it('keeps concurrent writes', async () => {
    const store = createSafeStorageSecretStore({ filePath, safeStorage: fakeSafeStorage() });
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`k${i}`, `v${i}`)));
    const reopened = createSafeStorageSecretStore({ filePath, safeStorage: fakeSafeStorage() });
    expect(await reopened.get('k0')).toBe('v0');
    expect(await reopened.get('k19')).toBe('v19');
  });

  it('refuses to store anything when encryption is unavailable', async () => {
    const store = createSafeStorageSecretStore({ filePath, safeStorage: fakeSafeStorage({ isEncryptionAvailable: () => false }) });
    await expect(store.set('k', 'secret')).rejects.toBeInstanceOf(SecretStoreUnavailableError);
    await expect(stat(filePath)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it("refuses Linux's basic_text fallback, whose key is hard-coded", async () => {
    const safeStorage = fakeSafeStorage({ getSelectedStorageBackend: () => 'basic_text' });
    const linux = createSafeStorageSecretStore({ filePath, safeStorage, platform: 'linux' });
    await expect(linux.set('k', 'secret')).rejects.toThrow(/keyring/);
    const withKeyring = createSafeStorageSecretStore({ filePath, safeStorage: fakeSafeStorage({ getSelectedStorageBackend: () => 'gnome_libsecret' }), platform: 'linux' });
    await withKeyring.set('k', 'secret');
    expect(await withKeyring.get('k')).toBe('secret');
  });

  it('says so when a stored secret cannot be decrypted', async () => {
    await createSafeStorageSecretStore({ filePath, safeStorage: fakeSafeStorage() }).set('k', 'v');
    const store = createSafeStorageSecretStore({ filePath, safeStorage: fakeSafeStorage({ decryptString: () => { throw new Error('key changed'); } }) });
    await expect(store.get('k')).rejects.toThrow(/could not be decrypted.*key changed/);
  });

  it('does not overwrite a file it cannot read', async () => {
    await createSafeStorageSecretStore({ filePath, safeStorage: fakeSafeStorage() }).set('k', 'v');
    await writeFile(filePath, '{ not json');
    const store = createSafeStorageSecretStore({ filePath, safeStorage: fakeSafeStorage() });
    await expect(store.set('k2', 'v2')).rejects.toThrow(/not valid JSON/);
    expect(await readFile(filePath, 'utf8')).toBe('{ not json');
  });

  it('shares a profile with headless mode: neither host reads nor rewrites the other one\'s file', async () => {
    const desktop = createSafeStorageSecretStore({ filePath, safeStorage: fakeSafeStorage(), platform: 'linux' });
    await desktop.set('account/a1/password', 'hunter2');
    const desktopFile = await readFile(filePath, 'utf8');
    const headless = new FileSecretStore(filePath);
    await expect(headless.open()).rejects.toThrow(/written by the desktop app \(encrypted with the system keychain\)/);
    await expect(headless.set('account/a1/password', 'plain')).rejects.toThrow(SecretsFileError);
    expect(await readFile(filePath, 'utf8')).toBe(desktopFile);

    await rm(filePath);
    await new FileSecretStore(filePath).set('account/a1/password', 'plain');
    const headlessFile = await readFile(filePath, 'utf8');
    const desktopAgain = createSafeStorageSecretStore({ filePath, safeStorage: fakeSafeStorage(), platform: 'linux' });
    await expect(desktopAgain.open?.()).rejects.toThrow(/written by headless mode \(unencrypted\)/);
    await expect(desktopAgain.set('account/a1/password', 'x')).rejects.toThrow(SecretsFileError);
    expect(await readFile(filePath, 'utf8')).toBe(headlessFile);
  });

  it('reads files written before the format was named', async () => {
    await mkdir(path.dirname(filePath), { recursive: true });
    const encrypted = fakeSafeStorage().encryptString('old').toString('base64');
    await writeFile(filePath, JSON.stringify({ version: 1, secrets: { k: encrypted } }));
    expect(await createSafeStorageSecretStore({ filePath, safeStorage: fakeSafeStorage() }).get('k')).toBe('old');
    await writeFile(filePath, JSON.stringify({ k: 'plain-old' }));
    expect(await new FileSecretStore(filePath).get('k')).toBe('plain-old');
  });
});

