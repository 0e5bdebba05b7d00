/** The "Account" select of the dialogs, offering only accounts whose plugin can do the thing. */
import { useState, type SyntheticEvent } from 'react';
import type { AccountView } from '../../electron/bridge/schemas.js';
import { accountsWithCapability } from '../state/accounts.js';
import { errorMessage } from '../state/actions.js';
import type { Capability } from '../state/capabilities.js';
import { useAppStore } from './AppContext.js';
import { useT } from '../i18n/index.js';

export function useCapableAccounts(capability: Capability) {
  const accounts = useAppStore('accounts', (state) => state.list);
  const plugins = useAppStore('plugins', (state) => state.list);
  return { accounts: accountsWithCapability(accounts, plugins, capability), plugins };
}

export function AccountSelect({ id, accounts, value, onChange }: {
  readonly id: string;
  readonly accounts: readonly { readonly id: string; readonly label: string }[];
  readonly value: string;
  readonly onChange: (value: string) => void;
}) {
  const t = useT();
  return (
    <div className="field">
      <label htmlFor={id}>{t('accountSelect.label')}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)} required>
        {accounts.length === 0 ? <option value="">{t('accountSelect.none')}</option> : null}
        {accounts.map((account) => <option key={account.id} value={account.id}>{account.label}</option>)}
      </select>
    </div>
  );
}

/**
 * What the dialogs that act on one account share (join a room, new message, add contact):
 * the chosen account among those that can, the error shown, and a submit that refuses
 * while busy, says what is missing, runs the action and closes on success.
 */
export function useAccountDialog(capability: Capability, onClose: () => void) {
  const { accounts, plugins } = useCapableAccounts(capability);
  const [accountId, setAccountId] = useState(accounts[0]?.id ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const account = accounts.find((item) => item.id === accountId) ?? accounts[0];

  /** `missing` explains what the user must fill in first (checked after "no account"). */
  const submit = (noAccount: string, missing: string | null, action: (account: AccountView) => Promise<unknown>) =>
    async (event: SyntheticEvent<HTMLFormElement>): Promise<void> => {
      event.preventDefault();
      if (busy) return;
      if (!account || missing !== null) {
        setError(account ? missing : noAccount);
        return;
      }
      setBusy(true);
      setError(null);
      try {
        await action(account);
        onClose();
      } catch (caught) {
        setError(errorMessage(caught));
        setBusy(false);
      }
    };

  return { accounts, plugins, account, setAccountId, error, busy, submit };
}
