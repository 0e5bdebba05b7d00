/**
 * An account's encryption recovery in the Accounts dialog: "Set up recovery…" (explained,
 * then confirmed) and "Enter recovery key…" (a field for the key). What the plugin answers
 * shows where requests and server messages show; a refusal is shown here in words.
 */
import { useState, type SyntheticEvent } from 'react';
import type { AccountView } from '../../electron/bridge/schemas.js';
import { useT } from '../i18n/index.js';
import { errorMessage } from '../state/actions.js';
import { useActions } from './AppContext.js';

type Open = 'none' | 'setup' | 'key';

export function AccountRecovery({ account }: { readonly account: AccountView }) {
  const t = useT();
  const actions = useActions();
  const [open, setOpen] = useState<Open>('none');
  const [key, setKey] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = (work: () => Promise<void>): void => {
    setBusy(true);
    setError(null);
    work().then(() => {
      setOpen('none');
      setKey('');
      setPassphrase('');
    }, (failure: unknown) => setError(errorMessage(failure))).finally(() => setBusy(false));
  };
  const submitKey = (event: SyntheticEvent): void => {
    event.preventDefault();
    if (key.trim() !== '') run(() => actions.enterRecoveryKey(account.id, key));
  };
  const cancel = (): void => {
    setOpen('none');
    setKey('');
    setPassphrase('');
    setError(null);
  };

  return (
    <div className="account-recovery">
      {open === 'none' ? (
        <div className="account-actions">
          <button type="button" onClick={() => setOpen('setup')}>{t('recovery.setUp')}</button>
          <button type="button" onClick={() => setOpen('key')}>{t('recovery.enter')}</button>
        </div>
      ) : null}
      {open === 'setup' ? (
        <div className="account-actions confirm">
          <p>{t('recovery.setUpExplained')}</p>
          <label>
            {t('recovery.passphraseLabel')}{' '}
            <input type="password" autoComplete="new-password" value={passphrase} onChange={(event) => setPassphrase(event.target.value)} />
          </label>
          <button type="button" disabled={busy} onClick={() => run(() => actions.setUpRecovery(account.id, passphrase))}>
            {busy ? t('recovery.working') : t('recovery.setUpConfirm')}
          </button>
          <button type="button" onClick={cancel}>{t('recovery.cancel')}</button>
        </div>
      ) : null}
      {open === 'key' ? (
        <form className="account-actions confirm" onSubmit={submitKey}>
          <label>
            {t('recovery.keyLabel')}{' '}
            <input type="password" autoComplete="off" spellCheck={false} value={key} placeholder={t('recovery.keyPlaceholder')}
              onChange={(event) => setKey(event.target.value)} />
          </label>
          <button type="submit" disabled={busy || key.trim() === ''}>{busy ? t('recovery.working') : t('recovery.unlock')}</button>
          <button type="button" onClick={cancel}>{t('recovery.cancel')}</button>
        </form>
      ) : null}
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </div>
  );
}
