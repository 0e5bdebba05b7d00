/**
 * What the secret store really holds for an account. The database only remembers which
 * secrets were once entered; the store may have lost them since (a deleted or damaged
 * secrets file set aside at start), so "password stored" and "password needed" are
 * always decided by asking the store.
 */
import type { AccountField, AccountFieldValue, ProtocolErrorData } from '../../../protocols/api/index.js';
import { accountSecretKey, type SecretStore } from '../secrets/secretStore.js';

/** The keys of the account's secret fields: those the plugin declares and those ever stored. */
export function secretFieldKeys(fields: readonly AccountField[] | undefined, storedKeys: readonly string[]): string[] {
  const declared = (fields ?? []).filter((field) => field.kind === 'secret').map((field) => field.key);
  return [...new Set([...declared, ...storedKeys])];
}

/** The secrets of the account the store holds now, by field key. */
export async function readAccountSecrets(store: SecretStore, accountId: string, keys: readonly string[]): Promise<Record<string, AccountFieldValue>> {
  const found: Record<string, AccountFieldValue> = {};
  for (const key of keys) {
    const value = await store.get(accountSecretKey(accountId, key));
    if (value !== undefined) found[key] = value;
  }
  return found;
}

/**
 * Why the account cannot connect without the user, or undefined: a required secret field
 * the store does not hold. Connecting with an empty password would only be refused by the
 * server (or lock the account), so the user is asked for it instead.
 */
export function missingSecretError(fields: readonly AccountField[], secrets: Readonly<Record<string, AccountFieldValue>>): ProtocolErrorData | undefined {
  const missing = fields.find((field) => field.kind === 'secret' && field.required === true && secrets[field.key] === undefined);
  if (!missing) return undefined;
  return { kind: 'auth', message: `The ${missing.label.toLowerCase()} for this account is not stored: enter it with Edit account.` };
}
