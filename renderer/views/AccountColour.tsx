/** The account's colour (its badges' background), chosen by the user or derived from its id; kept in the preferences. */
import { useState } from 'react';
import { errorMessage } from '../state/actions.js';
import { accountColour } from '../state/networkBadge.js';
import { useActions, useAppStore } from './AppContext.js';
import { useT } from '../i18n/index.js';

export function AccountColour({ accountId, label }: { readonly accountId: string; readonly label: string }) {
  const actions = useActions();
  const t = useT();
  const chosen = useAppStore('preferences', (state) => state.preferences.accountColours);
  const [error, setError] = useState<string | null>(null);
  const own = Object.hasOwn(chosen, accountId);
  const save = (colours: Readonly<Record<string, string>>): void => {
    setError(null);
    actions.setPreferences({ accountColours: { ...colours } }).catch((caught: unknown) => setError(t('colour.notChanged', { error: errorMessage(caught) })));
  };
  const reset = (): void => save(Object.fromEntries(Object.entries(chosen).filter(([id]) => id !== accountId)));
  return (
    <span className="account-colour">
      <input type="color" aria-label={t('colour.of', { name: label })} value={accountColour(accountId, chosen)}
        onChange={(event) => save({ ...chosen, [accountId]: event.target.value })} />
      {own ? <button type="button" className="small-button" aria-label={t('colour.resetOf', { name: label })} onClick={reset}>{t('colour.reset')}</button> : null}
      {error !== null ? <span role="alert" className="form-error">{error}</span> : null}
    </span>
  );
}
