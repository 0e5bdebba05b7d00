/**
 * The user's status for every account, at the top of the buddy list (Pidgin's status
 * selector): a select named "Status" (the five statuses and the saved ones, most recently
 * used first), the status message, saving the current status under a name, and what the
 * core says (auto-away in effect, networks that cannot show the status chosen).
 */
import { useEffect, useId, useState } from 'react';
import { userStatusSchema, type SavedStatus, type StatusView } from '../../electron/bridge/userStatus.js';
import { errorMessage } from '../state/actions.js';
import { autoAwayLine, currentSaved, readStatusOption, savedOptionValue } from '../state/globalStatus.js';
import { useActions, useAppStore } from './AppContext.js';
import { AutoAwaySettings } from './AutoAwaySettings.js';
import { useT } from '../i18n/index.js';

type FailureKey = 'status.notChanged' | 'status.messageNotChanged' | 'status.notSaved' | 'status.notForgotten';

export function GlobalStatus() {
  const actions = useActions();
  const t = useT();
  const client = useAppStore('connection', (state) => state.client);
  const view = useAppStore('status', (state) => state.view);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (client) actions.loadStatus().catch(() => undefined); // an older core: no Status control
  }, [client, actions]);

  if (!view) return null;
  const run = (what: FailureKey, work: Promise<void>): void => {
    setError(null);
    work.catch((caught: unknown) => setError(t(what, { error: errorMessage(caught) })));
  };
  return <StatusForm view={view} run={run} error={error} />;
}

function StatusForm({ view, run, error }: {
  readonly view: StatusView;
  readonly run: (what: FailureKey, work: Promise<void>) => void;
  readonly error: string | null;
}) {
  const actions = useActions();
  const t = useT();
  const savedLabel = (entry: SavedStatus): string => (entry.message !== undefined
    ? t('status.savedLabelWithMessage', { name: entry.name, status: t(`status.${entry.status}`), message: entry.message })
    : t('status.savedLabel', { name: entry.name, status: t(`status.${entry.status}`) }));
  const accounts = useAppStore('accounts', (state) => state.list);
  const [message, setMessage] = useState(view.global.message ?? '');
  // A new message from the core (another window, a saved status) replaces the field's text;
  // the field itself stays (and keeps the keyboard focus).
  const [shownMessage, setShownMessage] = useState(view.global.message ?? '');
  if ((view.global.message ?? '') !== shownMessage) {
    setShownMessage(view.global.message ?? '');
    setMessage(view.global.message ?? '');
  }
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const nameId = useId();
  const saved = currentSaved(view);
  const auto = autoAwayLine(view);
  const labelOf = (accountId: string): string => accounts.find((account) => account.id === accountId)?.label ?? accountId;
  const own = Object.entries(view.overrides);
  const notes = Object.entries(view.notes);

  const choose = (value: string): void => {
    const option = readStatusOption(value, view.saved);
    if (!option) return;
    if (option.kind === 'status') run('status.notChanged', actions.setStatus(option.status, message));
    else run('status.notChanged', actions.setStatus(option.saved.status, option.saved.message ?? '', option.saved.name));
  };
  const commitMessage = (): void => {
    if (message.trim() !== (view.global.message ?? '')) run('status.messageNotChanged', actions.setStatus(view.global.status, message));
  };
  const save = (): void => {
    if (name.trim() === '') return;
    run('status.notSaved', actions.saveStatus(name, view.global.status, message).then(() => { setNaming(false); setName(''); }));
  };

  return (
    <section className="global-status" aria-label={t('status.region')}>
      <div className="global-status-row">
        <select aria-label={t('status.label')} value={view.global.status} onChange={(event) => choose(event.target.value)}>
          {userStatusSchema.options.map((status) => <option key={status} value={status}>{t(`status.${status}`)}</option>)}
          {view.saved.length > 0 ? (
            <optgroup label={t('status.saved')}>
              {view.saved.map((entry, index) => <option key={entry.name} value={savedOptionValue(index)}>{savedLabel(entry)}</option>)}
            </optgroup>
          ) : null}
        </select>
        <input type="text" className="presence-message" aria-label={t('status.message')} placeholder={t('status.message')}
          value={message} maxLength={1024} onChange={(event) => setMessage(event.target.value)} onBlur={commitMessage}
          onKeyDown={(event) => { if (event.key === 'Enter') { event.preventDefault(); commitMessage(); } }} />
      </div>
      <div className="global-status-row">
        {saved ? (
          <button type="button" className="small-button" onClick={() => run('status.notForgotten', actions.forgetSavedStatus(saved.name))}>
            {t('status.forget', { name: saved.name })}
          </button>
        ) : naming ? (
          <>
            <label htmlFor={nameId} className="visually-hidden">{t('status.savedName')}</label>
            <input id={nameId} type="text" placeholder={t('status.namePlaceholder')} value={name} maxLength={100} autoFocus
              onChange={(event) => setName(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') { event.preventDefault(); save(); }
                if (event.key === 'Escape') setNaming(false);
              }} />
            <button type="button" className="small-button" onClick={save} disabled={name.trim() === ''}>{t('common.save')}</button>
            <button type="button" className="small-button" onClick={() => setNaming(false)}>{t('common.cancel')}</button>
          </>
        ) : (
          <button type="button" className="small-button" onClick={() => setNaming(true)}>{t('status.saveStatus')}</button>
        )}
      </div>
      {auto !== undefined ? <p role="status" className="global-status-note">{auto}</p> : null}
      {own.length > 0 ? (
        <ul className="global-status-notes" aria-label={t('status.ownStatus')}>
          {own.map(([accountId, choice]) => (
            <li key={accountId}>{labelOf(accountId)}: {t(`status.${choice.status}`)}{choice.message !== undefined ? ` (${choice.message})` : ''}</li>
          ))}
        </ul>
      ) : null}
      {notes.length > 0 ? (
        <ul className="global-status-notes" aria-label={t('status.networkNotes')}>
          {notes.map(([accountId, note]) => <li key={accountId}>{labelOf(accountId)}: {note}</li>)}
        </ul>
      ) : null}
      <details className="global-status-auto-away">
        <summary>{t('status.autoAway')}</summary>
        <AutoAwaySettings />
      </details>
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </section>
  );
}
