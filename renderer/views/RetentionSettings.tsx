/**
 * Settings' "History" section: how long each account's messages are kept, forever (the
 * default) or N days. A limit is applied at once, so before it is the user is told how many
 * messages that deletes now, and asked; the core then keeps it daily (retention.ts).
 */
import { useEffect, useId, useState, type SyntheticEvent } from 'react';
import type { AccountView } from '../../electron/bridge/schemas.js';
import { errorMessage } from '../state/actions.js';
import { accountName } from '../state/networkBadge.js';
import { parseRetentionDays } from '../state/retentionActions.js';
import { useActions, useAppStore } from './AppContext.js';
import { useT } from '../i18n/index.js';

type Step =
  | { readonly kind: 'loading' }
  | { readonly kind: 'idle'; readonly days: number | undefined }
  | { readonly kind: 'confirm'; readonly days: number; readonly count: number; readonly kept: number | undefined }
  | { readonly kind: 'busy'; readonly kept: number | undefined };

function AccountRetention({ account, name }: { readonly account: AccountView; readonly name: string }) {
  const actions = useActions();
  const t = useT();
  const id = useId();
  const [step, setStep] = useState<Step>({ kind: 'loading' });
  const [mode, setMode] = useState<'forever' | 'days'>('forever');
  const [daysText, setDaysText] = useState('365');
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    actions.retentionOf(account.id).then((days) => {
      if (!current) return;
      setStep({ kind: 'idle', days });
      setMode(days === undefined ? 'forever' : 'days');
      if (days !== undefined) setDaysText(String(days));
    }, (caught: unknown) => { if (current) { setStep({ kind: 'idle', days: undefined }); setError(errorMessage(caught)); } });
    return () => { current = false; };
  }, [actions, account.id]);

  const kept = step.kind === 'idle' ? step.days : step.kind === 'loading' ? undefined : step.kept;
  const fail = (caught: unknown): void => {
    setError(errorMessage(caught));
    setStep({ kind: 'idle', days: kept });
  };
  const save = (event: SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    setError(null);
    setNote(null);
    if (mode === 'forever') {
      setStep({ kind: 'busy', kept });
      actions.keepForever(account.id).then(() => { setStep({ kind: 'idle', days: undefined }); setNote(t('retention.keptForever')); }, fail);
      return;
    }
    const parsed = parseRetentionDays(daysText);
    if ('error' in parsed) {
      setError(parsed.error);
      return;
    }
    setStep({ kind: 'busy', kept });
    actions.previewRetention(account.id, parsed.days).then((count) => setStep({ kind: 'confirm', days: parsed.days, count, kept }), fail);
  };
  const confirm = (days: number): void => {
    setStep({ kind: 'busy', kept });
    actions.applyRetention(account.id, days).then((deleted) => {
      setStep({ kind: 'idle', days });
      setNote(t('retention.deleted', { count: deleted, days: t('retention.days', { count: days }) }));
    }, fail);
  };

  return (
    <form className="retention-account" aria-label={t('retention.historyOf', { name })} onSubmit={save}>
      <fieldset disabled={step.kind !== 'idle'}>
        <legend>{name}</legend>
        <label className="checkbox">
          <input type="radio" name={`${id}-mode`} checked={mode === 'forever'} onChange={() => setMode('forever')} /> {t('retention.keepEverything')}
        </label>
        <label className="checkbox">
          <input type="radio" name={`${id}-mode`} checked={mode === 'days'} onChange={() => setMode('days')} /> {t('retention.deleteOlder')}
        </label>
        <input type="text" inputMode="numeric" aria-label={t('retention.daysToKeep', { name })} value={daysText} maxLength={5} size={5}
          disabled={mode !== 'days'} onChange={(event) => setDaysText(event.target.value)} /> {t('retention.daysUnit')}
        <button type="submit" className="small-button">{t('retention.apply')}</button>
      </fieldset>
      {step.kind === 'confirm' ? (
        <div className="retention-confirm" role="alertdialog" aria-label={t('retention.deleteOldOf', { name })}>
          <p>{step.count === 0 ? t('retention.noneOlder', { name, days: t('retention.days', { count: step.days }) })
            : t('retention.deletesNow', { count: step.count, name, days: t('retention.days', { count: step.days }) })}</p>
          <button type="button" className="small-button danger" autoFocus onClick={() => confirm(step.days)}>
            {step.count === 0 ? t('retention.keepDays', { days: t('retention.days', { count: step.days }) }) : t('retention.deleteCount', { count: step.count })}
          </button>
          <button type="button" className="small-button" onClick={() => setStep({ kind: 'idle', days: step.kept })}>{t('common.cancel')}</button>
        </div>
      ) : null}
      {note !== null ? <p className="note" role="status">{note}</p> : null}
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </form>
  );
}

export function RetentionSettings() {
  const t = useT();
  const accounts = useAppStore('accounts', (state) => state.list);
  const plugins = useAppStore('plugins', (state) => state.list);
  if (accounts.length === 0) return <p className="note">{t('retention.noAccounts')}</p>;
  return (
    <div className="retention-settings">
      <p className="note">{t('retention.intro')}</p>
      {accounts.map((account) => (
        <AccountRetention key={account.id} account={account} name={accountName(account, plugins.find((plugin) => plugin.id === account.pluginId))} />
      ))}
    </div>
  );
}
