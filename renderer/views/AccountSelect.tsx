/** The "Account" select of the dialogs, offering only accounts whose plugin can do the thing. */
import { accountsWithCapability } from '../state/accounts.js';
import type { Capability } from '../state/capabilities.js';
import { useAppStore } from './AppContext.js';

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
  return (
    <div className="field">
      <label htmlFor={id}>Account</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)} required>
        {accounts.length === 0 ? <option value="">No suitable account</option> : null}
        {accounts.map((account) => <option key={account.id} value={account.id}>{account.label}</option>)}
      </select>
    </div>
  );
}
