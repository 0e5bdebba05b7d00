/**
 * Where passwords and tokens live: never in the database. The app uses the OS keychain
 * through Electron's safeStorage; headless mode uses an owner-only file.
 */
export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Checks at start-up that the store can be used with this profile, before any account
   * connects: throws in words when it must not be touched (the other host's format);
   * answers a notice for the user when it had to set a damaged file aside.
   */
  open?(): Promise<string | undefined>;
}

/** The secret-store key of one account field. */
export function accountSecretKey(accountId: string, fieldKey: string): string {
  return `account/${accountId}/${fieldKey}`;
}
