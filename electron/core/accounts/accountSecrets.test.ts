import { describe, expect, it } from 'vitest';
import type { AccountField } from '../../../protocols/api/index.js';
import type { SecretStore } from '../secrets/secretStore.js';
import { missingSecretError, readAccountSecrets, secretFieldKeys } from './accountSecrets.js';

const fields: AccountField[] = [
  { key: 'nick', kind: 'text', label: 'Nick', required: true },
  { key: 'password', kind: 'secret', label: 'Password', required: true },
  { key: 'oper', kind: 'secret', label: 'Oper password' },
];

function storeHolding(entries: Record<string, string>): SecretStore {
  const map = new Map(Object.entries(entries));
  return {
    get: (key) => Promise.resolve(map.get(key)),
    set: (key, value) => Promise.resolve(void map.set(key, value)),
    delete: (key) => Promise.resolve(void map.delete(key)),
  };
}

describe('account secrets', () => {
  it('asks the store for every declared secret field and every one the database remembers', async () => {
    const keys = secretFieldKeys(fields, ['password', 'legacy']);
    expect(keys).toEqual(['password', 'oper', 'legacy']);
    const store = storeHolding({ 'account/a/oper': 'x', 'account/a/legacy': 'y', 'account/b/password': 'not mine' });
    expect(await readAccountSecrets(store, 'a', keys)).toEqual({ oper: 'x', legacy: 'y' });
  });

  it('names the required secret the store lost, in words, and nothing once it is there', () => {
    expect(missingSecretError(fields, { oper: 'x' })).toEqual({
      kind: 'auth', message: 'The password for this account is not stored: enter it with Edit account.',
    });
    expect(missingSecretError(fields, { password: 'p' })).toBeUndefined();
  });
});
