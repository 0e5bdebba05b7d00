/** The persons of the buddy list, looked up in the stores once per change of them. */
import { useMemo } from 'react';
import { pluginOfAccount } from '../state/capabilities.js';
import { personEntries, type PersonEntry } from '../state/people.js';
import { useAppStore } from './AppContext.js';

export function usePersonEntries(): readonly PersonEntry[] {
  const people = useAppStore('people', (state) => state);
  const contacts = useAppStore('contacts', (state) => state.byKey);
  const accounts = useAppStore('accounts', (state) => state.list);
  const plugins = useAppStore('plugins', (state) => state.list);
  return useMemo(
    () => personEntries(people, contacts, (accountId) => pluginOfAccount(accounts, plugins, accountId)?.name ?? accountId),
    [people, contacts, accounts, plugins],
  );
}

/** What the buddy list calls an account ("alice on irc.libera.chat"). */
export function useAccountLabel(): (accountId: string) => string {
  const accounts = useAppStore('accounts', (state) => state.list);
  return useMemo(() => {
    const labels = new Map(accounts.map((account) => [account.id, account.label]));
    return (accountId: string) => labels.get(accountId) ?? accountId;
  }, [accounts]);
}
