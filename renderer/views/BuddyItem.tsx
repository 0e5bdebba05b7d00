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
import { Avatar } from './Avatar.js';
import { badgeDescriptionId, NetworkBadge } from './NetworkBadge.js';
import { MoveToGroupMenu } from './MoveToGroupMenu.js';
import { rowAttributes, type RowFrame } from './useWindowedList.js';

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
      <button type="button" className="contact buddy-open" aria-describedby={`${presenceId} ${badgeId}`} title={`Chat with ${contact.id}`}
        onClick={() => { setError(null); actions.openContact(contact).catch((caught: unknown) => setError(errorMessage(caught))); }}>
        <Avatar id={contact.id} name={contact.displayName} imageUrl={contact.avatarDataUrl}><span className="presence-dot" /></Avatar>
        <span className="contact-title">{contact.displayName}</span>
        <NetworkBadge accountId={contact.accountId} descriptionId={badgeId} />
      </button>
      <p id={presenceId} className="buddy-presence">
        <span className="buddy-presence-words">{words}</span>
        {message !== '' ? <span className="buddy-status-message"> — {message}</span> : null}
        {contact.blocked === true ? <span className="buddy-blocked"> · Blocked</span> : null}
        {inPerson !== undefined ? <span className="buddy-account"> · {inPerson.accountLabel}</span> : null}
      </p>
      {mode === 'idle' ? (
        <div className="buddy-actions" role="group" aria-label={`Manage ${contact.displayName}${inPerson !== undefined ? ` on ${inPerson.accountLabel}` : ''}`}>
          {inPerson !== undefined ? (
            <button type="button" className="small-button" disabled={busy} title={`Take ${contact.displayName} out of ${inPerson.name}`}
              onClick={() => run(() => actions.separateContact(contact))}>Separate</button>
          ) : null}
          {manage ? (
            <>
              <button type="button" className="small-button" onClick={() => { setName(contact.displayName); setMode('renaming'); }}>Rename</button>
              <button type="button" className="small-button" onClick={() => setMode('confirm-remove')}>Remove contact</button>
              <button type="button" className="small-button" disabled={busy}
                onClick={() => run(() => actions.setContactBlocked(contact, contact.blocked !== true))}>
                {contact.blocked === true ? 'Unblock' : 'Block'}
              </button>
            </>
          ) : null}
          <button type="button" className="small-button" onClick={() => actions.askToMerge(contact)}>Merge with…</button>
          <button type="button" className="small-button" title={`The days you talked with ${contact.displayName}`}
            onClick={() => actions.openLog({ subject: { kind: 'buddy', accountId: contact.accountId, contactId: contact.id }, name: contact.displayName })}>View log</button>
          {inPerson === undefined ? <MoveToGroupMenu target={{ kind: 'buddy', contact, from: groupName }} /> : null}
        </div>
      ) : null}
      {mode === 'renaming' ? (
        <form className="buddy-rename" onSubmit={rename}>
          <input type="text" aria-label={`New name for ${contact.displayName}`} value={name} maxLength={256}
            autoFocus onChange={(event) => setName(event.target.value)}
            onKeyDown={(event) => { if (event.key === 'Escape') { event.stopPropagation(); setMode('idle'); } }} />
          <button type="submit" className="small-button" disabled={busy}>Save name</button>
          <button type="button" className="small-button" onClick={() => setMode('idle')}>Cancel</button>
        </form>
      ) : null}
      {mode === 'confirm-remove' ? (
        <div className="buddy-confirm">
          <span>Remove {contact.displayName} from your contacts?</span>
          <button type="button" className="small-button danger" disabled={busy} onClick={() => run(() => actions.removeContact(contact), 'confirm-remove')}>
            Yes, remove contact
          </button>
          <button type="button" className="small-button" onClick={() => setMode('idle')}>Cancel</button>
        </div>
      ) : null}
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </li>
  );
});
