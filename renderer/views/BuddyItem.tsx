/**
 * One buddy-list contact: presence dot and words, status message; a click opens the direct
 * conversation. Rename / Remove contact / Block only where the plugin manages contacts;
 * Merge with… on every buddy (a Matrix DM contact too: persons are kept by the core, not
 * on the network). Under an expanded person it also shows its account, and Separate.
 */
import { memo, useState, type SyntheticEvent } from 'react';
import type { ContactView } from '../../electron/bridge/schemas.js';
import { errorMessage } from '../state/actions.js';
import { presenceWords } from '../state/contacts.js';
import { useActions } from './AppContext.js';
import { RowAvatar } from './RowAvatar.js';
import { badgeDescriptionId, NetworkBadge } from './NetworkBadge.js';
import { MoveToGroupMenu } from './MoveToGroupMenu.js';
import { rowAttributes, type RowFrame } from './useWindowedList.js';
import { useT } from '../i18n/index.js';

type Mode = 'idle' | 'renaming' | 'confirm-remove';

export interface BuddyItemProps extends RowFrame {
  readonly contact: ContactView;
  readonly manage: boolean;
  readonly groupName: string;
  /** Shown under a person: the account it is on (the person's row stands for the group). */
  readonly inPerson?: { readonly name: string; readonly accountLabel: string };
  /** Place in its group's list, for screen readers (only a window of the list is rendered). */
  readonly posinset: number;
  readonly setsize: number;
}

/** Memoized: a presence change re-renders only the contacts whose view changed. */
export const BuddyItem = memo(function BuddyItem({ contact, manage, groupName, inPerson, posinset, setsize, ...frame }: BuddyItemProps) {
  const actions = useActions();
  const t = useT();
  const [mode, setMode] = useState<Mode>('idle');
  const [name, setName] = useState(contact.displayName);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const presenceId = `buddy-${contact.accountId}-${groupName}-${contact.id}`.replace(/[^\w-]/g, '_');
  const words = presenceWords(contact.presence.status);
  const message = contact.presence.message?.trim() ?? '';
  const badgeId = badgeDescriptionId(presenceId);

  const run = (action: () => Promise<unknown>, after: Mode = 'idle'): void => {
    setError(null);
    setBusy(true);
    action().then(() => { setMode(after); }, (caught: unknown) => { setError(errorMessage(caught)); })
      .finally(() => setBusy(false));
  };

  const rename = (event: SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    run(() => actions.renameContact(contact, name));
  };

  return (
    <li className={`buddy buddy-row presence-${contact.presence.status}${contact.blocked === true ? ' blocked' : ''}`}
      aria-posinset={posinset} aria-setsize={setsize} {...rowAttributes(frame)}>
      <button type="button" className="contact buddy-open" aria-describedby={`${presenceId} ${badgeId}`} title={t('buddy.chatWith', { name: contact.id })}
        onClick={() => { setError(null); actions.openContact(contact).catch((caught: unknown) => setError(errorMessage(caught))); }}>
        <RowAvatar id={contact.id} name={contact.displayName} imageUrl={contact.avatarDataUrl}><span className="presence-dot" /></RowAvatar>
        <span className="contact-title">{contact.displayName}</span>
        <NetworkBadge accountId={contact.accountId} descriptionId={badgeId} />
      </button>
      <p id={presenceId} className="buddy-presence">
        <span className="buddy-presence-words">{words}</span>
        {message !== '' ? <span className="buddy-status-message"> — {message}</span> : null}
        {contact.blocked === true ? <span className="buddy-blocked"> · {t('buddy.blocked')}</span> : null}
        {inPerson !== undefined ? <span className="buddy-account"> · {inPerson.accountLabel}</span> : null}
      </p>
      {mode === 'idle' ? (
        <div className="buddy-actions" role="group" aria-label={inPerson !== undefined ? t('buddy.manageOn', { name: contact.displayName, account: inPerson.accountLabel }) : t('buddy.manage', { name: contact.displayName })}>
          {inPerson !== undefined ? (
            <button type="button" className="small-button" disabled={busy} title={t('buddy.separateTitle', { name: contact.displayName, person: inPerson.name })}
              onClick={() => run(() => actions.separateContact(contact))}>{t('buddy.separate')}</button>
          ) : null}
          {manage ? (
            <>
              <button type="button" className="small-button" onClick={() => { setName(contact.displayName); setMode('renaming'); }}>{t('buddy.rename')}</button>
              <button type="button" className="small-button" onClick={() => setMode('confirm-remove')}>{t('buddy.remove')}</button>
              <button type="button" className="small-button" disabled={busy}
                onClick={() => run(() => actions.setContactBlocked(contact, contact.blocked !== true))}>
                {contact.blocked === true ? t('buddy.unblock') : t('buddy.block')}
              </button>
            </>
          ) : null}
          <button type="button" className="small-button" onClick={() => actions.askToMerge(contact)}>{t('buddy.mergeWith')}</button>
          <button type="button" className="small-button" title={t('buddy.logDays', { name: contact.displayName })}
            onClick={() => actions.openLog({ subject: { kind: 'buddy', accountId: contact.accountId, contactId: contact.id }, name: contact.displayName })}>{t('header.viewLog')}</button>
          {inPerson === undefined ? <MoveToGroupMenu target={{ kind: 'buddy', contact, from: groupName }} /> : null}
        </div>
      ) : null}
      {mode === 'renaming' ? (
        <form className="buddy-rename" onSubmit={rename}>
          <input type="text" aria-label={t('buddy.newName', { name: contact.displayName })} value={name} maxLength={256}
            autoFocus onChange={(event) => setName(event.target.value)}
            onKeyDown={(event) => { if (event.key === 'Escape') { event.stopPropagation(); setMode('idle'); } }} />
          <button type="submit" className="small-button" disabled={busy}>{t('group.saveName')}</button>
          <button type="button" className="small-button" onClick={() => setMode('idle')}>{t('common.cancel')}</button>
        </form>
      ) : null}
      {mode === 'confirm-remove' ? (
        <div className="buddy-confirm">
          <span>{t('buddy.removeQuestion', { name: contact.displayName })}</span>
          <button type="button" className="small-button danger" disabled={busy} onClick={() => run(() => actions.removeContact(contact), 'confirm-remove')}>
            {t('buddy.yesRemove')}
          </button>
          <button type="button" className="small-button" onClick={() => setMode('idle')}>{t('common.cancel')}</button>
        </div>
      ) : null}
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </li>
  );
});
