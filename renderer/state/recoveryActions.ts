/**
 * Recovery of an account's encryption (Matrix: cross-signing, secret storage and key
 * backup), offered by a plugin through its `recovery` command: set it up (the plugin then
 * shows the new recovery key once, as a request), or enter the recovery key on a new device.
 */
import type { AccountView, PluginView } from '../../electron/bridge/schemas.js';
import type { ActionContext } from './actionContext.js';

export const RECOVERY_COMMAND = 'recovery';

export interface RecoveryActions {
  /** With a passphrase (optional), the recovery key is derived from it and it unlocks recovery too. */
  setUpRecovery(accountId: string, passphrase?: string): Promise<void>;
  /** The key as the user typed it (groups of four, spaces or not), or the passphrase. */
  enterRecoveryKey(accountId: string, recoveryKey: string): Promise<void>;
}

/** Whether the account's plugin offers recovery, and the account is online to run it. */
/** The Matrix plugin's `/recovery setup [passphrase]` (protocols/matrix/recovery.ts): a command word, not a text. */
const SETUP_ARGUMENT = 'setup';

export function offersRecovery(account: AccountView, plugin: PluginView | undefined): boolean {
  return account.state === 'online' && plugin?.commands?.some((command) => command.name === RECOVERY_COMMAND) === true;
}

export function createRecoveryActions(context: ActionContext): RecoveryActions {
  const { client } = context;
  const run = async (accountId: string, args: string): Promise<void> => {
    await client().request('commands.run', { accountId, command: RECOVERY_COMMAND, args });
  };
  return {
    setUpRecovery: (accountId, passphrase) => run(accountId, [SETUP_ARGUMENT, passphrase?.trim() ?? ''].join(' ').trim()),
    enterRecoveryKey: (accountId, recoveryKey) => run(accountId, recoveryKey.trim()),
  };
}
