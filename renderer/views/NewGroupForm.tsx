/** "New group": a name, then the group is added at the end of the buddy list (every account's buddies can go in it). */
import { useState, type SyntheticEvent } from 'react';
import { errorMessage } from '../state/actions.js';
import { useActions } from './AppContext.js';
import { useT } from '../i18n/index.js';

export function NewGroupForm() {
  const actions = useActions();
  const t = useT();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const create = (event: SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    actions.createGroup(name).then(() => { setName(''); setOpen(false); }, (caught: unknown) => setError(t('buddyDrag.notCreated', { error: errorMessage(caught) })))
      .finally(() => setBusy(false));
  };
  if (!open) return <button type="button" onClick={() => setOpen(true)}>{t('groups.newGroup')}</button>;
  return (
    <form className="new-group" onSubmit={create}>
      <input type="text" aria-label={t('groups.groupName')} placeholder={t('groups.groupName')} value={name} maxLength={100} autoFocus disabled={busy}
        onChange={(event) => setName(event.target.value)}
        onKeyDown={(event) => { if (event.key === 'Escape') { event.stopPropagation(); setOpen(false); } }} />
      <button type="submit" className="small-button" disabled={busy}>{t('groups.create')}</button>
      <button type="button" className="small-button" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </form>
  );
}
