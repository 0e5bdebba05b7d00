/**
 * One person (metacontact) in the buddy list: its name, best presence, the networks it is
 * on; a click opens the conversation with its best buddy, "Buddies" shows them under it.
 */
import { memo, useState } from 'react';
import { errorMessage } from '../state/actions.js';
import { presenceWords } from '../state/contacts.js';
import type { PersonEntry } from '../state/people.js';
import { useActions } from './AppContext.js';
import { RowAvatar } from './RowAvatar.js';
import { MoveToGroupMenu } from './MoveToGroupMenu.js';
import { rowAttributes, type RowFrame } from './useWindowedList.js';
import { useT } from '../i18n/index.js';

export interface PersonItemProps extends RowFrame {
  readonly person: PersonEntry;
  readonly expanded: boolean;
  /** The buddy-list group it is shown in. */
  readonly groupName: string;
  readonly posinset: number;
  readonly setsize: number;
}

export const PersonItem = memo(function PersonItem({ person, expanded, groupName, posinset, setsize, ...frame }: PersonItemProps) {
  const actions = useActions();
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [renaming, setRenaming] = useState(false);
  const describedBy = `person-${person.id}`;
  const message = person.presence.message?.trim() ?? '';
  return (
    <li className={`buddy person buddy-row presence-${person.presence.status}`} aria-posinset={posinset} aria-setsize={setsize} {...rowAttributes(frame)}>
      <div className="person-head">
        <button type="button" className="contact buddy-open" aria-describedby={describedBy} title={t('buddy.chatWith', { name: person.name })}
          onClick={() => { setError(null); actions.openPerson(person).catch((caught: unknown) => setError(errorMessage(caught))); }}>
          <RowAvatar id={`person-${person.id}`} name={person.name}><span className="presence-dot" /></RowAvatar>
          <span className="contact-title">{person.name}</span>
        </button>
        <button type="button" className="small-button person-toggle" aria-expanded={expanded} aria-label={t('contacts.buddiesOf', { name: person.name })}
          onClick={() => actions.togglePerson(person.id)}>
          {t('person.buddies')}
        </button>
        <button type="button" className="small-button" aria-label={t('person.renameNamed', { name: person.name })} onClick={() => setRenaming(true)}>{t('buddy.rename')}</button>
        <button type="button" className="small-button" aria-label={t('person.viewLogOf', { name: person.name })} title={t('person.logDays', { name: person.name })}
          onClick={() => actions.openLog({ subject: { kind: 'person', personId: person.id }, name: person.name })}>{t('header.viewLog')}</button>
        <MoveToGroupMenu target={{ kind: 'person', personId: person.id, name: person.name, from: groupName }} />
      </div>
      {renaming ? <RenameForm person={person} onDone={() => setRenaming(false)} onError={setError} /> : null}
      <p id={describedBy} className="buddy-presence">
        <span className="buddy-presence-words">{presenceWords(person.presence.status)}</span>
        {message !== '' ? <span className="buddy-status-message"> — {message}</span> : null}
        <span className="person-networks"> · {person.networks.join(', ')}</span>
        <span className="person-count"> · {t('person.count', { count: person.buddies.length })}</span>
      </p>
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </li>
  );
});

/** The person's name, edited in place: Enter saves (blank: called after its first buddy again), Escape cancels. */
function RenameForm({ person, onDone, onError }: { readonly person: PersonEntry; readonly onDone: () => void; readonly onError: (error: string | null) => void }) {
  const actions = useActions();
  const t = useT();
  const [name, setName] = useState(person.name);
  const [saving, setSaving] = useState(false);
  const save = (): void => {
    setSaving(true);
    onError(null);
    actions.renamePerson(person.id, name).then(onDone, (caught: unknown) => {
      onError(t('group.notRenamed', { error: errorMessage(caught) }));
      setSaving(false);
    });
  };
  return (
    <form className="person-rename" onSubmit={(event) => { event.preventDefault(); save(); }}>
      <input type="text" aria-label={t('buddy.newName', { name: person.name })} value={name} maxLength={200} disabled={saving} autoFocus
        onChange={(event) => setName(event.target.value)}
        onKeyDown={(event) => { if (event.key === 'Escape') { event.stopPropagation(); onDone(); } }} />
      <button type="submit" className="small-button" disabled={saving}>{t('common.save')}</button>
      <button type="button" className="small-button" onClick={onDone}>{t('common.cancel')}</button>
    </form>
  );
}
