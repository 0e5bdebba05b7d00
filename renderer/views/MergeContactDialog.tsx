/**
 * "Merge with…": the user picks another buddy (filtered by name, id or account) that is the
 * same person as this one, optionally names the person, and the buddy list then shows them
 * as one entry.
 */
import { useMemo, useState, type SyntheticEvent } from 'react';
import type { ContactView } from '../../electron/bridge/schemas.js';
import { errorMessage } from '../state/actions.js';
import { contactKey } from '../state/contacts.js';
import { mergeCandidates } from '../state/people.js';
import { useActions, useAppStore } from './AppContext.js';
import { Dialog } from './Dialog.js';
import { useAccountLabel, usePersonEntries } from './usePeople.js';
import { useT } from '../i18n/index.js';

/** Buddies listed at once; the filter narrows the rest down. */
const SHOWN = 50;

export function MergeContactDialog({ contact, onClose }: { readonly contact: ContactView; readonly onClose: () => void }) {
  const actions = useActions();
  const t = useT();
  const contacts = useAppStore('contacts', (state) => state.byKey);
  const entries = usePersonEntries();
  const accountLabel = useAccountLabel();
  const [query, setQuery] = useState('');
  const [chosenKey, setChosenKey] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { candidates, more } = useMemo(() => mergeCandidates(contact, contacts, entries, accountLabel, query, SHOWN),
    [contact, contacts, entries, accountLabel, query]);
  const own = entries.find((entry) => entry.buddies.some((buddy) => buddy.accountId === contact.accountId && buddy.id === contact.id));
  const chosen = chosenKey === null ? undefined : contacts.get(chosenKey);

  const submit = (event: SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (!chosen) {
      setError(t('mergeDialog.chooseBuddy'));
      return;
    }
    setError(null);
    setBusy(true);
    actions.mergeContacts(contact, chosen, name).then(onClose, (caught: unknown) => {
      setError(errorMessage(caught));
      setBusy(false);
    });
  };

  return (
    <Dialog title={t('mergeDialog.title', { name: contact.displayName })} onClose={onClose}>
      <form className="dialog-form" noValidate onSubmit={submit}>
        <p className="note">
          {own !== undefined
            ? t('mergeDialog.introMerged', { name: contact.displayName, account: accountLabel(contact.accountId), person: own.name })
            : t('mergeDialog.intro', { name: contact.displayName, account: accountLabel(contact.accountId) })}
        </p>
        <div className="field">
          <label htmlFor="merge-filter">{t('mergeDialog.filter')}</label>
          <input id="merge-filter" type="search" value={query} spellCheck={false} autoCapitalize="off" onChange={(event) => setQuery(event.target.value)} />
        </div>
        <fieldset className="merge-candidates">
          <legend>{t('mergeDialog.buddy')}</legend>
          {candidates.length === 0 ? <p className="note">{query.trim() === '' ? t('mergeDialog.noOther') : t('mergeDialog.noMatch', { query: query.trim() })}</p> : null}
          <ul>
            {candidates.map((candidate) => {
              const key = contactKey(candidate.contact.accountId, candidate.contact.id);
              const id = `merge-${key}`.replace(/[^\w-]/g, '_');
              return (
                <li key={key}>
                  <input id={id} type="radio" name="merge-with" checked={chosenKey === key} onChange={() => setChosenKey(key)} />
                  <label htmlFor={id}>
                    {t(candidate.personName !== undefined ? 'mergeDialog.candidateInPerson' : 'mergeDialog.candidate', {
                      name: candidate.contact.displayName !== candidate.contact.id ? `${candidate.contact.displayName} (${candidate.contact.id})` : candidate.contact.displayName,
                      account: candidate.accountLabel, person: candidate.personName ?? '',
                    })}
                  </label>
                </li>
              );
            })}
          </ul>
          {more ? <p className="note">{t('mergeDialog.more', { count: SHOWN })}</p> : null}
        </fieldset>
        <div className="field">
          <label htmlFor="merge-name">{t('mergeDialog.personName')}</label>
          <input id="merge-name" type="text" value={name} maxLength={100} aria-describedby="merge-name-help" onChange={(event) => setName(event.target.value)} />
          <p id="merge-name-help" className="field-help">{t('mergeDialog.personNameHelp')}</p>
        </div>
        {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="primary" disabled={busy}>{t('merge.merge')}</button>
        </div>
      </form>
    </Dialog>
  );
}
